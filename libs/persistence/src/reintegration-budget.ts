import type { EntityManager } from 'typeorm';
import { DisbursementEntity, ReintegrationPlanEntity } from './entities';

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
