import type { BookingOrder, ReturnWorkflowInput, Waiting } from '@avrr/contracts';

/** How staff name a step in "<step> failing": the partner step it is, not the function. */
const STEP_LABELS: Record<string, string> = {
  bookFlights: 'booking',
  cancelBooking: 'booking cancellation',
  cancelOrder: 'booking cancellation',
  requestTravelDocument: 'travel document request',
  disburse: 'payment',
  expireVoucher: 'voucher expiry',
};

export function stepLabel(activityType: string): string {
  return STEP_LABELS[activityType] ?? activityType.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`);
}

/** "3 days", "5 hours", "40 seconds": the largest whole unit. */
export function formatLateness(ms: number): string {
  const units: [string, number][] = [
    ['day', 86_400_000],
    ['hour', 3_600_000],
    ['minute', 60_000],
    ['second', 1000],
  ];
  for (const [unit, size] of units) {
    const n = Math.floor(ms / size);
    if (n >= 1) return `${n} ${unit}${n === 1 ? '' : 's'}`;
  }
  return 'less than a second';
}

type Args = unknown[];
const str = (v: unknown) => String(v);

/**
 * The one-line summary Temporal UI shows for an activity: what it does and to whom, with codes only (the
 * arguments after the case reference are codes, numbers and dates).
 */
export function activitySummary(type: string, args: Args, input: ReturnWorkflowInput): string {
  const country = input.destinationCountry;
  const agency = `travel agency ${input.policy.travel.agencyCode}`;
  const summaries: Record<string, (a: Args) => string> = {
    recordStage: (a) => `record stage ${str(a[1])}`,
    recordClosure: (a) => `record closure (${str(a[1])})`,
    recordWithdrawn: () => 'record the withdrawal while cancellations wait',
    travelPlan: () => 'read the travel plan from the case',
    reintegrationPolicy: () => 'read the reintegration policy',
    recordEvent: (a) => `timeline: ${str(a[1])}`,
    recordMissedVisit: (a) => `record follow-up ${str(a[1])} as missed`,
    requestTravelDocument: () => `travel document request to consulate ${country}`,
    remindTravelDocument: (a) => `reminder ${str(a[1])} to consulate ${country}`,
    escalateTravelDocument: () => `escalation to supervisors: consulate ${country} silent`,
    cancelTravelDocumentRequest: () => `withdraw the request to consulate ${country}`,
    bookFlights: (a) => {
      const order = a[0] as BookingOrder;
      return `book ${order.segments.map((s) => s.flight).join(', ')} (${order.channel}) with ${agency}`;
    },
    remindAgency: (a) => `reminder ${str(a[1])} to ${agency}`,
    escalateAgency: () => `escalation to supervisors: ${agency} silent`,
    cancelBooking: (a) => `cancel booking ${str(a[2] ?? '(e-mailed)')} with ${agency} (${str(a[3])})`,
    cancelOrder: (a) =>
      `cancel what order ${str((a[0] as BookingOrder).bookingKey.split('/').pop())} booked with ${agency}`,
    requestAirportAssistance: (a) => `${str(a[1])} assistance request to airport team ${str(a[2])}`,
    cancelAirportAssistance: (a) => `cancel ${str(a[1])} assistance with airport team ${str(a[2])}`,
    requestOnwardTravel: () => `onward travel request to mission ${country}`,
    cancelOnwardTravel: () => `cancel onward travel with mission ${country}`,
    remindConfirmation: (a) => `reminder ${str(a[3])} for the ${str(a[1])} confirmation (${str(a[2])})`,
    escalateConfirmation: (a) => `escalation to supervisors: ${str(a[1])} confirmation (${str(a[2])}) missing`,
    requestAccommodation: (a) => `accommodation request ${str(a[1])} to ${str(a[2])}`,
    reviseAccommodation: (a) => `accommodation revised to ${str(a[1])} to ${str(a[2])}`,
    cancelAccommodation: () => 'cancel accommodation',
    requestPlan: () => `reintegration plan request to mission ${country}`,
    remindPlan: (a) => `reminder ${str(a[1])} to mission ${country} for the plan`,
    escalatePlan: () => `escalation to supervisors: mission ${country} plan missing`,
    requestVisit: (a) => `follow-up ${str(a[1])} request to mission ${country}`,
    remindVisit: (a) => `reminder ${str(a[2])} to mission ${country} for follow-up ${str(a[1])}`,
    escalateVisit: (a) => `escalation to supervisors: follow-up ${str(a[1])} not recorded`,
    disburse: (a) => `pay tranche ${str(a[1])}`,
    expireVoucher: (a) => `void the voucher of tranche ${str(a[1])} (${str(a[2])})`,
    cancelDisbursement: (a) => `cancel tranche ${str(a[1])}`,
    partnerName: (a) => `look up the name of ${str(a[0])} ${str(a[1])}`,
  };
  return summaries[type]?.(args) ?? stepLabel(type);
}

/**
 * The one-line summary of a timer, from what the case waits for when it starts: the answer's due date, the next
 * reminder once it is overdue, or the next deadline the aftercare loop sleeps until.
 */
export function timerSummary(durationMs: number, waiting: Waiting | null, on: string | null, now: number): string {
  const end = now + durationMs;
  const at = new Date(end).toISOString();
  if (!waiting) return `wait until ${at}`;
  const who = on && on !== 'staff' ? `${on.replace(':', ' ')}: ` : '';
  if (!waiting.dueAt) return `${who}wait for ${waiting.what}`;
  const due = Date.parse(waiting.dueAt);
  if (Math.abs(end - due) < 1000) return `${who}${waiting.what} due ${waiting.dueAt}`;
  if (now >= due) return `${who}reminder ${waiting.remindersSent + 1} at ${at}`;
  return `${who}wait for ${waiting.what} until ${at} (due ${waiting.dueAt})`;
}
