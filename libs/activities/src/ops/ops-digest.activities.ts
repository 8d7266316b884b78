import { Injectable } from '@nestjs/common';
import { Context } from '@temporalio/activity';
import { DataSource } from 'typeorm';
import {
  DueAtAttribute,
  FailingStepAttribute,
  OverdueAttribute,
  ProgrammeCodeAttribute,
  RETURN_WORKFLOW_TYPE,
  ReturnStageAttribute,
  WaitingOnAttribute,
  type OpsDigestActivities,
  type PartnerKind,
} from '@avrr/contracts';
import { OpsDigestEntity, PartnerDirectory, ProgrammePolicies } from '@avrr/persistence';
import { Mailer } from '../mail/mailer';
import { digestMail, type CancellationByHand, type DigestEntry } from './ops-digest-mail';

/**
 * The daily digest to each programme's supervisors (its policy's escalation contacts): their overdue and failing
 * returns, from Temporal's visibility. One e-mail per supervisor and day: a supervisor of several programmes gets
 * one e-mail, and a repeated run of the same day sends nothing (`ops_digests` holds what went out).
 */
@Injectable()
export class OpsDigestService implements OpsDigestActivities {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policies: ProgrammePolicies,
    private readonly partners: PartnerDirectory,
    private readonly mailer: Mailer,
  ) {}

  async sendOpsDigests(day: string): Promise<number> {
    const entries = await this.needingAttention();
    const byHand = await this.cancellationsByHand(day);
    const names = await this.partnerNames(entries);
    const byRecipient = new Map<string, { entries: DigestEntry[]; byHand: CancellationByHand[] }>();
    for (const { code } of await this.policies.list()) {
      const theirs = entries.filter((e) => e.programme === code);
      const toCancel = byHand.filter((c) => c.programme === code);
      const policy = theirs.length || toCancel.length ? await this.policies.current(code) : null;
      for (const to of policy?.escalationContacts ?? []) {
        const mine = byRecipient.get(to) ?? { entries: [], byHand: [] };
        byRecipient.set(to, { entries: [...mine.entries, ...theirs], byHand: [...mine.byHand, ...toCancel] });
      }
    }
    let sent = 0;
    for (const [to, theirs] of byRecipient) {
      if (await this.dataSource.manager.existsBy(OpsDigestEntity, { day, recipient: to })) continue;
      const messageId = `<ops-digest.${day}.${to.replace(/[^A-Za-z0-9.-]/g, '.')}@avrr-returns>`;
      const mail = digestMail(day, theirs.entries, (p) => names.get(p) ?? null, theirs.byHand);
      await this.mailer.send({ to, messageId, ...mail });
      const programmes = [...new Set([...theirs.entries, ...theirs.byHand].map((e) => e.programme))];
      await this.dataSource.manager.insert(OpsDigestEntity, { day, recipient: to, programmes, messageId });
      sent += 1;
    }
    return sent;
  }

  /**
   * What was left to staff on the day before `day` and on it: cancellations the saga gave up ('cancellation-failed'),
   * vouchers the payment provider refused to void ('voucher-void-refused').
   */
  private cancellationsByHand(day: string): Promise<CancellationByHand[]> {
    return this.dataSource.query(
      `SELECT t.case_ref AS "caseRef", c.programme_code AS "programme", t.summary
       FROM case_timeline t JOIN return_cases c ON c.case_ref = t.case_ref
       WHERE t.kind IN ('cancellation-failed', 'voucher-void-refused')
         AND t.occurred_at >= $1::date - 1 AND t.occurred_at < $1::date + 1
       ORDER BY t.case_ref, t.occurred_at`,
      [day],
    );
  }

  private async needingAttention(): Promise<DigestEntry[]> {
    const query =
      `WorkflowType='${RETURN_WORKFLOW_TYPE}' AND ExecutionStatus='Running' ` +
      `AND (Overdue=true OR FailingStep IS NOT NULL)`;
    const entries: DigestEntry[] = [];
    for await (const run of Context.current().client.workflow.list({ query })) {
      const a = run.typedSearchAttributes;
      entries.push({
        caseRef: run.workflowId.replace(/^return-/, ''),
        programme: a.get(ProgrammeCodeAttribute) ?? '',
        stage: a.get(ReturnStageAttribute) ?? '',
        waitingOn: a.get(WaitingOnAttribute) ?? null,
        dueAt: a.get(DueAtAttribute) ?? null,
        overdue: a.get(OverdueAttribute) === true,
        failingStep: a.get(FailingStepAttribute) ?? null,
      });
    }
    return entries.sort((x, y) => x.caseRef.localeCompare(y.caseRef));
  }

  private async partnerNames(entries: DigestEntry[]): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    for (const waitingOn of new Set(entries.map((e) => e.waitingOn))) {
      const [kind, place] = waitingOn?.split(':') ?? [];
      const partner = place ? await this.partners.find(kind as PartnerKind, place) : null;
      if (partner) names.set(waitingOn!, partner.name);
    }
    return names;
  }
}
