import { ApplicationFailure } from '@temporalio/workflow';
import { RETURN_STAGES, ReturnErrorType, type ReturnStage, type ReturnStatus } from '@avrr/contracts';
import type { CaseState } from './case-state';

/**
 * A step's handler: applies it once (a step sent again under an id already accepted changes nothing) and answers
 * the return's status.
 */
export function acceptOnce<A>(state: CaseState, apply: (arg: A) => void, after?: () => void) {
  return (arg: A): ReturnStatus => {
    if (!state.alreadyAccepted()) {
      apply(arg);
      state.noteAccepted();
      after?.();
    }
    return state.status();
  };
}

/**
 * An update validator: the step is refused, and nothing changes, when `refusal` gives a reason or the case is
 * in none of `stages`. The refusal's message is what staff read in the API's 409.
 */
export function onlyIn<A>(
  state: CaseState,
  stages: ReturnStage[],
  step: string,
  refusal?: (arg: A) => string | null | false | undefined,
) {
  return (arg: A): void => {
    if (state.alreadyAccepted()) return;
    const reason = refusal?.(arg);
    if (reason) throw refused(reason);
    if (!stages.includes(state.currentStage)) {
      // Sent just after what the stage waited for (a document recorded while its request was still going out): the
      // case is about to reach the step's stage, so the client is asked to send it again in a moment.
      if (state.movingOn && stages.some((stage) => later(stage, state.currentStage))) {
        throw notYet(
          `${step} is not allowed in stage ${state.currentStage} yet: the case moves on from it in a moment`,
        );
      }
      // What the case waits for tells a newcomer what comes first.
      const next = state.status().waitingFor?.what;
      throw refused(
        `${step} is not allowed in stage ${state.currentStage} (only in: ${stages.join(', ')})` +
          (next ? `; the case waits for ${next}` : ''),
      );
    }
  };
}

const later = (stage: ReturnStage, than: ReturnStage) => RETURN_STAGES.indexOf(stage) > RETURN_STAGES.indexOf(than);

export function refused(message: string): ApplicationFailure {
  return ApplicationFailure.create({ type: ReturnErrorType.StepNotAllowed, message });
}

/** A refusal for now: the same step sent again in a moment may be accepted (the API answers it with Retry-After). */
export function notYet(message: string): ApplicationFailure {
  return ApplicationFailure.create({ type: ReturnErrorType.StepNotYet, message });
}
