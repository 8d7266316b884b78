import { todayUtc } from '@avrr/persistence';
import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { isISO31661Alpha2 } from 'class-validator';
import {
  CASE_OUTCOMES,
  CASE_REF_PATTERN,
  CLOSURE_OUTCOMES,
  SEXES,
  TARGET_GROUPS,
  VULNERABILITIES,
  type CaseOutcome,
} from '@avrr/contracts';
import { isCurrencyCode } from '../../common/code-rules';
import { singleLineRule } from '../../common/text-rules';
import { InvalidFieldError } from '../../errors/domain-errors';
import { isCalendarDate } from '../../returns/dto/date-only.validators';

/** The columns of a history file, in the template's order; docs/reports.md describes each. */
export const HISTORY_COLUMNS = [
  'caseRef',
  'role',
  'sex',
  'ageAtIntake',
  'hostCountry',
  'destinationCountry',
  'destinationCity',
  'targetGroup',
  'vulnerabilities',
  'openedOn',
  'refusalReason',
  'declaredOn',
  'bookedOn',
  'departedOn',
  'arrivedOn',
  'outcome',
  'closedOn',
  'allowanceAmount',
  'allowanceCurrency',
] as const;
type Column = (typeof HISTORY_COLUMNS)[number];
type Row = Record<Column, string>;

/** Columns that describe the case: the same on every row of the case. */
const CASE_COLUMNS: Column[] = HISTORY_COLUMNS.filter(
  (c) => !['role', 'sex', 'ageAtIntake', 'allowanceAmount', 'allowanceCurrency'].includes(c),
);
const HOME: string[] = ['returned', ...CLOSURE_OUTCOMES];
/** The first day the reports cover (report-query.dto.ts): a case before it could never be counted. */
const FIRST_DAY = '1900-01-01';

export interface RefusedField {
  line: number;
  field: string;
  rule: string;
}

export interface HistoryPerson {
  line: number;
  role: 'returnee' | 'dependant';
  sex: string | null;
  ageAtIntake: number;
  allowance: { amount: number; currency: string } | null;
}

/** One closed case of the programme's history, as its rows describe it. */
export interface HistoryCase {
  caseRef: string;
  firstLine: number;
  hostCountry: string;
  destinationCountry: string;
  destinationCity: string;
  targetGroup: string;
  vulnerabilities: string[];
  openedOn: string;
  refusalReason: string | null;
  declaredOn: string | null;
  bookedOn: string | null;
  departedOn: string | null;
  arrivedOn: string | null;
  outcome: CaseOutcome;
  closedOn: string;
  /** The returnee first. */
  people: HistoryPerson[];
  /** Of the case's rows as read: the same rows give the same digest, so a re-import is recognised. */
  digest: string;
}

/** Parses the file and checks it row by row: the cases whose every row holds, and each broken rule by line. */
export function readHistory(csv: string): { cases: HistoryCase[]; refused: RefusedField[] } {
  const records = parseCsv(csv);
  const refused: RefusedField[] = [];
  const byCase = new Map<string, { line: number; row: Row }[]>();
  for (const { line, row } of records) {
    const problems = rowProblems(row);
    refused.push(...problems.map(([field, rule]) => ({ line, field, rule })));
    if (problems.length === 0 || !problems.some(([field]) => field === 'caseRef')) {
      byCase.set(row.caseRef, [...(byCase.get(row.caseRef) ?? []), { line, row }]);
    }
  }
  const refusedLines = new Set(refused.map((r) => r.line));
  const cases: HistoryCase[] = [];
  for (const [caseRef, rows] of byCase) {
    const caseProblems = caseLevelProblems(rows);
    refused.push(...caseProblems);
    const bad = rows.filter(({ line }) => refusedLines.has(line) || caseProblems.some((p) => p.line === line));
    if (bad.length > 0) {
      for (const { line } of rows.filter((r) => !bad.includes(r) && !refusedLines.has(r.line))) {
        refused.push({ line, field: 'caseRef', rule: `another row of case ${caseRef} was refused` });
      }
      continue;
    }
    cases.push(historyCase(caseRef, rows));
  }
  refused.sort((a, b) => a.line - b.line || a.field.localeCompare(b.field));
  return { cases, refused };
}

