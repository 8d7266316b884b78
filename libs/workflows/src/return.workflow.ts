import { condition, continueAsNew, patched, setHandler } from '@temporalio/workflow';
import {
  counsellingHeldUpdate,
  declarationSignedUpdate,
  durationToMs,
  statusQuery,
  travelDocumentIssuedUpdate,
  withdrawUpdate,
  type ReturnStatus,
  type ReturnWorkflow,
  type ReturnWorkflowInput,
  type StaffStep,
} from '@avrr/contracts';
import { partnerMail } from './activity-proxies';
import { aftercare, beginAftercare } from './aftercare';
import { refuseAftercareStepsBeforeArrival } from './aftercare-steps';
import { CaseState } from './case-state';
import { Journey } from './journey';
import { awaitPartner } from './partner-step';
import { Saga } from './saga';
import { ESCALATION_SETTLED_TOLD, TRAVEL_DOCUMENT_CANCELLED_ONCE, WITHDRAWAL_SHOWN_AT_ONCE } from './versions';
import { acceptOnce, onlyIn } from './step-rules';

/** Returns started before this change asked the consulate at once; from it on, only after the declaration. */
export const DECLARATION_FIRST = 'declaration-before-any-request';
/** Returns that reached travel arrangements before this change ended there; from it on they travel home. */
export const BOOKED_JOURNEY = 'journey-to-final-destination';
/** Returns that reached their final destination before this change closed as returned; from it on, aftercare. */
export const AFTERCARE = 'reintegration-and-monitoring';

/**
 * One assisted voluntary return, as the journey reads: intake, the signed declaration, the travel document,
 * travel arrangements, departure, transit, arrival and onward travel to the final destination; then, in runs that
 * continue as new, reintegration and monitoring until a supervisor closes the case. The returnee may withdraw
 * until departure; then what was requested or booked is cancelled, newest first.
 */
export const returnWorkflow: ReturnWorkflow = async (input: ReturnWorkflowInput): Promise<ReturnStatus> => {
  if (input.aftercare) return aftercare(input, input.aftercare);
  const { caseRef, policy } = input;
  const state = new CaseState(caseRef);
  const done = { declaration: false, travelDocument: false, withdrawn: false };
  const saga = new Saga(caseRef, state);
  const journey = new Journey(caseRef, input.destinationCountry, policy, state, saga, () => done.withdrawn);

  setHandler(statusQuery, () => state.status());
  refuseAftercareStepsBeforeArrival(state);
  const accept = (mark: () => void) => acceptOnce<StaffStep>(state, mark);

  setHandler(
    counsellingHeldUpdate,
    accept(() => undefined),
    {
      validator: onlyIn(
        state,
        ['intake', 'declaration'],
        'counselling',
        () => done.declaration && 'counselling is logged until the declaration is signed, and it is signed',
      ),
    },
  );
  setHandler(
    declarationSignedUpdate,
    accept(() => (done.declaration = true)),
    {
      validator: onlyIn(
        state,
        ['intake', 'declaration'],
        'the declaration',
        () => done.declaration && 'the declaration is already recorded',
      ),
    },
  );
  setHandler(
    travelDocumentIssuedUpdate,
    accept(() => (done.travelDocument = true)),
    {
      // Also before booking, for a traveller who holds a passport: the flights are then checked against its expiry.
      validator: onlyIn(
        state,
        ['travel-document', 'travel-arrangements'],
        'a travel document',
        () =>
          (done.travelDocument && 'a travel document is already recorded') ||
          (done.withdrawn && 'the returnee withdrew'),
      ),
    },
  );
  setHandler(
    withdrawUpdate,
    accept(() => (done.withdrawn = true)),
    {
      validator: onlyIn(
        state,
        ['intake', 'declaration', 'travel-document', 'travel-arrangements', 'departure'],
        'withdrawal',
        () =>
          (done.withdrawn && 'the withdrawal is already recorded') ||
          (journey.departed && 'the returnee has departed: a withdrawal is possible only before departure'),
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
    if (patched(WITHDRAWAL_SHOWN_AT_ONCE)) state.withdrawing();
    await saga.undoAll('withdrawn');
    const left = state.escalationLeft;
    if (left && patched(ESCALATION_SETTLED_TOLD)) {
      await partnerMail.tellEscalationSettled(caseRef, policy.escalationContacts, left.what, left.escalatedAt);
    }
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
    let requested = false;
    const issued = await awaitPartner(state, {
      what: 'travel document from the consulate',
      partner: 'consulate',
      policy: policy.travelDocument,
      request: async (dueAt) => {
        await partnerMail.requestTravelDocument(caseRef, dueAt);
        // Sent again (a supervisor's resend or handover), it is still one request: a withdrawal cancels it once.
        if (requested && patched(TRAVEL_DOCUMENT_CANCELLED_ONCE)) return;
        requested = true;
        saga.add((_reason, via) => via.cancelTravelDocumentRequest(caseRef));
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
  if (!patched(BOOKED_JOURNEY)) return state.status();

  const end = await journey.run();
  if (!end.returned) return withdraw(end.withdrawnWhen);
  if (!patched(AFTERCARE)) return state.close('returned', 'reached the final destination');
  const care = await beginAftercare(caseRef, policy, state, input.destinationCountry);
  return continueAsNew<ReturnWorkflow>({ ...input, aftercare: { ...care, acceptedSteps: state.acceptedSteps } });
};
