// The negative control of the replay test: the return workflow with one command removed (it no longer
// records the intake stage), as a careless edit would leave it. Replaying real histories must fail on it.
import { ApplicationFailure, setHandler } from '@temporalio/workflow';
import {
  ReturnErrorType,
  statusQuery,
  travelDocumentIssuedUpdate,
  type ReturnStatus,
  type ReturnWorkflowInput,
} from '@avrr/contracts';
import { partnerMail } from '../../../libs/workflows/src/activity-proxies';
import { CaseState } from '../../../libs/workflows/src/case-state';
import { awaitPartner } from '../../../libs/workflows/src/partner-step';

export async function returnWorkflow(input: ReturnWorkflowInput): Promise<ReturnStatus> {
  const state = new CaseState(input.caseRef);
  let issued = false;
  setHandler(statusQuery, () => state.status());
  setHandler(
    travelDocumentIssuedUpdate,
    (_issued) => {
      issued = true;
      return state.status();
    },
    {
      validator: (_issued) => {
        if (state.currentStage !== 'travel-document')
          throw ApplicationFailure.create({ type: ReturnErrorType.StepNotAllowed });
      },
    },
  );
  if (input.needsTravelDocument) {
    await state.enter('travel-document');
    await awaitPartner(state, {
      what: 'travel document from the consulate',
      partner: 'consulate',
      policy: input.policy.travelDocument,
      request: (dueAt) => partnerMail.requestTravelDocument(input.caseRef, dueAt),
      remind: (n) => partnerMail.remindTravelDocument(input.caseRef, n),
      answered: () => issued,
    });
  }
  await state.enter('travel-arrangements');
  return state.status();
}
