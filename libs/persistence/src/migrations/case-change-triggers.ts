import type { QueryRunner } from 'typeorm';

/** Each write to these tables notifies `case_changed` with its case reference (function `notify_case_changed`). */
export async function notifyCaseChanges(q: QueryRunner, tables: string[]): Promise<void> {
  for (const table of tables) {
    await q.query(
      `CREATE TRIGGER ${table}_changed AFTER INSERT OR UPDATE OR DELETE ON ${table}
       FOR EACH ROW EXECUTE FUNCTION notify_case_changed()`,
    );
  }
}

export async function stopNotifyingCaseChanges(q: QueryRunner, tables: string[]): Promise<void> {
  for (const table of tables) await q.query(`DROP TRIGGER ${table}_changed ON ${table}`);
}
