import { ApplicationFailure } from '@temporalio/workflow';
import { ReturnErrorType, type ReturnStage } from '@avrr/contracts';
import type { CaseState } from './case-state';

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
    const reason = refusal?.(arg);
    if (reason) throw refused(reason);
    if (!stages.includes(state.currentStage)) {
      throw refused(`${step} is not allowed in stage ${state.currentStage} (only in: ${stages.join(', ')})`);
    }
  };
}

export function refused(message: string): ApplicationFailure {
  return ApplicationFailure.create({ type: ReturnErrorType.StepNotAllowed, message });
}
