import { VOUCHERS_TO_CHECK } from './closed-case-records';
import { Injectable } from '@nestjs/common';
import { DataSource, In, type FindOptionsWhere, type SelectQueryBuilder } from 'typeorm';
import { stoppedShort, type CaseOutcome, type ReturnStage } from '@avrr/contracts';
import { CaseStatusEntity, ReturnCaseEntity } from '@avrr/persistence';
import type { StaffPrincipal } from '../auth/principal';
import { decodeCursor, encodeCursor, type ListPosition } from './case-list-cursor';
import type { AwaitedApproval, ListReturnsQueryDto, ReturnListView } from './dto/list-returns.dto';
import { hasOpsFilters, OpsVisibility, type OpsEntry } from './ops-visibility';
import { CaseChanges } from '../changes/case-changes';
import { RememberedReads } from '../changes/remembered-reads';

/** Deep pages whose anchor is remembered (a list and a page each). */
const REMEMBERED_ANCHORS = 1_000;

/** Where a page starts: after this case. */
type CaseBefore = Omit<ListPosition, 'page'>;

/** Up to this many matching cases the total is counted; beyond, it is the planner's estimate (docs/reading-cases.md). */
export const EXACT_TOTAL_UP_TO = 1000;

const NO_WORKFLOW: OpsEntry = {
  waitingOn: null,
  dueAt: null,
  overdue: false,
  lateBySeconds: null,
  blockedBy: [],
  workflowStatus: null,
};

/** A listed case, and its published status when a worker wrote one. */
interface ListedRow {
  caseRef: string;
  programmeCode: string;
  policyVersion: number;
  destinationCountry: string;
  stage: ReturnStage | null;
  outcome: CaseOutcome | null;
  openedAt: Date;
  updatedAt: Date;
  workflowId: string | null;
  position: string;
  runStatus: string | null;
  waitingOn: string | null;
  dueAt: Date | null;
  failingStep: string | null;
}

const LISTED = [
  'c.case_ref AS "caseRef"',
  'c.programme_code AS "programmeCode"',
  'c.policy_version AS "policyVersion"',
  'c.destination_country AS "destinationCountry"',
  'c.stage AS "stage"',
  'c.outcome AS "outcome"',
  'c.created_at AS "openedAt"',
  'c.updated_at AS "updatedAt"',
  'c.workflow_id AS "workflowId"',
  's.run_status AS "runStatus"',
  's.waiting_on AS "waitingOn"',
  's.due_at AS "dueAt"',
  's.failing_step AS "failingStep"',
];

