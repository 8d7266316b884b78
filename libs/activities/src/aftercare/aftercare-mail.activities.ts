import { Injectable } from '@nestjs/common';
import type { AftercareMailActivities } from '@avrr/contracts';
import { planCeiling, ProgrammePolicies } from '@avrr/persistence';
import { idempotencyKey } from '../idempotency-key';
import { SentMailLog } from '../mail/sent-mail-log';
import { PartnerLookup } from '../partner-lookup';
import {
  caseClosed,
  planEscalation,
  planReminder,
  planRequest,
  visitEscalation,
  visitReminder,
  visitMissed,
  visitRequest,
  voucherIssued,
  voucherVoided,
  type IssuedVoucher,
} from './aftercare-mail';

/** E-mails to the IOM mission in the country of return: the reintegration plan and the follow-up visits. */
@Injectable()
export class AftercareMailService implements AftercareMailActivities {
  constructor(
    private readonly partners: PartnerLookup,
    private readonly sentMail: SentMailLog,
    private readonly policies: ProgrammePolicies,
  ) {}

  async requestPlan(caseRef: string, dueAt: string): Promise<void> {
    const { returnCase, partner } = await this.mission(caseRef);
    await this.send(
      caseRef,
      'reintegration-plan-requested',
      partner.email,
      planRequest(
        returnCase,
        partner,
        dueAt,
        planCeiling((await this.policies.pinnedBy(returnCase)).reintegration, returnCase.persons),
      ),
      `Reintegration plan requested from ${partner.name}`,
    );
  }

  async remindPlan(caseRef: string, reminderNumber: number): Promise<void> {
    const { returnCase, partner } = await this.mission(caseRef);
    await this.send(
      caseRef,
      'reintegration-plan-reminder',
      partner.email,
      planReminder(returnCase, partner, reminderNumber),
      `Reminder ${reminderNumber} sent to ${partner.name}: reintegration plan`,
    );
  }

  async escalatePlan(caseRef: string, supervisors: string[], arrivedAt: string): Promise<void> {
    const { returnCase, partner } = await this.mission(caseRef);
    await this.send(
      caseRef,
      'reintegration-plan-escalated',
      supervisors.join(', '),
      planEscalation(returnCase, partner, arrivedAt),
      `Escalated to ${supervisors.join(', ')}: no reintegration plan from ${partner.name}`,
    );
  }

  async requestVisit(caseRef: string, followUp: number, dueAt: string): Promise<void> {
    const { returnCase, partner } = await this.mission(caseRef);
    await this.send(
      caseRef,
      'monitoring-visit-requested',
      partner.email,
      visitRequest(
        returnCase,
        partner,
        followUp,
        dueAt,
        (await this.policies.pinnedBy(returnCase)).reintegration.survey,
      ),
      `Monitoring visit ${followUp} requested from ${partner.name}`,
    );
  }

  async remindVisit(caseRef: string, followUp: number, reminderNumber: number): Promise<void> {
    const { returnCase, partner } = await this.mission(caseRef);
    await this.send(
      caseRef,
      'monitoring-visit-reminder',
      partner.email,
      visitReminder(returnCase, partner, followUp, reminderNumber),
      `Reminder ${reminderNumber} sent to ${partner.name}: monitoring visit ${followUp}`,
    );
  }

  async escalateVisit(caseRef: string, followUp: number, supervisors: string[], dueAt: string): Promise<void> {
    const { returnCase, partner } = await this.mission(caseRef);
    await this.send(
      caseRef,
      'monitoring-visit-escalated',
      supervisors.join(', '),
      visitEscalation(returnCase, partner, followUp, dueAt),
      `Escalated to ${supervisors.join(', ')}: monitoring visit ${followUp} not recorded`,
    );
  }

  async tellVisitMissed(caseRef: string, followUp: number, dueAt: string): Promise<void> {
    const { returnCase, partner } = await this.mission(caseRef);
    await this.send(
      caseRef,
      'monitoring-visit-missed-told',
      partner.email,
      visitMissed(returnCase, partner, followUp, dueAt),
      `${partner.name} told that monitoring visit ${followUp} is no longer expected`,
    );
  }

  async tellClosed(caseRef: string, outcome: string, owed: { plan: boolean; visits: number[] }): Promise<void> {
    const { returnCase, partner } = await this.mission(caseRef);
    await this.send(
      caseRef,
      'closure-told-to-mission',
      partner.email,
      caseClosed(returnCase, partner, outcome, owed),
      `${partner.name} told the case is closed: nothing more expected of it`,
    );
  }

  /** Not an activity of its own: sent by the payment that issued the voucher, under a key of that payment's. */
  async sendVoucher(caseRef: string, voucher: IssuedVoucher, key: string): Promise<void> {
    const { returnCase, partner } = await this.mission(caseRef);
    await this.sentMail.sendOnce(key, {
      caseRef,
      kind: 'voucher-sent',
      to: partner.email,
      ...voucherIssued(returnCase, partner, voucher),
      timelineSummary: `Tranche ${voucher.tranche}: voucher sent to ${partner.name} to hand to the returnee`,
    });
  }

  /** Not an activity of its own: sent by the void of the voucher, under a key of that void's. */
  async sendVoucherVoided(
    caseRef: string,
    voucher: { tranche: number; code: string; why: 'expired' | 'case-closed' },
    key: string,
  ): Promise<void> {
    const { returnCase, partner } = await this.mission(caseRef);
    await this.sentMail.sendOnce(key, {
      caseRef,
      kind: 'voucher-void-told',
      to: partner.email,
      ...voucherVoided(returnCase, partner, voucher.tranche, voucher.code, voucher.why),
      timelineSummary: `Tranche ${voucher.tranche}: ${partner.name} told the voucher is no longer valid`,
    });
  }

  private mission(caseRef: string) {
    return this.partners.find(caseRef, 'mission', (c) => c.destinationCountry);
  }

  private send(
    caseRef: string,
    kind: string,
    to: string,
    mail: { subject: string; text: string },
    timelineSummary: string,
  ) {
    return this.sentMail.sendOnce(idempotencyKey(), { caseRef, kind, to, ...mail, timelineSummary });
  }
}
