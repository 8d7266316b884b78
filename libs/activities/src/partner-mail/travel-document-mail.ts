import type { CasePersonEntity, PartnerEntity, ReturnCaseEntity } from '@avrr/persistence';

/**
 * The consulate needs to identify its nationals to issue a document: names, date of birth, nationality.
 * Nothing else of the case (vulnerabilities, target group, history) goes to it.
 */
export function travelDocumentRequest(returnCase: ReturnCaseEntity, consulate: PartnerEntity, dueAt: string) {
  return {
    subject: `Travel document request - case ${returnCase.caseRef}`,
    text: [
      `Dear ${consulate.name},`,
      '',
      `We assist the voluntary return of the following person(s) to ${returnCase.destinationCountry}, and ask you to`,
      `issue a travel document for each of them by ${readableUtc(dueAt)}.`,
      '',
      ...travellers(returnCase.persons),
      '',
      `Please quote case reference ${returnCase.caseRef} in your reply.`,
      '',
      'AVRR operations',
    ].join('\n'),
  };
}

export function travelDocumentReminder(returnCase: ReturnCaseEntity, consulate: PartnerEntity, reminderNumber: number) {
  return {
    subject: `Reminder ${reminderNumber}: travel document request - case ${returnCase.caseRef}`,
    text: [
      `Dear ${consulate.name},`,
      '',
      `Our request for a travel document for case ${returnCase.caseRef} is overdue. We would be grateful for the`,
      'document, or for news of when it will be ready, at your earliest convenience.',
      '',
      ...travellers(returnCase.persons),
      '',
      'AVRR operations',
    ].join('\n'),
  };
}

function travellers(persons: CasePersonEntity[]): string[] {
  return persons.map(
    (p) => `- ${p.familyName.toUpperCase()}, ${p.givenName}; born ${p.dateOfBirth}; nationality ${p.nationality}`,
  );
}

/** "2026-12-07T14:00:00.000Z" as "2026-12-07 14:00 UTC". */
function readableUtc(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}
