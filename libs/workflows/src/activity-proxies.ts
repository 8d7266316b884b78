import { proxyActivities } from '@temporalio/workflow';
import type {
  AccommodationActivities,
  AftercareMailActivities,
  PaymentActivities,
  BookingActivities,
  CaseRecordActivities,
  PartnerMailActivities,
  TravelAssistanceActivities,
} from '@avrr/contracts';

/** Writes to our own database: quick, retried until they succeed. */
export const caseRecords = proxyActivities<CaseRecordActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

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
export const booking = proxyActivities<BookingActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

/**
 * The payment provider: retried while it is down or slow; the key from the case and tranche keeps a retry
 * (even of a call whose answer was lost) from paying twice.
 */
export const payments = proxyActivities<PaymentActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});
