import { OutOfScopeError } from '../errors/domain-errors';
import type { StaffPrincipal } from './principal';

/** Whether the user's grant covers the programme: every programme for a null grant, else those it lists. */
export function covers(user: StaffPrincipal, programmeCode: string): boolean {
  return user.programmes === null || user.programmes.includes(programmeCode);
}

export function assertCovers(user: StaffPrincipal, programmeCode: string): void {
  if (!covers(user, programmeCode)) throw new OutOfScopeError(programmeCode);
}
