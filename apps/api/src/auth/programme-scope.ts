import { BeyondGrantError, OutOfScopeError } from '../errors/domain-errors';
import type { StaffPrincipal } from './principal';

/** Whether the user's grant covers the programme: every programme for a null grant, else those it lists. */
export function covers(user: StaffPrincipal, programmeCode: string): boolean {
  return user.programmes === null || user.programmes.includes(programmeCode);
}

export function assertCovers(user: StaffPrincipal, programmeCode: string): void {
  if (!covers(user, programmeCode)) throw new OutOfScopeError(programmeCode);
}

/**
 * Whether the user's grant covers all of another grant: a grant for every programme (null) is covered only by
 * another such grant. An administrator limited to some programmes administers only the staff and grants within them.
 */
export function coversGrant(user: StaffPrincipal, grant: string[] | null): boolean {
  if (user.programmes === null) return true;
  return grant !== null && grant.every((code) => user.programmes!.includes(code));
}

/** What every programme shares (the partner directory, the list of programmes) changes only under a grant for all. */
export function assertGrantForAll(user: StaffPrincipal, what: string): void {
  if (user.programmes !== null) {
    throw new BeyondGrantError(
      `${what} is shared by every programme: only an administrator of all programmes changes it`,
    );
  }
}
