import type { PartnerEntity, ReturnCaseEntity } from '@avrr/persistence';
import { travellerLines } from '../mail/partner-mail-fields';

/** The accommodation needs the guests' names and the nights; not why they are returning. */
export function accommodationRequest(
  returnCase: ReturnCaseEntity,
  provider: PartnerEntity,
  from: string,
  until: string,
) {
  return {
    subject: `Accommodation request - case ${returnCase.caseRef}`,
    text: [
      `Dear ${provider.name},`,
      '',
      `Please accommodate the following guest(s) from ${from} until ${until} (the night before their departure`,
      'included):',
      '',
      ...travellerLines(returnCase.persons, 'accommodationRequest'),
      '',
      `Please confirm, quoting case reference ${returnCase.caseRef}.`,
      '',
      'AVRR operations',
    ].join('\n'),
  };
}

/** New nights for the same guests: the partner needs only the dates, which replace those of the first request. */
export function accommodationRevision(
  returnCase: ReturnCaseEntity,
  provider: PartnerEntity,
  from: string,
  until: string,
) {
  return {
    subject: `Accommodation changed - case ${returnCase.caseRef}`,
    text: [
      `Dear ${provider.name},`,
      '',
      `The travel dates of case ${returnCase.caseRef} changed: please accommodate the guest(s) we asked you for`,
      `from ${from} until ${until} instead (the night before their departure included). These dates replace those of`,
      'our earlier request.',
      '',
      `Please confirm, quoting case reference ${returnCase.caseRef}.`,
      '',
      'AVRR operations',
    ].join('\n'),
  };
}

export function accommodationCancellation(returnCase: ReturnCaseEntity, provider: PartnerEntity) {
  return {
    subject: `Cancelled: accommodation - case ${returnCase.caseRef}`,
    text: [
      `Dear ${provider.name},`,
      '',
      `The accommodation we asked for under case ${returnCase.caseRef} is no longer needed: please cancel it.`,
      '',
      'AVRR operations',
    ].join('\n'),
  };
}