/** The creation time as the cursor keeps it: PostgreSQL's own value, to the microsecond, in UTC. */
const CREATED_AT_TEXT = `to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** The cases matching a list's filters and grant, and, when only the case record decides them, the list's name. */
interface Matching {
  cases: SelectQueryBuilder<ReturnCaseEntity>;
  list: string | null;
}

/**
 * `GET /returns`: the cases a user's grant covers, newest first, then by reference. A page is read off the case
 * list's indexes after the last case of the page before (`cursor`), or by skipping pages (`page`): after the case
 * before the page (its anchor) when that was read and no case changed since, else by skipping every case before it
 * and reading its anchor with it.
 */
@Injectable()
export class CaseList {
  constructor(
    private readonly dataSource: DataSource,
    private readonly visibility: OpsVisibility,
    private readonly changes: CaseChanges,
  ) {}

  /** Per list (filters, grant, page size) and page, the case before that page, as last read. */
  private readonly anchors = new RememberedReads<CaseBefore>(REMEMBERED_ANCHORS);

  async list(query: ListReturnsQueryDto, user: StaffPrincipal): Promise<ReturnListView> {
    const pageSize = query.pageSize ?? 50;
    const after = query.cursor ? decodeCursor(query.cursor)! : null;
    const page = after ? after.page + 1 : (query.page ?? 1);
    const mark = this.changes.mark();
    const { cases: matching, list } = await this.matching(query, user, pageSize);
    const inOrder = (qb: SelectQueryBuilder<ReturnCaseEntity>) =>
      qb
        .orderBy('c.created_at', 'DESC')
        .addOrderBy('c.case_ref', 'ASC')
        .limit(pageSize + 1);
    const rows = inOrder(
      matching
        .clone()
        .select(LISTED)
        .addSelect(CREATED_AT_TEXT, 'position')
        .leftJoin(CaseStatusEntity, 's', 's.case_ref = c.case_ref'),
    );
    const anchorKey = list && `${page} ${list}`;
    const anchor =
      !after && page > 1 && anchorKey
        ? this.anchors.get(anchorKey, (since) => this.changes.noCaseChangedSince(since))
        : undefined;
    // Skipping cases, the case before the page is read too (the first row), to be remembered as the page's anchor.
    const skipping = !after && !anchor && page > 1;
    const startAfter: CaseBefore | undefined = after ?? anchor;
    if (startAfter) {
      rows.andWhere('c.created_at <= :at AND (c.created_at < :at OR c.case_ref > :ref)', {
        at: startAfter.createdAt,
        ref: startAfter.caseRef,
      });
    } else if (skipping) {
      // The skipped cases are read off the index alone; only the page's own rows are fetched and joined.
      const keys = inOrder(matching.clone().select('c.case_ref'))
        .offset((page - 1) * pageSize - 1)
        .limit(pageSize + 2);
      rows.andWhere(`c.case_ref IN (${keys.getQuery()})`).limit(pageSize + 2);
    }
    const [read, total] = await Promise.all([rows.getRawMany<ListedRow>(), this.total(matching)]);
    const before = skipping ? read[0] : undefined;
    if (before && anchorKey) {
      this.anchors.remember(anchorKey, { createdAt: before.position, caseRef: before.caseRef }, mark);
    }
    const found = skipping ? read.slice(1) : read;
    const listed = found.slice(0, pageSize);
    const unpublished = listed.filter((c) => c.workflowId && !c.runStatus).map((c) => c.caseRef);
    const fromTemporal = unpublished.length ? await this.visibility.entries(unpublished) : new Map<string, OpsEntry>();
    const now = Date.now();
    const last = listed.at(-1);
    return {
      items: listed.map((c) => ({
        caseRef: c.caseRef,
        programmeCode: c.programmeCode,
        policyVersion: c.policyVersion,
        destinationCountry: c.destinationCountry,
        stage: c.stage,
        outcome: c.outcome,
        openedAt: c.openedAt,
        updatedAt: c.updatedAt,
        ...(c.runStatus ? opsEntry(c, now) : (fromTemporal.get(c.caseRef) ?? NO_WORKFLOW)),
      })),
      ...total,
      page,
      pageSize,
      next:
        found.length > pageSize && last
          ? encodeCursor({ createdAt: last.position, caseRef: last.caseRef, page })
          : null,
    };
  }

  /** The cases matching the filters and the user's grant, unordered. */
  private async matching(query: ListReturnsQueryDto, user: StaffPrincipal, pageSize: number): Promise<Matching> {
    const where: FindOptionsWhere<ReturnCaseEntity> = {
      ...(query.stage && { stage: query.stage }),
      ...(query.destination && { destinationCountry: query.destination }),
      ...(query.outcome && { outcome: query.outcome }),
    };
    const asked = query.programme ? [query.programme] : null;
    const programmes =
      user.programmes && asked ? asked.filter((c) => user.programmes!.includes(c)) : (asked ?? user.programmes);
    if (programmes) where.programmeCode = In(programmes);
    const filters = {
      overdue: query.overdue,
      failing: query.failing,
      partner: query.partner,
      dueBefore: query.dueBefore ? new Date(query.dueBefore) : undefined,
    };
    const cases = this.dataSource.manager.createQueryBuilder(ReturnCaseEntity, 'c');
    if (query.awaiting) {
      // Work waiting for a second person; read as it stands, not from a page remembered before an approval.
      const awaited = AWAITING[query.awaiting];
      const filtered = hasOpsFilters(filters)
        ? cases.where({ ...where, caseRef: In(await this.visibility.matching(filters, programmes)) })
        : cases.where(where);
      return { cases: filtered.andWhere(`c.case_ref IN (${awaited})`), list: null };
    }
    // Temporal's visibility decides the ops filters: no case change notifies theirs.
    if (hasOpsFilters(filters)) {
      where.caseRef = In(await this.visibility.matching(filters, programmes));
      return { cases: cases.where(where), list: null };
    }
    const { stage, destination, outcome } = query;
    return { cases: cases.where(where), list: JSON.stringify([stage, destination, outcome, programmes, pageSize]) };
  }

  /**
   * The planner's estimate when it expects more than EXACT_TOTAL_UP_TO cases; otherwise counted, reading at most
   * EXACT_TOTAL_UP_TO + 1 of them (an estimate that was too low still gives a total past the bound, marked as an
   * estimate). A page never costs a scan of every matching case.
   */
  private async total(
    matching: SelectQueryBuilder<ReturnCaseEntity>,
  ): Promise<{ total: number; totalEstimated: boolean }> {
    const [sql, parameters] = matching.clone().select('1').getQueryAndParameters();
    const [{ 'QUERY PLAN': plan }] = await this.dataSource.query(`EXPLAIN (FORMAT JSON) ${sql}`, parameters);
    const estimate = Math.round(Number(plan[0]?.Plan?.['Plan Rows'] ?? 0));
    if (estimate > EXACT_TOTAL_UP_TO) return { total: estimate, totalEstimated: true };
    const [{ counted }] = await this.dataSource.query(
      `SELECT count(*)::int AS counted FROM (${sql} LIMIT ${EXACT_TOTAL_UP_TO + 1}) AS matching`,
      parameters,
    );
    if (counted <= EXACT_TOTAL_UP_TO) return { total: counted, totalEstimated: false };
    return { total: counted, totalEstimated: true };
  }
}

/**
 * The cases waiting for each approval: a tranche requested and not yet approved, a plan recorded and not approved; and
 * for finance's check of a voucher the provider refused to void.
 */
const AWAITING: Record<AwaitedApproval, string> = {
  'tranche-approval': `SELECT d.case_ref FROM disbursements d WHERE d.status = 'requested'`,
  'plan-approval': `SELECT p.case_ref FROM reintegration_plans p WHERE p.approved_at IS NULL`,
  'voucher-check': `SELECT v.case_ref FROM (${VOUCHERS_TO_CHECK}) v`,
};

/**
 * A return's ops entry from its published status, as its search attributes would give it: what it waits on only
 * while it runs, and late as of now.
 */
function opsEntry(c: ListedRow, now: number): OpsEntry {
  const running = c.runStatus === 'RUNNING';
  const due = running && c.dueAt ? c.dueAt.getTime() : null;
  const late = due === null ? -1 : Math.floor((now - due) / 1000);
  return {
    waitingOn: running ? c.waitingOn : null,
    dueAt: due === null ? null : new Date(due).toISOString(),
    overdue: due !== null && now >= due,
    lateBySeconds: late > 0 ? late : null,
    // Stopped short in Temporal: said first, as in the case's view (which adds the reason).
    blockedBy: running ? (c.failingStep ? [c.failingStep] : []) : [stoppedShort(c.runStatus)].filter((b) => b !== null),
    workflowStatus: c.runStatus,
  };
}
