import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** Built tools (the Temporal CLI) live outside the repo, so every clone on the machine reuses them. */
export function toolCacheDir(): string {
  return process.env.AVRR_CACHE_DIR ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'avrr-returns');
}

/** Local data (Temporal's SQLite file, the embedded PostgreSQL cluster) lives in the clone, under `.data/`. */
export function localDataDir(): string {
  return process.env.AVRR_DATA_DIR ?? resolve(__dirname, '../../../.data');
}
