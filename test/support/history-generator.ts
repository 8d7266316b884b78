import { stringify } from 'csv-stringify/sync';
import { HISTORY_COLUMNS } from '../../apps/api/src/reports/import/history-rows';

/**
 * A programme's history shaped like the seed's (IOM Romania 2015-2023: thousands counselled, hundreds returned,
 * over a hundred return allowances), generated from a seed so a test can compute its figures independently.
 * One row per person, in the columns of the import template.
 */
export interface HistoryRow {
  caseRef: string;
  role: 'returnee' | 'dependant';
  sex: string;
  ageAtIntake: number;
  hostCountry: string;
  destinationCountry: string;
  destinationCity: string;
  targetGroup: string;
  vulnerabilities: string;
  openedOn: string;
  refusalReason: string;
  declaredOn: string;
  bookedOn: string;
  departedOn: string;
  arrivedOn: string;
  outcome: string;
  closedOn: string;
  allowanceAmount: string;
  allowanceCurrency: string;
}

const DESTINATIONS = ['PK', 'NG', 'GE', 'MD', 'IQ', 'TR', 'EG', 'VN', 'CN', 'MA', 'BD', 'DZ'];
const TARGET_GROUPS = [
  'rejected-asylum-seeker',
  'withdrawn-asylum-seeker',
  'return-decision',
  'stranded-migrant',
  'victim-of-trafficking',
];
const VULNERABILITIES = ['medical-need', 'single-parent', 'victim-of-torture', 'elderly', 'pregnancy'];
const SEXES = ['male', 'male', 'female', 'female', 'male', 'other', ''];
const REASONS = ['target group not covered by the programme', 'destination closed for return'];

/** A small deterministic generator (mulberry32). */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const addDays = (day: string, days: number) => new Date(Date.parse(day) + days * 86_400_000).toISOString().slice(0, 10);

export function generateHistory({
  cases,
  prefix,
  seed = 16,
  fromYear = 2015,
  toYear = 2023,
}: {
  cases: number;
  prefix: string;
  seed?: number;
  fromYear?: number;
  toYear?: number;
}): HistoryRow[] {
  const next = random(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
  const rows: HistoryRow[] = [];
  const span = Date.parse(`${toYear}-09-30`) - Date.parse(`${fromYear}-01-01`);
  for (let i = 0; i < cases; i++) {
    const openedOn = new Date(Date.parse(`${fromYear}-01-01`) + Math.floor(next() * span)).toISOString().slice(0, 10);
    const roll = next();
    const outcome =
      roll < 0.1
        ? 'ineligible'
        : roll < 0.5
          ? 'declaration-expired'
          : roll < 0.83
            ? 'withdrawn'
            : pick(['returned', 'completed', 'lost-contact', 're-migrated']);
    const declaredOn = ['ineligible', 'declaration-expired'].includes(outcome)
      ? ''
      : addDays(openedOn, Math.floor(next() * 60));
    const home = !['ineligible', 'declaration-expired', 'withdrawn'].includes(outcome);
    const bookedOn = declaredOn && (home || next() < 0.5) ? addDays(declaredOn, 5 + Math.floor(next() * 20)) : '';
    const departedOn = home ? addDays(bookedOn, 3 + Math.floor(next() * 30)) : '';
    const arrivedOn = home ? addDays(departedOn, Math.floor(next() * 2)) : '';
    const last = arrivedOn || bookedOn || declaredOn || openedOn;
    const closedOn =
      outcome === 'ineligible'
        ? openedOn
        : addDays(last, home && outcome !== 'returned' ? 90 + Math.floor(next() * 300) : Math.floor(next() * 40));
    const vulnerabilities =
      next() < 0.3 ? [pick(VULNERABILITIES), ...(next() < 0.3 ? [pick(VULNERABILITIES)] : [])] : [];
    const dependants = next() < 0.2 ? 1 + Math.floor(next() * 3) : 0;
    const caseColumns = {
      caseRef: `${prefix}-${String(i).padStart(6, '0')}`,
      hostCountry: next() < 0.9 ? 'RO' : 'BG',
      destinationCountry: pick(DESTINATIONS),
      destinationCity: '',
      targetGroup: pick(TARGET_GROUPS),
      vulnerabilities: [...new Set(vulnerabilities)].join(';'),
      openedOn,
      refusalReason: outcome === 'ineligible' ? pick(REASONS) : '',
      declaredOn,
      bookedOn,
      departedOn,
      arrivedOn,
      outcome,
      closedOn,
    };
    for (let p = 0; p <= dependants; p++) {
      const ageAtIntake = p === 0 ? 18 + Math.floor(next() * 50) : Math.floor(next() * 17);
      const allowance = home && ageAtIntake >= 18 && next() < 0.45;
      rows.push({
        ...caseColumns,
        role: p === 0 ? 'returnee' : 'dependant',
        sex: pick(SEXES),
        ageAtIntake,
        allowanceAmount: allowance ? (next() < 0.8 ? '100' : '50.50') : '',
        allowanceCurrency: allowance ? (next() < 0.8 ? 'USD' : 'EUR') : '',
      });
    }
  }
  return rows;
}

export function historyCsv(rows: HistoryRow[], extraLines: string[] = []): string {
  const body = stringify(
    rows.map((row) => HISTORY_COLUMNS.map((c) => row[c])),
    { record_delimiter: '\n' },
  );
  return `${HISTORY_COLUMNS.join(',')}\n${body}${extraLines.map((l) => `${l}\n`).join('')}`;
}
