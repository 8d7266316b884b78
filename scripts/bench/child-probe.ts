/**
 * Loaded (`-r`) into the API and worker processes the bench starts: counts the SQL statements the process sends and
 * answers the bench's questions over IPC (statements so far; memory after a full collection). Nothing else changes.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let statements = 0;
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the driver's own class, patched to count
const { Client } = require('pg') as { Client: { prototype: { query: (...args: unknown[]) => unknown } } };
const query = Client.prototype.query;
Client.prototype.query = function (this: unknown, ...args: unknown[]) {
  statements++;
  return query.apply(this, args);
};

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

export type ProbeQuestion = { id: number; ask: 'statements' | 'memory' };

process.on('message', ({ id, ask }: ProbeQuestion) => {
  if (ask === 'statements') return process.send?.({ id, statements });
  gc();
  gc();
  const { heapUsed, rss } = process.memoryUsage();
  process.send?.({ id, heapMb: heapUsed / 2 ** 20, rssMb: rss / 2 ** 20 });
});
// The channel alone does not keep the process alive: it ends as it would without the bench.
process.channel?.unref();
