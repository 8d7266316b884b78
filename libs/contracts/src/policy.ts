import type { IsoDuration } from './durations';

/** When a partner must answer, and how often it is reminded after that. */
export interface PartnerStepPolicy {
  /** How long after the request the partner's answer is due. */
  dueAfter: IsoDuration;
  /** How often the partner is reminded once the answer is overdue. */
  reminderEvery: IsoDuration;
}

/**
 * The part of a programme's policy a return needs while it runs. It is pinned to the case when the case
 * starts (programme code and version), so a later revision of the programme never alters a running return.
 */
export interface ReturnPolicy {
  programmeCode: string;
  version: number;
  travelDocument: PartnerStepPolicy;
}

/** What a programme's policy revision states; the programme code and version are its key. */
export type ProgrammePolicy = Omit<ReturnPolicy, 'programmeCode' | 'version'>;
