/** Errors services throw; only the exception filter turns them into HTTP answers. */
export abstract class DomainError extends Error {
  override readonly name = this.constructor.name;
}

export class NotFoundError extends DomainError {}

export class CaseNotFoundError extends NotFoundError {
  constructor(readonly caseRef: string) {
    super(`no return with case reference ${caseRef}`);
  }
}

/** The request conflicts with what exists (a code or reference already taken). */
export class ConflictError extends DomainError {}

/** A case reference already used for a different return. */
export class CaseReferenceConflictError extends ConflictError {
  /** `differences` only where the caller may read the other case; null says nothing about it. */
  constructor(
    readonly caseRef: string,
    differences: string[] | null,
  ) {
    super(
      `case reference ${caseRef} is already used by another return` +
        (differences ? ` (differs in ${differences.join(', ')})` : ''),
    );
  }
}

/** The step is not allowed in the stage the case is in; nothing was changed. */
export class StepNotAllowedError extends DomainError {}

/** Refused for now (the return between two runs, a payment being confirmed): the same request may pass shortly. */
export class StepNotYetError extends StepNotAllowedError {}

/**
 * A write repeated under its `Idempotency-Key` while the first is still being answered: send it again after
 * `retryAfterSeconds`.
 */
export class RepeatTooSoonError extends StepNotYetError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/** A field that is well-formed but refers to something that does not exist or cannot be used. */
export class InvalidFieldError extends DomainError {
  constructor(
    readonly field: string,
    rule: string,
  ) {
    super(`${field} ${rule}`);
  }
}

/** The programme's policy does not allow this return (a closed destination, an ineligible target group). */
export class IneligibleError extends DomainError {}

/** The user's programme grant does not cover the programme of what they asked for. */
export class OutOfScopeError extends DomainError {
  constructor(readonly programmeCode: string) {
    super(`your grant does not cover programme ${programmeCode}`);
  }
}

/**
 * An administrator whose grant is limited to some programmes asked to change what lies beyond it: a user who works
 * on other programmes, a grant wider than theirs, or what every programme shares.
 */
export class BeyondGrantError extends DomainError {}

/** The step needs a second person: e.g. a disbursement approved by the staff member who requested it. */
export class SecondPersonRequiredError extends DomainError {}

/** Temporal could not be reached; the request can be repeated safely. */
export class OrchestratorUnavailableError extends DomainError {}

/** Wrong user name or password, or a disabled account: the answer does not say which. */
export class SignInRefusedError extends DomainError {
  constructor() {
    super('user name or password is wrong');
  }
}

export class SignInThrottledError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super(`too many sign-in attempts: try again in up to ${retryAfterSeconds} seconds`);
  }
}
