/** `ApplicationFailure` types raised by activities and workflows, so callers can tell them apart. */
export enum ReturnErrorType {
  CaseNotFound = 'CaseNotFound',
  PartnerMissing = 'PartnerMissing',
  StepNotAllowed = 'StepNotAllowed',
  /** A step the case will allow in a moment (a payment being confirmed): refused for now, not for good. */
  StepNotYet = 'StepNotYet',
  /** A request to a partner for a case whose returnee withdrew: never sent. */
  Withdrawn = 'Withdrawn',
  /** The partner is down, slow or asks to wait (5xx, 408, 429): retried, honouring Retry-After. */
  PartnerUnavailable = 'PartnerUnavailable',
}
