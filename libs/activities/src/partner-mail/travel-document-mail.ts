import { readableUtc } from '../mail/format';
import { travellerLines } from '../mail/partner-mail-fields';
import type { PartnerEntity, ReturnCaseEntity } from '@avrr/persistence';

/**
 * The consulate needs to identify its nationals to issue a document: names, date of birth, nationality. Nothing else
 * of the case (vulnerabilities, target group, history) goes to it, and no traveller of another nationality: it
 * documents only its own.
 */
/** The travellers the consulate documents: its country's nationals. */
const nationalsOf = (returnCase: ReturnCaseEntity, consulate: PartnerEntity) =>
  returnCase.persons.filter((person) => person.nationality === consulate.place);

export function travelDocumentRequest(returnCase: ReturnCaseEntity, consulate: PartnerEntity, dueAt: string) {
  return {
    subject: `Travel document request - case ${returnCase.caseRef}`,
    text: [
      `Dear ${consulate.name},`,
      '',
      `We assist the voluntary return of the following person(s) to ${returnCase.destinationCountry}, and ask you to`,
      `issue a travel document for each of them by ${readableUtc(dueAt)}.`,
      '',
      ...travellerLines(nationalsOf(returnCase, consulate), 'travelDocumentRequest'),
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
      ...travellerLines(nationalsOf(returnCase, consulate), 'travelDocumentReminder'),
      '',
      'AVRR operations',
    ].join('\n'),
  };
}

/**
 * To the consulate: the request is withdrawn, or, once it issued the document, the document will not be used (the
 * consulate may cancel it). The case reference identifies it; no other data is needed.
 */
export function travelDocumentCancellation(returnCase: ReturnCaseEntity, consulate: PartnerEntity, issued = false) {
  const { caseRef } = returnCase;
  return issued
    ? {
        subject: `Not to be used: travel document - case ${caseRef}`,
        text: [
          `Dear ${consulate.name},`,
          '',
          `The travel document you issued for case ${caseRef} will not be used: the return no longer takes place.`,
          'Please cancel it as your procedures require. Thank you for issuing it.',
          '',
          'AVRR operations',
        ].join('\n'),
      }
    : {
        subject: `Request withdrawn: travel document - case ${caseRef}`,
        text: [
          `Dear ${consulate.name},`,
          '',
          `Please disregard our request for a travel document for case ${caseRef}: no document is needed any more.`,
          '',
          'AVRR operations',
        ].join('\n'),
      };
}

/** To the supervisors an overdue answer was escalated to: the returnee withdrew, so it needs no follow-up. */
export function escalationSettled(caseRef: string, what: string, escalatedAt: string) {
  return {
    subject: `No action needed: escalation withdrawn - case ${caseRef}`,
    text: [
      `The returnee of case ${caseRef} withdrew from the return. The escalation of ${readableUtc(escalatedAt)}`,
      `(awaited: ${what}) needs no follow-up: the partner has been told the request is withdrawn.`,
      '',
      'AVRR operations',
    ].join('\n'),
  };
}

/** To the partner a supervisor took the step from: the request stands no more. The case reference identifies it. */
export function handedOverNotice(caseRef: string, previous: PartnerEntity, asked: string) {
  return {
    subject: `Request withdrawn: handed to another partner - case ${caseRef}`,
    text: [
      `Dear ${previous.name},`,
      '',
      `Our request for ${asked} for case ${caseRef} is now with another partner. Please disregard it; no answer is`,
      'needed from you any more. Thank you for your help.',
      '',
      'AVRR operations',
    ].join('\n'),
  };
}

/**
 * To the programme's supervisors: the consulate is silent past the limit. Supervisors read the case in the
 * system; the e-mail carries the case reference and dates, not the returnee's personal data.
 */
export function travelDocumentEscalation(returnCase: ReturnCaseEntity, consulate: PartnerEntity, requestedAt: string) {
  return {
    subject: `Escalation: travel document overdue - case ${returnCase.caseRef}`,
    text: [
      `The travel document requested from ${consulate.name} (${consulate.email}) on ${readableUtc(requestedAt)}`,
      `for case ${returnCase.caseRef} has not been issued, and the programme's limit has passed despite reminders.`,
      '',
      'Please follow up with the consulate.',
      '',
      'AVRR operations',
    ].join('\n'),
  };
}
