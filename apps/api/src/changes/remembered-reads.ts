import { setRecent } from '../common/recent-map';

/**
 * Reads an API instance remembers, each with the change mark (CaseChanges) taken before it was read: one holds while
 * the check its user gives vouches that nothing it read has changed since that mark. At most `limit` are kept, the
 * least recently used forgotten first; one that no longer holds is forgotten when looked up.
 */
export class RememberedReads<V> {
  private readonly reads = new Map<string, { value: V; mark: number }>();

  constructor(private readonly limit: number) {}

  get(key: string, holds: (mark: number) => boolean): V | undefined {
    const read = this.reads.get(key);
    if (!read) return undefined;
    if (!holds(read.mark)) {
      this.reads.delete(key);
      return undefined;
    }
    setRecent(this.reads, key, read, this.limit);
    return read.value;
  }

  /** Remembers `value`, read after `mark` was taken; nothing while no mark could be (notifications cannot come). */
  remember(key: string, value: V, mark: number | null): void {
    if (mark !== null) setRecent(this.reads, key, { value, mark }, this.limit);
  }
}
