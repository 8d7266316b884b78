import { ApplicationFailure, condition, patched, setHandler } from '@temporalio/workflow';
import {
  counsellingHeldUpdate,
  declarationSignedUpdate,
  durationToMs,
  ReturnErrorType,
  statusQuery,
  travelDocumentIssuedUpdate,
  withdrawUpdate,
  type ReturnStage,
  type ReturnStatus,
  type ReturnWorkflow,
  type ReturnWorkflowInput,
  type StaffStep,
} from '@avrr/contracts';
import { partnerMail } from './activity-proxies';
import { CaseState } from './case-state';
import { awaitPartner } from './partner-step';

/** Returns started before this change asked the consulate at once; from it on, only after the declaration. */
export const DECLARATION_FIRST = 'declaration-before-any-request';

/**
 * One assisted voluntary return, as the journey reads: intake, the signed declaration, the travel document,
 * travel arrangements. The returnee may withdraw until departure; then what was requested is cancelled.
 * Booking and what follows it are not automated yet: the return ends when it is ready to be booked.
 */
export const returnWorkflow: ReturnWorkflow = async (input: ReturnWorkflowInput): Promise<ReturnStatus> => {
  const { caseRef, policy } = input;
  const state = new CaseState(caseRef);
  const done = { declaration: false, travelDocument: false, withdrawn: false };
  /** What to undo, newest last, if the returnee withdraws. */
  const undo: (() => Promise<void>)[] = [];

  setHandler(statusQuery, () => state.status());
  /** A validator: the step is refused (and nothing changes) unless the case is in one of `stages`. */
  const onlyIn = (stages: ReturnStage[], step: string, refusal?: () => string | null) => (_step: StaffStep) => {
    const reason = refusal?.();
    if (reason) throw refused(reason);
    if (!stages.includes(state.currentStage)) {
      throw refused(`${step} is not allowed in stage ${state.currentStage} (only in: ${stages.join(', ')})`);
    }
  };
  const accept = (mark: () => void) => (_step: StaffStep) => {
    mark();
    return state.status();
  };

  setHandler(
    counsellingHeldUpdate,
    accept(() => undefined),
    {
      validator: onlyIn(['intake', 'declaration'], 'counselling', () =>
        done.declaration ? 'counselling is logged until the declaration is signed, and it is signed' : null,
      ),
    },
  );
  setHandler(
    declarationSignedUpdate,
    accept(() => (done.declaration = true)),
    {
      validator: onlyIn(['intake', 'declaration'], 'the declaration', () =>
        done.declaration ? 'the declaration is already recorded' : null,
      ),
    },
  );
  setHandler(
    travelDocumentIssuedUpdate,
    accept(() => (done.travelDocument = true)),
    {
      validator: onlyIn(['travel-document'], 'a travel document', () =>
        done.travelDocument ? 'a travel document is already recorded' : done.withdrawn ? 'the returnee withdrew' : null,
      ),
    },
  );
  setHandler(
    withdrawUpdate,
    accept(() => (done.withdrawn = true)),
    {
      validator: onlyIn(['intake', 'declaration', 'travel-document', 'travel-arrangements'], 'withdrawal', () =>
        done.withdrawn ? 'the withdrawal is already recorded' : null,
      ),
    },
  );

  await state.enter('intake');

  if (!patched(DECLARATION_FIRST)) {
    // A return started before the declaration step: its history goes on as it was recorded.
    if (input.needsTravelDocument) {
      await state.enter('travel-document');
      await awaitPartner(state, {
        what: 'travel document from the consulate',
        partner: 'consulate',
        policy: policy.travelDocument,
        request: (dueAt) => partnerMail.requestTravelDocument(caseRef, dueAt),
        remind: (n) => partnerMail.remindTravelDocument(caseRef, n),
        answered: () => done.travelDocument,
      });
    }
    await state.enter('travel-arrangements');
    return state.status();
  }

  const withdraw = async (when: string) => {
    for (const step of undo.reverse()) await step();
    return state.close('withdrawn', `withdrawn by the returnee ${when}`);
  };

  await state.enter('declaration');
  const declarationWithin = durationToMs(policy.declarationWithin);
  state.waitFor({
    what: 'the signed voluntary-return declaration',
    since: new Date().toISOString(),
    dueAt: new Date(Date.now() + declarationWithin).toISOString(),
  });
  await condition(() => done.declaration || done.withdrawn, declarationWithin);
  if (done.withdrawn) return withdraw('before signing the declaration');
  if (!done.declaration) {
    return state.close('declaration-expired', `no signed declaration within ${policy.declarationWithin}`);
  }

  if (input.needsTravelDocument) {
    await state.enter('travel-document');
    const issued = await awaitPartner(state, {
      what: 'travel document from the consulate',
      partner: 'consulate',
      policy: policy.travelDocument,
      request: async (dueAt) => {
        await partnerMail.requestTravelDocument(caseRef, dueAt);
        undo.push(() => partnerMail.cancelTravelDocumentRequest(caseRef));
      },
      remind: (n) => partnerMail.remindTravelDocument(caseRef, n),
      answered: () => done.travelDocument,
      stopped: () => done.withdrawn,
      escalation: {
        after: policy.travelDocument.escalateAfter,
        send: (requestedAt) => partnerMail.escalateTravelDocument(caseRef, policy.escalationContacts, requestedAt),
      },
    });
    if (!issued) return withdraw('while the travel document was requested');
  }

  await state.enter('travel-arrangements');
  return state.status();
};

function refused(message: string): ApplicationFailure {
  return ApplicationFailure.create({ type: ReturnErrorType.StepNotAllowed, message });
}
