/** `ApplicationFailure` types raised by activities and workflows, so callers can tell them apart. */
export enum ReturnErrorType {
  CaseNotFound = 'CaseNotFound',
  PartnerMissing = 'PartnerMissing',
  StepNotAllowed = 'StepNotAllowed',
}
