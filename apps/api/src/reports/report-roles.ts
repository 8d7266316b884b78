import type { Role } from '../auth/roles';

/**
 * Who reads the figures: supervisors (who run the programme), auditors (who check it) and administrators (who keep
 * programmes and answer the donor). Figures hold no names, and small breakdown cells are suppressed.
 */
export const REPORT_READERS: Role[] = ['administrator', 'supervisor', 'auditor'];

/** Who loads a programme's history: the administrator who sets the programme up, or its supervisor. */
export const HISTORY_IMPORTERS: Role[] = ['administrator', 'supervisor'];
