import type { EntityManager, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { RowUndo } from '@avrr/persistence';

type Row = Record<string, unknown>;

/**
 * The rows a step writes, each with how to take it back: a step is written before the workflow decides on it, and
 * a refused step must leave the case as it was. Keys and values are kept by column name.
 */
export class StepWrites {
  readonly undo: RowUndo[] = [];

  constructor(readonly manager: EntityManager) {}

  /** Inserts the rows, or nothing where one with the same key exists (a repeated step writes nothing twice). */
  async insert<T extends ObjectLiteral>(
    entity: EntityTarget<T>,
    values: QueryDeepPartialEntity<T> | QueryDeepPartialEntity<T>[],
  ): Promise<number> {
    const meta = this.manager.connection.getMetadata(entity);
    const keys = meta.primaryColumns.map((c) => c.databaseName);
    const result = await this.manager
      .createQueryBuilder()
      .insert()
      .into(entity)
      .values(values)
      .orIgnore()
      .returning(keys.map((k) => `"${k}"`).join(', '))
      .execute();
    const inserted = result.raw as Row[];
    for (const row of inserted) this.undo.push({ entity: meta.name, kind: 'delete', where: pick(row, keys) });
    return inserted.length;
  }

  /** Inserts the row, or replaces the values of the one with the same `conflict` columns. */
  async upsert<T extends ObjectLiteral>(
    entity: EntityTarget<T>,
    values: QueryDeepPartialEntity<T>,
    conflict: (keyof T & string)[],
  ): Promise<void> {
    const meta = this.manager.connection.getMetadata(entity);
    const where = columnsOf(meta, pickProps(values as Row, conflict));
    const [before] = await this.select(meta, where);
    await this.manager.upsert(entity, values, conflict);
    this.undo.push(
      before
        ? {
            entity: meta.name,
            kind: 'restore',
            where,
            values: pick(before, Object.keys(columnsOf(meta, values as Row))),
          }
        : { entity: meta.name, kind: 'delete', where },
    );
  }

  /** Sets `set` on the rows `where` finds (by property name). */
  async update<T extends ObjectLiteral>(
    entity: EntityTarget<T>,
    where: Partial<T>,
    set: QueryDeepPartialEntity<T>,
  ): Promise<void> {
    const meta = this.manager.connection.getMetadata(entity);
    const whereColumns = columnsOf(meta, where as Row);
    const changed = Object.keys(columnsOf(meta, set as Row));
    const keys = meta.primaryColumns.map((c) => c.databaseName);
    for (const before of await this.select(meta, whereColumns)) {
      this.undo.push({ entity: meta.name, kind: 'restore', where: pick(before, keys), values: pick(before, changed) });
    }
    await this.manager.update(entity, where, set);
  }

  private select(meta: EntityMetadata, where: Row): Promise<Row[]> {
    const names = Object.keys(where);
    return this.manager.query(
      `SELECT * FROM "${meta.tableName}" WHERE ${names.map((n, i) => `"${n}" = $${i + 1}`).join(' AND ')} FOR NO KEY UPDATE`,
      names.map((n) => where[n]),
    );
  }
}

/** Takes back what a refused step wrote, newest first. */
export async function undoRows(manager: EntityManager, undo: RowUndo[]): Promise<void> {
  for (const entry of [...undo].reverse()) {
    const meta = manager.connection.getMetadata(entry.entity);
    const where = Object.keys(entry.where);
    const whereSql = (offset: number) => where.map((n, i) => `"${n}" = $${i + 1 + offset}`).join(' AND ');
    if (entry.kind === 'delete') {
      await manager.query(
        `DELETE FROM "${meta.tableName}" WHERE ${whereSql(0)}`,
        where.map((n) => entry.where[n]),
      );
    } else {
      const set = Object.keys(entry.values);
      const value = (n: string) => {
        const type = meta.columns.find((c) => c.databaseName === n)?.type;
        const v = entry.values[n];
        return (type === 'jsonb' || type === 'json') && v !== null ? JSON.stringify(v) : v;
      };
      await manager.query(
        `UPDATE "${meta.tableName}" SET ${set.map((n, i) => `"${n}" = $${i + 1}`).join(', ')} WHERE ${whereSql(set.length)}`,
        [...set.map(value), ...where.map((n) => entry.where[n])],
      );
    }
  }
}

function pick(row: Row, names: string[]): Row {
  return Object.fromEntries(names.map((n) => [n, row[n]]));
}

function pickProps(values: Row, props: string[]): Row {
  return Object.fromEntries(props.map((p) => [p, values[p]]));
}

/** Property names to column names, for the properties that are plain columns. */
function columnsOf(meta: EntityMetadata, byProperty: Row): Row {
  const out: Row = {};
  for (const [prop, v] of Object.entries(byProperty)) {
    const column = meta.columns.find((c) => c.propertyName === prop);
    if (column) out[column.databaseName] = v;
  }
  return out;
}
