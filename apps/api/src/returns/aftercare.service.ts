import { Injectable } from '@nestjs/common';
import { surveyScores } from '@avrr/contracts';
import {
  DisbursementEntity,
  fromCents,
  MonitoringVisitEntity,
  ProgrammePolicies,
  reintegrationBudget,
  ReintegrationPlanEntity,
  toCents,
  planCeiling,
} from '@avrr/persistence';
import type { StaffPrincipal } from '../auth/principal';
import {
  InvalidFieldError,
  NotFoundError,
  SecondPersonRequiredError,
  StepNotAllowedError,
  StepNotYetError,
} from '../errors/domain-errors';
import { CaseSteps } from '../steps/case-steps';
import type { StepWrites } from '../steps/step-writes';
import { ClosedCaseRecords } from './closed-case-records';
import {
  refuseCashInEffect,
  refuseDocumentOfAnother,
  refuseInvoicePaidBefore,
  refuseUnlessPaid,
  refuseWhileClosing,
} from './tranche-rules';
import type {
  ClosureDto,
  DisbursementCancellationDto,
  DisbursementDto,
  HandoverDto,
  MonitoringVisitDto,
  PlanDto,
} from './dto/aftercare.dto';
import type { ReturnView } from './return-view';

/** Reintegration (plan, approval, disbursements) and monitoring, as staff record them after arrival. */
@Injectable()
export class AftercareService {
  constructor(
    private readonly steps: CaseSteps,
    private readonly policies: ProgrammePolicies,
    private readonly closedCases: ClosedCaseRecords,
  ) {}

  /** The plan, within the ceiling the programme sets per adult and per child; replaced until approved. */
  recordPlan(caseRef: string, dto: PlanDto, user: StaffPrincipal): Promise<ReturnView> {
    return this.steps.record(caseRef, user, 'plan', {}, async (writes, returnCase) => {
      const { reintegration } = await this.policies.pinnedBy(returnCase, writes.manager);
      const ceiling = planCeiling(reintegration, returnCase.persons);
      const total = dto.items.reduce((sum, item) => sum + toCents(item.amount), 0);
      const { currency } = ceiling;
      if (total > toCents(ceiling.total)) {
        throw new InvalidFieldError(
          'items',
          `total ${fromCents(total)} ${currency} exceeds the programme's ceiling of ${ceiling.total} ${currency} ` +
            `(${ceiling.adults} adult(s) x ${ceiling.perAdult}, ${ceiling.children} child(ren) x ${ceiling.perChild})`,
        );
      }
      const items = dto.items.map((item) => ({ ...item, amount: fromCents(toCents(item.amount)) }));
      await writes.upsert(
        ReintegrationPlanEntity,
        { caseRef, items, total: fromCents(total), currency, submittedBy: user.id, approvedBy: null, approvedAt: null },
        ['caseRef'],
      );
      return `Reintegration plan recorded: ${items.map((i) => `${i.category} ${i.amount}`).join(', ')}; total ${fromCents(total)} ${currency}`;
    });
  }

  /** A supervisor approves; never the person who recorded the plan (four eyes, as for tranches). */
  approvePlan(caseRef: string, user: StaffPrincipal): Promise<ReturnView> {
    return this.steps.record(caseRef, user, 'planApproval', {}, async (writes) => {
      const plan = await writes.manager.findOneBy(ReintegrationPlanEntity, { caseRef });
      if (!plan) throw new StepNotAllowedError('no reintegration plan has been recorded for this case');
      if (plan.approvedAt) throw new StepNotAllowedError('the plan is already approved');
      if (plan.submittedBy === user.id) {
        throw new SecondPersonRequiredError(
          'the reintegration plan must be approved by a second person: you recorded it',
        );
      }
      await writes.update(ReintegrationPlanEntity, { caseRef }, { approvedBy: user.id, approvedAt: new Date() });
      return `Reintegration plan approved: budget ${plan.total} ${plan.currency}`;
    });
  }

  /** A tranche within the remaining budget; the case row is locked so two requests cannot both spend it. */
  requestDisbursement(caseRef: string, dto: DisbursementDto, user: StaffPrincipal): Promise<ReturnView> {
    const payload = { tranche: 0, method: dto.method };
    return this.steps.record(caseRef, user, 'disbursement', payload, async (writes) => {
      await refuseWhileClosing(writes.manager, caseRef);
      const budget = await reintegrationBudget(writes.manager, caseRef);
      const amount = toCents(dto.amount);
      if (budget && toCents(budget.approved) > 0 && amount > toCents(budget.remaining)) {
        throw new InvalidFieldError(
          'amount',
          `${fromCents(amount)} exceeds the remaining budget of ${budget.remaining} ${budget.currency}`,
        );
      }
      if (dto.method === 'vendor-payment') {
        await refuseCashInEffect(writes.manager, caseRef, dto.vendorName ?? '');
        await refuseInvoicePaidBefore(writes.manager, caseRef, dto.vendorName ?? '', dto.invoiceRef ?? '');
      }
      payload.tranche = (await writes.manager.countBy(DisbursementEntity, { caseRef })) + 1;
      await writes.insert(DisbursementEntity, {
        caseRef,
        tranche: payload.tranche,
        method: dto.method,
        amount: fromCents(amount),
        currency: budget?.currency ?? 'EUR',
        vendorCategory: dto.method === 'voucher' ? dto.vendorCategory : null,
        vendorName: dto.method === 'vendor-payment' ? dto.vendorName : null,
        invoiceRef: dto.method === 'vendor-payment' ? dto.invoiceRef : null,
        status: 'requested',
        requestedBy: user.id,
      });
      const what = dto.method === 'voucher' ? `voucher for ${dto.vendorCategory}` : `payment to ${dto.vendorName}`;
      return `Tranche ${payload.tranche} requested: ${what}, ${fromCents(amount)} ${budget?.currency ?? ''}`.trim();
    });
  }