function parseCsv(csv: string): { line: number; row: Row }[] {
  let parsed: { record: Record<string, string>; info: { lines: number } }[];
  try {
    parsed = parse(csv, { bom: true, columns: true, info: true, trim: true, skip_empty_lines: true });
  } catch (error) {
    throw new InvalidFieldError('file', `is not a CSV file the template describes: ${(error as Error).message}`);
  }
  const header = parsed.length > 0 ? Object.keys(parsed[0].record) : [];
  const missing = HISTORY_COLUMNS.filter((column) => !header.includes(column));
  if (parsed.length > 0 && missing.length > 0) {
    throw new InvalidFieldError('file', `lacks the column(s) ${missing.join(', ')} (see the template)`);
  }
  return parsed.map(({ record, info }) => ({ line: info.lines, row: record as Row }));
}

function rowProblems(row: Row): [string, string][] {
  const problems: [string, string][] = [];
  const check = (field: Column, holds: boolean, rule: string) => {
    if (!holds) problems.push([field, rule]);
  };
  const date = (field: Column, required: boolean) => {
    const value = row[field];
    if (!value) return check(field, !required, 'is required');
    check(
      field,
      isCalendarDate(value) && value >= FIRST_DAY && value <= todayUtc(),
      `must be a date (YYYY-MM-DD) from ${FIRST_DAY}, not in the future`,
    );
  };
  check('caseRef', CASE_REF_PATTERN.test(row.caseRef), 'must be 3 to 40 upper-case letters, digits or dashes');
  check('role', ['returnee', 'dependant'].includes(row.role), 'must be returnee or dependant');
  check(
    'sex',
    !row.sex || (SEXES as readonly string[]).includes(row.sex),
    `must be empty or one of: ${SEXES.join(', ')}`,
  );
  check(
    'ageAtIntake',
    /^\d{1,3}$/.test(row.ageAtIntake) && Number(row.ageAtIntake) <= 120,
    'must be a whole number from 0 to 120',
  );
  const city = singleLineRule(120);
  if (row.destinationCity) check('destinationCity', city.holds(row.destinationCity), city.rule);
  const reason = singleLineRule(500);
  if (row.refusalReason) check('refusalReason', reason.holds(row.refusalReason), reason.rule);
  check('hostCountry', isISO31661Alpha2(row.hostCountry), 'must be an ISO 3166-1 alpha-2 code');
  check('destinationCountry', isISO31661Alpha2(row.destinationCountry), 'must be an ISO 3166-1 alpha-2 code');
  check(
    'targetGroup',
    (TARGET_GROUPS as readonly string[]).includes(row.targetGroup),
    `must be one of: ${TARGET_GROUPS.join(', ')}`,
  );
  const vulnerabilities = row.vulnerabilities ? row.vulnerabilities.split(';') : [];
  check(
    'vulnerabilities',
    vulnerabilities.every((v) => (VULNERABILITIES as readonly string[]).includes(v)),
    `must be empty or a ;-separated list of: ${VULNERABILITIES.join(', ')}`,
  );
  check(
    'outcome',
    (CASE_OUTCOMES as readonly string[]).includes(row.outcome),
    `must be one of: ${CASE_OUTCOMES.join(', ')}`,
  );
  for (const field of ['openedOn', 'closedOn'] as const) date(field, true);
  for (const field of ['declaredOn', 'bookedOn', 'departedOn', 'arrivedOn'] as const) date(field, false);
  const order: Column[] = ['openedOn', 'declaredOn', 'bookedOn', 'departedOn', 'arrivedOn', 'closedOn'];
  for (let i = 1; i < order.length; i++) {
    const earlier = order.slice(0, i).filter((f) => row[f]);
    const before = earlier[earlier.length - 1];
    if (row[order[i]] && before && row[order[i]] < row[before])
      problems.push([order[i], `must not be before ${before}`]);
  }
  const refused = row.outcome === 'ineligible';
  check(
    'refusalReason',
    refused === Boolean(row.refusalReason),
    refused ? 'is required when the outcome is ineligible' : 'must be empty unless the outcome is ineligible',
  );
  if (refused) check('declaredOn', !row.declaredOn, 'must be empty for a case refused at intake');
  const home = HOME.includes(row.outcome);
  check(
    'departedOn',
    home ? Boolean(row.departedOn) : !row.departedOn,
    home ? `is required when the outcome is ${row.outcome}` : `must be empty when the outcome is ${row.outcome}`,
  );
  check(
    'arrivedOn',
    home ? Boolean(row.arrivedOn) : !row.arrivedOn,
    home ? `is required when the outcome is ${row.outcome}` : `must be empty when the outcome is ${row.outcome}`,
  );
  if (row.departedOn) check('declaredOn', Boolean(row.declaredOn), 'is required when departedOn is given');
  if (row.allowanceAmount || row.allowanceCurrency) {
    check(
      'allowanceAmount',
      /^\d{1,8}(\.\d{1,2})?$/.test(row.allowanceAmount),
      'must be an amount from 0 to 99999999.99, digits with at most 2 decimals',
    );
    check('allowanceCurrency', isCurrencyCode(row.allowanceCurrency), 'must be an ISO 4217 currency code such as EUR');
    check('departedOn', Boolean(row.departedOn), 'is required when an allowance was handed over');
  }
  return problems;
}

