import type { SurveyPolicy } from '@avrr/contracts';
import type { PartnerEntity, PlanCeiling, ReturnCaseEntity } from '@avrr/persistence';
import { readableUtc } from '../mail/format';
import { travellerLines } from '../mail/partner-mail-fields';

/**
 * The mission meets the returnee: it needs who, where, by when, and what the plan may cost; not their
 * vulnerabilities.
 */
export function planRequest(returnCase: ReturnCaseEntity, mission: PartnerEntity, dueAt: string, ceiling: PlanCeiling) {
  return {
    subject: `Reintegration plan - case ${returnCase.caseRef}`,
    text: [
      `Dear ${mission.name},`,
      '',
      `The following person(s) have arrived in ${returnCase.destinationCity}. Please meet them and record their`,
      `individual reintegration plan, with its budget, by ${readableUtc(dueAt)}:`,
      '',
      ...travellerLines(returnCase.persons, 'planRequest'),
      '',
      `The plan may cost at most ${ceiling.total} ${ceiling.currency}: ${ceiling.perAdult} per adult (${ceiling.adults})` +
        ` and ${ceiling.perChild} per child (${ceiling.children}), in goods or services paid by voucher or to vendors,`,
      'never in cash.',
      '',
      `Please quote case reference ${returnCase.caseRef}.`,
      '',
      'AVRR operations',
    ].join('\n'),
  };
}

export function planReminder(returnCase: ReturnCaseEntity, mission: PartnerEntity, reminderNumber: number) {
  return {
    subject: `Reminder ${reminderNumber}: reintegration plan - case ${returnCase.caseRef}`,
    text: [
      `Dear ${mission.name},`,
      '',
      `The reintegration plan for case ${returnCase.caseRef} is overdue. Please record it at your earliest convenience.`,
      '',
      'AVRR operations',
    ].join('\n'),
  };
}

export function planEscalation(returnCase: ReturnCaseEntity, mission: PartnerEntity, arrivedAt: string) {
  return {
    subject: `Escalation: reintegration plan overdue - case ${returnCase.caseRef}`,
    text: [
      `${mission.name} (${mission.email}) has not recorded the reintegration plan for case ${returnCase.caseRef},`,
      `whose travellers arrived on ${readableUtc(arrivedAt)}, and the programme's limit has passed despite reminders.`,
      '',
      'AVRR operations',
    ].join('\n'),
  };
}

export function visitRequest(
  returnCase: ReturnCaseEntity,
  mission: PartnerEntity,
  followUp: number,
  dueAt: string,
  survey: SurveyPolicy,
) {
  return {
    subject: `Monitoring visit ${followUp} - case ${returnCase.caseRef}`,
    text: [
      `Dear ${mission.name},`,
      '',
      `Follow-up ${followUp} of case ${returnCase.caseRef} is due. Please visit the person(s) below in`,
      `${returnCase.destinationCity}, complete the reintegration sustainability survey with them and record it by`,
      `${readableUtc(dueAt)}:`,
      '',
      ...travellerLines(returnCase.persons, 'visitRequest'),
      '',
      // The version the case was opened under: its questions and scales are the ones the visit is recorded with.
      `The survey (version ${survey.version}): answer each question on its scale, from the least sustainable answer`,
      'to the most.',
      ...survey.questions.map((q) => `- ${q.text ?? q.id} (${q.dimension}): ${q.min} to ${q.max}`),
      '',
      'AVRR operations',
    ].join('\n'),
  };
}

export function visitReminder(returnCase: ReturnCaseEntity, mission: PartnerEntity, followUp: number, n: number) {
  return {
    subject: `Reminder ${n}: monitoring visit ${followUp} - case ${returnCase.caseRef}`,
    text: [
      `Dear ${mission.name},`,
      '',
      `Monitoring visit ${followUp} of case ${returnCase.caseRef} is overdue. Please record it, or tell us why the`,
      'visit could not take place.',
      '',
      'AVRR operations',
    ].join('\n'),
  };
}

