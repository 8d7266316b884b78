import type { AirportLeg, CancellationReason, FlightSegment, Itinerary, JourneyConfirmation } from '@avrr/contracts';
import { flightLines, readableUtc } from '../mail/format';
import { escortLines, travellerLines } from '../mail/partner-mail-fields';
import type { EscortEntity, PartnerEntity, ReturnCaseEntity } from '@avrr/persistence';

/**
 * What an airport team, or the mission meeting the travellers, may need to assist: mobility and medical needs, and a
 * child travelling alone. Other vulnerabilities (trafficking, torture) are not theirs to know.
 */
const ASSISTANCE_NEEDS = ['medical-need', 'disability', 'elderly', 'pregnancy', 'unaccompanied-child'];

const LEG_TASK: Record<AirportLeg, string> = {
  departure: 'assist the travellers below through check-in, security and boarding',
  transit: 'assist the travellers below between their flights',
};

export function airportAssistanceRequest(
  returnCase: ReturnCaseEntity,
  team: PartnerEntity,
  leg: AirportLeg,
  itinerary: Itinerary,
  escort: EscortEntity | null,
) {
  const needs = returnCase.vulnerabilities.filter((v) => ASSISTANCE_NEEDS.includes(v));
  return {
    subject: `Airport assistance (${leg}, ${team.place}) - case ${returnCase.caseRef}`,
    text: [
      `Dear ${team.name},`,
      '',
      `Please ${LEG_TASK[leg]} at ${team.place}, on these flights (booking ${itinerary.bookingRef}):`,
      ...flightLines(itinerary.segments),
      '',
      'Travellers:',
      ...travellerLines(returnCase.persons, 'airportAssistanceRequest'),
      ...escortLines(escort, 'airportAssistanceRequest'),
      ...(needs.length ? ['', `Assistance needed: ${needs.join(', ')}.`] : []),
      '',
      `Please confirm to us, quoting case reference ${returnCase.caseRef}.`,
      '',
      'AVRR operations',
    ].join('\n'),
  };
}

export function airportAssistanceCancellation(
  returnCase: ReturnCaseEntity,
  team: PartnerEntity,
  leg: AirportLeg,
  reason: CancellationReason,
  /** Rebooked: whether the new flights pass through the team's airport, so that a new request follows. */
  onNewRoute = true,
) {
  const because =
    reason === 'rebooked' && !onNewRoute
      ? [
          `The travellers of case ${returnCase.caseRef} have been booked on other flights, which do not pass through ` +
            `${team.place}: please disregard our earlier request. Nothing more is asked of you for this case.`,
        ]
      : CANCELLED_BECAUSE[reason](returnCase.caseRef);
  return {
    subject: `Cancelled: airport assistance (${leg}, ${team.place}) - case ${returnCase.caseRef}`,
    text: [`Dear ${team.name},`, '', ...because, '', 'AVRR operations'].join('\n'),
  };
}

export function onwardTravelCancellation(
  returnCase: ReturnCaseEntity,
  mission: PartnerEntity,
  reason: CancellationReason,
) {
  return {
    subject: `Cancelled: reception and onward travel - case ${returnCase.caseRef}`,
    text: [`Dear ${mission.name},`, '', ...CANCELLED_BECAUSE[reason](returnCase.caseRef), '', 'AVRR operations'].join(
      '\n',
    ),
  };
}

/** The case reference identifies the request; a partner told of a cancellation needs no personal data. */
const CANCELLED_BECAUSE: Record<CancellationReason, (caseRef: string) => string[]> = {
  withdrawn: (caseRef) => [
    `The travel of case ${caseRef} is cancelled: the assistance we asked for is no longer needed.`,
  ],
  rebooked: (caseRef) => [
    `The travellers of case ${caseRef} have been booked on other flights: please disregard our earlier request.`,
    'A new request with the new flights follows.',
  ],
};

const CONFIRMATION_ASKED: Record<JourneyConfirmation, string> = {
  departure: 'that the travellers boarded their flight',
  transit: 'that the travellers made their connection',
  arrival: 'that the travellers came through immigration and customs',
  'onward-travel': 'that the travellers reached their final destination',
};

export function confirmationReminder(
  returnCase: ReturnCaseEntity,
  partner: PartnerEntity,
  confirmation: JourneyConfirmation,
  reminderNumber: number,
  segments: FlightSegment[],
) {
  return {
    subject: `Reminder ${reminderNumber}: please confirm the ${confirmation} - case ${returnCase.caseRef}`,
    text: [
      `Dear ${partner.name},`,
      '',
      `We have not yet received your confirmation ${CONFIRMATION_ASKED[confirmation]} (case`,
      `${returnCase.caseRef}). Please confirm, or tell us what happened, at your earliest convenience.`,
      // The flights identify the trip for a team that assists many.
      ...(segments.length ? ['', 'Their flights:', ...flightLines(segments)] : []),
      '',
      'AVRR operations',
    ].join('\n'),
  };
}

/** To supervisors: the case reference, the partner and the dates; they read the rest in the system. */
export function confirmationEscalation(
  returnCase: ReturnCaseEntity,
  partner: PartnerEntity,
  confirmation: JourneyConfirmation,
  dueAt: string,
) {
  return {
    subject: `Escalation: ${confirmation} not confirmed - case ${returnCase.caseRef}`,
    text: [
      `${partner.name} (${partner.email}) has not confirmed ${CONFIRMATION_ASKED[confirmation]} for case`,
      `${returnCase.caseRef}; it was due ${readableUtc(dueAt)}, and reminders went unanswered.`,
      '',
      'Please find out where the travellers are.',
      '',
      'AVRR operations',
    ].join('\n'),
  };
}

/**
 * The mission receives the travellers and takes them to their final destination: it needs the city too, and, as the
 * airport teams do, the assistance they need on arrival (a lone child to hand over, a wheelchair).
 */
export function onwardTravelRequest(
  returnCase: ReturnCaseEntity,
  mission: PartnerEntity,
  itinerary: Itinerary,
  escort: EscortEntity | null,
) {
  const arrival = itinerary.segments[itinerary.segments.length - 1];
  const needs = returnCase.vulnerabilities.filter((v) => ASSISTANCE_NEEDS.includes(v));
  return {
    subject: `Reception and onward travel - case ${returnCase.caseRef}`,
    text: [
      `Dear ${mission.name},`,
      '',
      `Please receive the following person(s) arriving at ${arrival.to} on ${arrival.flight}`,
      `(departing ${arrival.from} ${readableUtc(arrival.departsAt)}), and arrange their onward`,
      `travel to ${returnCase.destinationCity}.`,
      '',
      ...travellerLines(returnCase.persons, 'onwardTravelRequest'),
      ...escortLines(escort, 'onwardTravelRequest'),
      ...(needs.length ? ['', `Assistance needed: ${needs.join(', ')}.`] : []),
      '',
      `Please confirm their arrival at the final destination, quoting case reference ${returnCase.caseRef}.`,
      '',
      'AVRR operations',
    ].join('\n'),
  };
}