/** One returnee per case, and the case's columns the same on every row. */
function caseLevelProblems(rows: { line: number; row: Row }[]): RefusedField[] {
  const problems: RefusedField[] = [];
  const returnees = rows.filter(({ row }) => row.role === 'returnee');
  if (returnees.length !== 1) {
    problems.push({
      line: (returnees[1] ?? rows[0]).line,
      field: 'role',
      rule: 'a case needs exactly one returnee row',
    });
  }
  const [first, ...others] = rows;
  for (const { line, row } of others) {
    for (const column of CASE_COLUMNS) {
      if (row[column] !== first.row[column]) {
        problems.push({ line, field: column, rule: `must equal line ${first.line}, the case's first row` });
      }
    }
  }
  return problems;
}

function historyCase(caseRef: string, rows: { line: number; row: Row }[]): HistoryCase {
  const sorted = [...rows].sort((a, b) =>
    a.row.role === b.row.role ? a.line - b.line : a.row.role === 'returnee' ? -1 : 1,
  );
  const { row } = sorted[0];
  const orNull = (value: string) => value || null;
  return {
    caseRef,
    firstLine: rows[0].line,
    hostCountry: row.hostCountry,
    destinationCountry: row.destinationCountry,
    destinationCity: row.destinationCity,
    targetGroup: row.targetGroup,
    vulnerabilities: row.vulnerabilities ? row.vulnerabilities.split(';') : [],
    openedOn: row.openedOn,
    refusalReason: orNull(row.refusalReason),
    declaredOn: orNull(row.declaredOn),
    bookedOn: orNull(row.bookedOn),
    departedOn: orNull(row.departedOn),
    arrivedOn: orNull(row.arrivedOn),
    outcome: row.outcome as CaseOutcome,
    closedOn: row.closedOn,
    people: sorted.map(({ line, row: person }) => ({
      line,
      role: person.role as 'returnee' | 'dependant',
      sex: orNull(person.sex),
      ageAtIntake: Number(person.ageAtIntake),
      allowance: person.allowanceAmount
        ? { amount: Number(person.allowanceAmount), currency: person.allowanceCurrency }
        : null,
    })),
    digest: createHash('sha256')
      .update(JSON.stringify(sorted.map((r) => HISTORY_COLUMNS.map((c) => r.row[c]))))
      .digest('hex'),
  };
}
