/** Staff roles. Every route names the roles it allows; a route that names none is refused to everyone. */
export const ROLES = ['administrator', 'case-worker', 'supervisor', 'finance-officer', 'monitor', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Everyone who may read a case: all but the administrator, who manages users, programmes and partners. */
export const CASE_READERS: Role[] = ['case-worker', 'supervisor', 'finance-officer', 'monitor', 'auditor'];
