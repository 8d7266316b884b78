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

/**
 * A trigger function that notifies `channel` with the written row's `column` (the old row's, for a delete): delivered
 * at commit, equal notifications of one transaction folded into one.
 */
export async function createNotifyFunction(q: QueryRunner, name: string, channel: string, column: string) {
  await q.query(
    `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       IF TG_OP = 'DELETE' THEN
         PERFORM pg_notify('${channel}', OLD.${column});
       ELSE
         PERFORM pg_notify('${channel}', NEW.${column});
       END IF;
       RETURN NULL;
     END $$`,
  );
}
