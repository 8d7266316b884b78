import type { AirportLeg, Itinerary } from '@avrr/contracts';
import type { CasePersonEntity, PartnerEntity, ReturnCaseEntity } from '@avrr/persistence';

/**
 * What an airport team may need to assist: mobility and medical needs, and a child travelling. Other
 * vulnerabilities (trafficking, torture) are not theirs to know.
 */
const ASSISTANCE_NEEDS = ['medical-need', 'disability', 'elderly', 'pregnancy', 'unaccompanied-child'];

const LEG_TASK: Record<AirportLeg, string> = {
  departure: 'assist them through check-in, security and boarding',
  transit: 'assist them between their flights',
  arrival: 'assist them through immigration and customs and hand them over to the reception',
};

export function airportAssistanceRequest(
  returnCase: ReturnCaseEntity,
  team: PartnerEntity,
  leg: AirportLeg,
  itinerary: Itinerary,
) {
  const needs = returnCase.vulnerabilities.filter((v) => ASSISTANCE_NEEDS.includes(v));
  return {
    subject: `Airport assistance (${leg}, ${team.place}) - case ${returnCase.caseRef}`,
    text: [
      `Dear ${team.name},`,
      '',
      `Please ${LEG_TASK[leg]} at ${team.place}, on these flights (booking ${itinerary.bookingRef}):`,
      ...flights(itinerary),
      '',
      'Travellers:',
      ...returnCase.persons.map(traveller),
      ...(needs.length ? ['', `Assistance needed: ${needs.join(', ')}.`] : []),
      '',
      `Please confirm to us, quoting case reference ${returnCase.caseRef}.`,
      '',
      'AVRR operations',
    ].join('\n'),
  };
}

export function airportAssistanceCancellation(returnCase: ReturnCaseEntity, team: PartnerEntity, leg: AirportLeg) {
  return {
    subject: `Cancelled: airport assistance (${leg}, ${team.place}) - case ${returnCase.caseRef}`,
    text: [
      `Dear ${team.name},`,
      '',
      `The travel of case ${returnCase.caseRef} is cancelled: the assistance we asked for is no longer needed.`,
      '',
      'AVRR operations',
    ].join('\n'),
  };
}

/** The mission receives the travellers and takes them to their final destination: it needs the city too. */
export function onwardTravelRequest(returnCase: ReturnCaseEntity, mission: PartnerEntity, itinerary: Itinerary) {
  const arrival = itinerary.segments[itinerary.segments.length - 1];
  return {
    subject: `Reception and onward travel - case ${returnCase.caseRef}`,
    text: [
      `Dear ${mission.name},`,
      '',
      `Please receive the following person(s) arriving at ${arrival.to} on ${arrival.flight}`,
      `(departing ${arrival.from} ${arrival.departsAt.slice(0, 16).replace('T', ' ')} UTC), and arrange their onward`,
      `travel to ${returnCase.destinationCity}.`,
      '',
      ...returnCase.persons.map(traveller),
      '',
      `Please confirm their arrival at the final destination, quoting case reference ${returnCase.caseRef}.`,
      '',
      'AVRR operations',
    ].join('\n'),
  };
}

function flights(itinerary: Itinerary): string[] {
  return itinerary.segments.map(
    (s) => `- ${s.flight} ${s.from} -> ${s.to}, departing ${s.departsAt.slice(0, 16).replace('T', ' ')} UTC`,
  );
}

function traveller(p: CasePersonEntity): string {
  return `- ${p.familyName.toUpperCase()}, ${p.givenName}; born ${p.dateOfBirth}`;
}
