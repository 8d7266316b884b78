/**
 * Loaded (`-r`) into the API and worker processes the bench starts: counts the SQL statements the process sends and
 * answers the bench's questions over IPC (statements so far; memory after a full collection). Nothing else changes.
 */
import { memoryNow } from './measure';

let statements = 0;
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the driver's own class, patched to count
const { Client } = require('pg') as { Client: { prototype: { query: (...args: unknown[]) => unknown } } };
const query = Client.prototype.query;
Client.prototype.query = function (this: unknown, ...args: unknown[]) {
  statements++;
  return query.apply(this, args);
};

export type ProbeQuestion = { id: number; ask: 'statements' | 'memory' };

process.on('message', ({ id, ask }: ProbeQuestion) => {
  process.send?.(ask === 'statements' ? { id, statements } : { id, ...memoryNow() });
});
// The channel alone does not keep the process alive: it ends as it would without the bench.
process.channel?.unref();
