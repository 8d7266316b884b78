import { defineSearchAttributeKey } from '@temporalio/common';

/**
 * Search attributes are never encrypted and are visible to every Temporal UI user: they hold codes only,
 * never personal data. The dev server registers them at start (see @avrr/local-stack); on a cluster, create
 * them once with `temporal operator search-attribute create` (the README gives the command).
 */
export const ReturnStageAttribute = defineSearchAttributeKey('ReturnStage', 'KEYWORD');
export const ProgrammeCodeAttribute = defineSearchAttributeKey('ProgrammeCode', 'KEYWORD');
export const DestinationCountryAttribute = defineSearchAttributeKey('DestinationCountry', 'KEYWORD');
/** Whom the return waits on: `consulate:PK`, `airport-assistance:OTP`, `mission:NG`, or `staff`. */
export const WaitingOnAttribute = defineSearchAttributeKey('WaitingOn', 'KEYWORD');
/** When the awaited answer is due; unset while nothing is due. */
export const DueAtAttribute = defineSearchAttributeKey('DueAt', 'DATETIME');
/** True once the awaited answer is past `DueAt` (set when the first reminder goes out). */
export const OverdueAttribute = defineSearchAttributeKey('Overdue', 'BOOL');
/** The step that keeps failing and its error class (`bookFlights:HTTP-503`); unset once it succeeds. */
export const FailingStepAttribute = defineSearchAttributeKey('FailingStep', 'KEYWORD');

export const RETURN_SEARCH_ATTRIBUTES = [
  ReturnStageAttribute,
  ProgrammeCodeAttribute,
  DestinationCountryAttribute,
  WaitingOnAttribute,
  DueAtAttribute,
  OverdueAttribute,
  FailingStepAttribute,
];
