import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

/**
 * What a local partner holds (bookings, vouchers, caught mail), kept in a JSON file when given one: a restart of
 * `npm start` finds it again, as a real partner would still hold it. Without a file (tests), it lives in memory.
 */
export function keptState<T>(file: string | undefined, empty: T): { state: T; save(): void } {
  const state = file && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : empty;
  return {
    state,
    save() {
      if (!file) return;
      // Written whole, then renamed over the last copy: a process killed while writing leaves the last one.
      writeFileSync(`${file}.tmp`, JSON.stringify(state));
      renameSync(`${file}.tmp`, file);
    },
  };
}