  /** A finance officer approves; never the person who requested the tranche. */
  approveDisbursement(caseRef: string, tranche: number, user: StaffPrincipal): Promise<ReturnView> {
    return this.steps.record(caseRef, user, 'disbursementApproval', { tranche }, async (writes) => {
      const row = await this.trancheOf(writes, caseRef, tranche);
      if (row.requestedBy === user.id) {
        throw new SecondPersonRequiredError(`tranche ${tranche} must be approved by a second person: you requested it`);
      }
      await refuseWhileClosing(writes.manager, caseRef);
      // Approved by another meanwhile (its step may still be pending): this one would write over the payment's record.
      if (row.status !== 'requested') throw new StepNotAllowedError(`tranche ${tranche} is not waiting for approval`);
      await writes.update(DisbursementEntity, { caseRef, tranche }, { status: 'approved', approvedBy: user.id });
      return `Tranche ${tranche} (${row.amount} ${row.currency}) approved for payment`;
    });
  }

  /** A tranche not yet approved is cancelled: finance declines it, or staff withdraw the request. */
  cancelDisbursement(
    caseRef: string,
    tranche: number,
    dto: DisbursementCancellationDto,
    user: StaffPrincipal,
  ): Promise<ReturnView> {
    return this.steps.record(caseRef, user, 'disbursementCancellation', { tranche }, async (writes) => {
      const row = await this.trancheOf(writes, caseRef, tranche);
      if (row.status === 'approved')
        throw new StepNotAllowedError(`tranche ${tranche} is approved: it is being paid out`);
      if (row.status !== 'requested') throw new StepNotAllowedError(`tranche ${tranche} is not waiting for approval`);
      await writes.update(
        DisbursementEntity,
        { caseRef, tranche },
        { status: 'cancelled', cancelledBy: user.id, cancelReason: dto.reason },
      );
      return `Tranche ${tranche} (${row.amount} ${row.currency}) cancelled, unpaid: ${dto.reason}; its amount is back in the budget`;
    });
  }

  /** Before closure a step of the workflow's; after it, the record's alone (ClosedCaseRecords). */
  async recordHandover(caseRef: string, tranche: number, dto: HandoverDto, user: StaffPrincipal): Promise<ReturnView> {
    const afterClosure = await this.closedCases.handover(caseRef, tranche, dto, user);
    if (afterClosure) return afterClosure;
    return this.steps.record(caseRef, user, 'handover', { tranche }, async (writes) => {
      const row = await this.trancheOf(writes, caseRef, tranche);
      // Nothing is written over a payment on its way: the payment activity records it on this row.
      if (row.status === 'approved')
        throw new StepNotYetError(`tranche ${tranche} is being paid out: try again in a moment`);
      refuseUnlessPaid(row, tranche);
      await refuseDocumentOfAnother(writes.manager, caseRef, row, dto.documentRef);
      await writes.update(DisbursementEntity, { caseRef, tranche }, { status: 'closed', handoverRef: dto.documentRef });
      const document = row.method === 'voucher' ? 'handover certificate' : 'invoice';
      return `Tranche ${tranche} closed with ${document} ${dto.documentRef}`;
    });
  }

  /** A visit's survey, scored with the survey of the case's pinned policy, kept with that version. */
  recordVisit(caseRef: string, dto: MonitoringVisitDto, user: StaffPrincipal): Promise<ReturnView> {
    return this.steps.record(
      caseRef,
      user,
      'monitoringVisit',
      { followUp: dto.followUp, visitedOn: dto.visitedOn },
      async (writes, returnCase) => {
        const policy = await this.policies.pinnedBy(returnCase, writes.manager);
        const { survey } = policy.reintegration;
        for (const question of survey.questions) {
          const answer = dto.answers[question.id];
          if (typeof answer !== 'number' || answer < question.min || answer > question.max) {
            throw new InvalidFieldError(
              `answers.${question.id}`,
              `must be a number from ${question.min} to ${question.max}`,
            );
          }
        }
        const unknown = Object.keys(dto.answers).find((id) => !survey.questions.some((q) => q.id === id));
        if (unknown) throw new InvalidFieldError(`answers.${unknown}`, `is not a question of survey ${survey.version}`);
        const scores = surveyScores(survey, dto.answers);
        await writes.insert(MonitoringVisitEntity, {
          caseRef,
          followUp: dto.followUp,
          status: 'done',
          visitedOn: dto.visitedOn,
          answers: dto.answers,
          scores,
          policyVersion: policy.version,
          surveyVersion: survey.version,
          recordedBy: user.id,
        });
        return (
          `Monitoring visit ${dto.followUp} on ${dto.visitedOn}: economic ${scores.economic}, social ${scores.social}, ` +
          `psychosocial ${scores.psychosocial}, composite ${scores.composite} (survey ${survey.version})`
        );
      },
    );
  }

  close(caseRef: string, dto: ClosureDto, user: StaffPrincipal): Promise<ReturnView> {
    return this.steps.record(caseRef, user, 'closure', { outcome: dto.outcome }, `Closure as ${dto.outcome}`);
  }

  private async trancheOf(writes: StepWrites, caseRef: string, tranche: number): Promise<DisbursementEntity> {
    const row = await writes.manager.findOneBy(DisbursementEntity, { caseRef, tranche });
    if (!row) throw new NotFoundError(`case ${caseRef} has no tranche ${tranche}`);
    return row;
  }
}
