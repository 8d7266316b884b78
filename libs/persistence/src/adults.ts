import type { CasePersonEntity } from './entities';

/** Today's date in UTC, as YYYY-MM-DD: the day dates in requests are compared with. */
export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * The case's persons who are 18 or older today: each gets a return allowance and counts as an adult for the
 * reintegration ceiling; the others count as children.
 */
export function adultsOf<P extends Pick<CasePersonEntity, 'dateOfBirth'>>(persons: P[]): P[] {
  const today = todayUtc();
  return persons.filter(({ dateOfBirth }) => `${Number(dateOfBirth.slice(0, 4)) + 18}${dateOfBirth.slice(4)}` <= today);
}
