import type { EntityManager } from 'typeorm';
import type { ReintegrationPolicy } from '@avrr/contracts';
import { adultsOf } from './adults';
import { DisbursementEntity, ReintegrationPlanEntity, type CasePersonEntity } from './entities';

export interface Budget {
  currency: string;
  /** The approved plan's total; zero before approval. */
  approved: string;
  /** Requested, approved, paid or closed tranches; expired and cancelled ones are back in the budget. */
  committed: string;
  remaining: string;
}

/** Money as whole cents, so that sums are exact. */
export const toCents = (amount: string | number): number => Math.round(Number(amount) * 100);
export const fromCents = (cents: number): string => (cents / 100).toFixed(2);

export interface PlanCeiling {
  total: string;
  currency: string;
  adults: number;
  children: number;
  perAdult: string;
  perChild: string;
}

/** The most a case's reintegration plan may cost: the pinned policy's amount per adult (18 or older) and per child. */
export function planCeiling(
  { perAdult, perChild, currency }: Pick<ReintegrationPolicy, 'perAdult' | 'perChild' | 'currency'>,
  persons: Pick<CasePersonEntity, 'dateOfBirth'>[],
): PlanCeiling {
  const adults = adultsOf(persons).length;
  const children = persons.length - adults;
  const total = toCents(perAdult) * adults + toCents(perChild) * children;
  return {
    total: fromCents(total),
    currency,
    adults,
    children,
    perAdult: fromCents(toCents(perAdult)),
    perChild: fromCents(toCents(perChild)),
  };
}

/** Where a case's reintegration budget stands, from its plan and tranches: the one place it is computed. */
export function budgetOf(
  plan: Pick<ReintegrationPlanEntity, 'approvedAt' | 'total' | 'currency'>,
  tranches: Pick<DisbursementEntity, 'status' | 'amount'>[],
): Budget {
  const approved = plan.approvedAt ? toCents(plan.total) : 0;
  const committed = tranches
    .filter((t) => t.status !== 'expired' && t.status !== 'cancelled')
    .reduce((sum, t) => sum + toCents(t.amount), 0);
  return {
    currency: plan.currency,
    approved: fromCents(approved),
    committed: fromCents(committed),
    remaining: fromCents(approved - committed),
  };
}

/** The budget as the database holds it now; null before a plan is recorded. */
export async function reintegrationBudget(manager: EntityManager, caseRef: string): Promise<Budget | null> {
  const plan = await manager.findOneBy(ReintegrationPlanEntity, { caseRef });
  return plan && budgetOf(plan, await manager.findBy(DisbursementEntity, { caseRef }));
}