export function visitEscalation(returnCase: ReturnCaseEntity, mission: PartnerEntity, followUp: number, dueAt: string) {
  return {
    subject: `Escalation: monitoring visit ${followUp} overdue - case ${returnCase.caseRef}`,
    text: [
      `${mission.name} (${mission.email}) has not recorded monitoring visit ${followUp} of case ${returnCase.caseRef},`,
      `due from ${readableUtc(dueAt)}, despite reminders.`,
      '',
      'AVRR operations',
    ].join('\n'),
  };
}

/** To the mission: the visit it was asked for is recorded as missed. The case reference says which. */
export function visitMissed(returnCase: ReturnCaseEntity, mission: PartnerEntity, followUp: number, dueAt: string) {
  return {
    subject: `No longer expected: monitoring visit ${followUp} - case ${returnCase.caseRef}`,
    text: [
      `Dear ${mission.name},`,
      '',
      `Monitoring visit ${followUp} of case ${returnCase.caseRef}, due from ${readableUtc(dueAt)}, was not recorded in time`,
      'and is now recorded as missed: it is no longer expected, and no record of it can be taken any more. When a',
      'visit needs more time, ask us before it is due: the due date can be moved.',
      '',
      'AVRR operations',
    ].join('\n'),
  };
}

/** What the mission was asked for and has not answered, as a mail names it. */
function owedText(owed: { plan: boolean; visits: number[] }): string {
  const visits = owed.visits.map((n) => `monitoring visit ${n}`);
  return [...(owed.plan ? ['the reintegration plan'] : []), ...visits].join(', ');
}

export function caseClosed(
  returnCase: ReturnCaseEntity,
  mission: PartnerEntity,
  outcome: string,
  owed: { plan: boolean; visits: number[] },
) {
  return {
    subject: `Case closed, nothing more expected - case ${returnCase.caseRef}`,
    text: [
      `Dear ${mission.name},`,
      '',
      `Case ${returnCase.caseRef} was closed by a supervisor (outcome: ${outcome}).`,
      `What you were asked for is no longer expected: ${owedText(owed)}. Please send nothing more for this case.`,
      '',
      'AVRR operations',
    ].join('\n'),
  };
}

export interface IssuedVoucher {
  tranche: number;
  code: string;
  amount: string;
  currency: string;
  category: string;
  expiresAt: string;
}

/**
 * The mission hands the voucher to the returnee, who redeems it with a vendor of its category: it needs whom to give
 * it to, the code (a bearer credential: only the mission and case staff see it) and until when it is valid.
 */
export function voucherIssued(returnCase: ReturnCaseEntity, mission: PartnerEntity, voucher: IssuedVoucher) {
  return {
    subject: `Voucher for tranche ${voucher.tranche} - case ${returnCase.caseRef}`,
    text: [
      `Dear ${mission.name},`,
      '',
      `A voucher of the reintegration plan of case ${returnCase.caseRef} has been issued. Please hand it to the`,
      `person(s) below in ${returnCase.destinationCity}; a vendor of ${voucher.category} redeems it with the payment`,
      'provider. It is not exchanged for cash.',
      '',
      `Voucher code: ${voucher.code}`,
      `Value: ${voucher.amount} ${voucher.currency}`,
      `Valid until: ${readableUtc(voucher.expiresAt)} (unredeemed, it expires and its value returns to the plan)`,
      '',
      ...travellerLines(returnCase.persons, 'voucherIssued'),
      '',
      'AVRR operations',
    ].join('\n'),
  };
}

/** To the mission holding a voucher: it no longer pays, so it is not handed over. Its code says which. */
export function voucherVoided(
  returnCase: ReturnCaseEntity,
  mission: PartnerEntity,
  tranche: number,
  code: string,
  why: 'expired' | 'case-closed',
) {
  return {
    subject: `Voucher no longer valid: tranche ${tranche} - case ${returnCase.caseRef}`,
    text: [
      `Dear ${mission.name},`,
      '',
      `The voucher ${code} of case ${returnCase.caseRef} (tranche ${tranche}) ${
        why === 'expired' ? 'expired unredeemed' : 'was voided as the case closed'
      }: vendors can no longer redeem it. Please do not hand it over, and take it back if you can.`,
      '',
      'AVRR operations',
    ].join('\n'),
  };
}
