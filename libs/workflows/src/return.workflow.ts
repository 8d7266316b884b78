import { ApplicationFailure, setHandler } from '@temporalio/workflow';
import {
  ReturnErrorType,
  statusQuery,
  travelDocumentIssuedUpdate,
  type ReturnStatus,
  type ReturnWorkflow,
  type ReturnWorkflowInput,
} from '@avrr/contracts';
import { partnerMail } from './activity-proxies';
import { CaseState } from './case-state';
import { awaitPartner } from './partner-step';

/**
 * One assisted voluntary return, as the journey reads: intake, travel document, travel arrangements.
 * Booking and what follows it are not automated yet: the return ends when it is ready to be booked.
 */
export const returnWorkflow: ReturnWorkflow = async (input: ReturnWorkflowInput): Promise<ReturnStatus> => {
  const { caseRef, policy } = input;
  const state = new CaseState(caseRef);
  let travelDocumentIssued = false;

  setHandler(statusQuery, () => state.status());
  setHandler(
    travelDocumentIssuedUpdate,
    (_issued) => {
      travelDocumentIssued = true;
      return state.status();
    },
    {
      validator: (_issued) => {
        if (state.currentStage !== 'travel-document' || travelDocumentIssued) {
          throw ApplicationFailure.create({
            type: ReturnErrorType.StepNotAllowed,
            message: `a travel document can only be recorded while the case waits for one; it is in stage ${state.currentStage}`,
          });
        }
      },
    },
  );

  await state.enter('intake');

  if (input.needsTravelDocument) {
    await state.enter('travel-document');
    await awaitPartner(state, {
      what: 'travel document from the consulate',
      partner: 'consulate',
      policy: policy.travelDocument,
      request: (dueAt) => partnerMail.requestTravelDocument(caseRef, dueAt),
      remind: (n) => partnerMail.remindTravelDocument(caseRef, n),
      answered: () => travelDocumentIssued,
    });
  }

  await state.enter('travel-arrangements');
  return state.status();
};
