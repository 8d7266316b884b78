import { Injectable } from '@nestjs/common';
import { setRecent } from '../common/recent-map';
import { CaseChanges } from '../changes/case-changes';
import type { ListPosition } from './case-list-cursor';

/** Anchors remembered (a list and a page each); the least recently read is forgotten first. */
const REMEMBERED = 1_000;

export type CaseBefore = Omit<ListPosition, 'page'>;

/**
 * The case before a page of the case list, as last read: a page asked for by number then starts after it, read off
 * the index from there, instead of skipping every case before it. An anchor holds only while no change of any case
 * has been notified since its read began (CaseChanges); a change, or notifications that cannot come, forget it.
 */
@Injectable()
export class PageAnchors {
  private readonly anchors = new Map<string, { before: CaseBefore; mark: number }>();

  constructor(private readonly changes: CaseChanges) {}

  /** A mark to take before reading a page whose anchor is then remembered. */
  mark(): number | null {
    return this.changes.mark();
  }

  /** The case before `page` of the list `list` names, when it was read and no case changed since. */
  before(list: string, page: number): CaseBefore | null {
    const key = `${page} ${list}`;
    const anchor = this.anchors.get(key);
    if (!anchor) return null;
    if (!this.changes.noCaseChangedSince(anchor.mark)) {
      this.anchors.delete(key);
      return null;
    }
    setRecent(this.anchors, key, anchor, REMEMBERED);
    return anchor.before;
  }

  remember(list: string, page: number, before: CaseBefore, mark: number | null): void {
    if (mark !== null) setRecent(this.anchors, `${page} ${list}`, { before, mark }, REMEMBERED);
  }
}
