import { patched, proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type {
  AccommodationActivities,
  OpsActivities,
  AftercareMailActivities,
  PaymentActivities,
  BookingActivities,
  CaseRecordActivities,
  PartnerMailActivities,
  TravelAssistanceActivities,
} from '@avrr/contracts';
import { CASE_RECORDS_LOCALLY, ONE_TRUTH, STAGES_RECORDED_LOCALLY } from './versions';

/** Writes to (and reads of) our own database: quick, retried until they succeed. */
const caseRecordOptions = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
} as const;
const caseRecordTasks = proxyActivities<CaseRecordActivities>(caseRecordOptions);
/**
 * The same, run by the worker within the workflow task (a marker in the history instead of an activity task and the
 * workflow task after it); retried alike, with the workflow task kept open meanwhile.
 */
const localCaseRecords = proxyLocalActivities<CaseRecordActivities>(caseRecordOptions);

/** Returns older than these changes keep their case records as activity tasks (see versions.ts). */
const recordsVia = (patch: string): CaseRecordActivities => (patched(patch) ? localCaseRecords : caseRecordTasks);

export const caseRecords: CaseRecordActivities = {
  recordStage: (...args) => recordsVia(STAGES_RECORDED_LOCALLY).recordStage(...args),
  recordClosure: (...args) => recordsVia(CASE_RECORDS_LOCALLY).recordClosure(...args),
  recordWithdrawn: (...args) => localCaseRecords.recordWithdrawn(...args),
  travelPlan: (...args) => recordsVia(CASE_RECORDS_LOCALLY).travelPlan(...args),
  reintegrationPolicy: (...args) => recordsVia(CASE_RECORDS_LOCALLY).reintegrationPolicy(...args),
  recordEvent: (...args) => recordsVia(CASE_RECORDS_LOCALLY).recordEvent(...args),
  recordMissedVisit: (...args) => recordsVia(CASE_RECORDS_LOCALLY).recordMissedVisit(...args),
};

/** A partner's name for the ops view: a read of our own database, tried a few times. */
const lookupOptions = { startToCloseTimeout: '10 seconds', retry: { maximumAttempts: 3 } } as const;
const lookupTasks = proxyActivities<OpsActivities>(lookupOptions);
const localLookups = proxyLocalActivities<OpsActivities>(lookupOptions);

export const lookups: OpsActivities = {
  partnerName: (...args) => (patched(CASE_RECORDS_LOCALLY) ? localLookups : lookupTasks).partnerName(...args),
};

/**
 * E-mails to partners: the SMTP server may be slow or down for a while. Retries are spaced out and capped
 * so a broken relay shows up as a failing activity in Temporal UI rather than a silent loop.
 */
export const partnerMail = proxyActivities<
  PartnerMailActivities & TravelAssistanceActivities & AccommodationActivities & AftercareMailActivities
>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

/**
 * The travel agency: an API that may answer slowly or with 5xx for a while (retried; the booking key keeps a
 * retry from buying a second ticket), or refuse the flights (not retried: staff choose others).
 */
const bookingOptions = {
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
} as const;
export const booking = proxyActivities<BookingActivities>(bookingOptions);

/** The booking of flights, retried no later than `deadline` (epoch ms: the first flight's departure). */
export const bookingUntil = (deadline: number) =>
  proxyActivities<Pick<BookingActivities, 'bookFlights'>>({
    ...bookingOptions,
    scheduleToCloseTimeout: Math.max(1_000, deadline - Date.now()),
  });

/**
 * The payment provider: retried while it is down or slow; the key from the case and tranche keeps a retry
 * (even of a call whose answer was lost) from paying twice.
 */
export const payments = proxyActivities<PaymentActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

export type Cancellations = Pick<BookingActivities, 'cancelBooking' | 'cancelOrder'> &
  Pick<PartnerMailActivities, 'cancelTravelDocumentRequest'> &
  Pick<TravelAssistanceActivities, 'cancelAirportAssistance' | 'cancelOnwardTravel'> &
  Pick<AccommodationActivities, 'cancelAccommodation'>;

/**
 * Undoing requests when the returnee withdraws or new flights replace old ones: a few quick tries, then the saga
 * records the failure for staff, so a partner that is down never holds a withdrawal open.
 */
const boundedCancellations = proxyActivities<Cancellations>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumAttempts: 4 },
});

/**
 * A withdrawal's cancellations that failed their quick tries while the partner was down (not refused): retried until
 * it answers, for up to three days, so that what was booked is cancelled once it is back (CANCELLATIONS_RETRIED).
 */
export const persistentCancellations = proxyActivities<Cancellations>({
  startToCloseTimeout: '30 seconds',
  scheduleToCloseTimeout: '3 days',
  retry: { initialInterval: '15 seconds', backoffCoefficient: 2, maximumInterval: '30 minutes' },
});

/** Returns older than the change keep retrying their cancellations as they did (see ONE_TRUTH). */
const cancelVia = (): Cancellations => (patched(ONE_TRUTH) ? boundedCancellations : unboundedCancellations);
const unboundedCancellations = {
  cancelBooking: booking.cancelBooking,
  cancelOrder: booking.cancelOrder,
  cancelTravelDocumentRequest: partnerMail.cancelTravelDocumentRequest,
  cancelAirportAssistance: partnerMail.cancelAirportAssistance,
  cancelOnwardTravel: partnerMail.cancelOnwardTravel,
  cancelAccommodation: partnerMail.cancelAccommodation,
};

export const cancellations: Cancellations = {
  cancelBooking: (...args) => cancelVia().cancelBooking(...args),
  cancelOrder: (...args) => cancelVia().cancelOrder(...args),
  cancelTravelDocumentRequest: (...args) => cancelVia().cancelTravelDocumentRequest(...args),
  cancelAirportAssistance: (...args) => cancelVia().cancelAirportAssistance(...args),
  cancelOnwardTravel: (...args) => cancelVia().cancelOnwardTravel(...args),
  cancelAccommodation: (...args) => cancelVia().cancelAccommodation(...args),
};
