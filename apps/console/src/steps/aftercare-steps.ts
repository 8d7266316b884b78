import { enumOf } from '../api/enums';
import { items, text } from '../forms/fields';
import { AFTERCARE, none, STAFF, step, waitsFor, type StepContext, type StepDef } from './step-def';

const plan = (c: StepContext) => c.view.reintegration.plan;

/** The steps after arrival: the reintegration plan and its tranches, the follow-up visits and the closure. */
export const AFTERCARE_STEPS: StepDef[] = [
  step({
    id: 'reintegration-plan',
    path: '/returns/{caseRef}/reintegration-plan',
    roles: STAFF,
    stages: AFTERCARE,
    when: (c) => !plan(c) && waitsFor(c, 'reintegration plan from'),
    fields: [
      {
        name: 'items',
        kind: 'list',
        min: 1,
        max: 20,
        of: [
          { name: 'category', kind: 'select', options: enumOf('PlanItemDto', 'category'), required: true },
          { name: 'description', kind: 'text', required: true },
          { name: 'amount', kind: 'number', required: true },
        ],
      },
    ],
    toBody: (v) => ({
      items: items(v, 'items', 1).map((item) => ({
        category: item('category') as 'housing',
        description: item('description'),
        amount: Number(item('amount')),
      })),
    }),
  }),
  step({
    id: 'plan-approval',
    path: '/returns/{caseRef}/reintegration-plan/approval',
    roles: ['supervisor'],
    stages: AFTERCARE,
    // The supervisor who recorded the plan does not approve it.
    when: (c) => Boolean(plan(c) && !plan(c)?.approvedBy && plan(c)?.submittedBy !== c.me.id),
    fields: [],
    toBody: none,
  }),
  step({
    id: 'disbursement',
    path: '/returns/{caseRef}/disbursements',
    roles: STAFF,
    stages: AFTERCARE,
    when: (c) => Boolean(plan(c)?.approvedBy),
    fields: [
      { name: 'method', kind: 'select', options: enumOf('DisbursementDto', 'method'), required: true },
      { name: 'amount', kind: 'number', required: true },
      { name: 'vendorCategory', kind: 'text' },
      { name: 'vendorName', kind: 'text' },
      { name: 'invoiceRef', kind: 'text' },
    ],
    toBody: (v) => ({
      method: text(v, 'method') as 'voucher',
      amount: Number(text(v, 'amount')),
      vendorCategory: text(v, 'vendorCategory') || undefined,
      vendorName: text(v, 'vendorName') || undefined,
      invoiceRef: text(v, 'invoiceRef') || undefined,
    }),
  }),
  step({
    id: 'tranche-approval',
    path: '/returns/{caseRef}/disbursements/{tranche}/approval',
    roles: ['finance-officer'],
    stages: AFTERCARE,
    perTranche: true,
    // Whoever requested a tranche does not approve it.
    when: (c) => c.tranche?.status === 'requested' && c.tranche.requestedBy !== c.me.id,
    fields: [],
    toBody: none,
  }),
  step({
    id: 'tranche-cancellation',
    path: '/returns/{caseRef}/disbursements/{tranche}/cancellation',
    roles: ['finance-officer', ...STAFF],
    stages: AFTERCARE,
    perTranche: true,
    when: (c) => c.tranche?.status === 'requested',
    fields: [{ name: 'reason', kind: 'text', required: true }],
    toBody: (v) => ({ reason: text(v, 'reason') }),
  }),
  step({
    id: 'handover',
    path: '/returns/{caseRef}/disbursements/{tranche}/handover',
    roles: STAFF,
    stages: AFTERCARE,
    perTranche: true,
    when: (c) => c.tranche?.status === 'paid',
    fields: [{ name: 'documentRef', kind: 'text', required: true }],
    toBody: (v) => ({ documentRef: text(v, 'documentRef') }),
  }),
  step({
    id: 'monitoring-visit',
    path: '/returns/{caseRef}/monitoring-visits',
    roles: ['monitor', ...STAFF],
    stages: AFTERCARE,
    when: (c) => waitsFor(c, 'monitoring visit') && Boolean(c.survey),
    fields: [
      { name: 'followUp', kind: 'number', required: true },
      { name: 'visitedOn', kind: 'date', required: true },
    ],
    moreFields: (c) =>
      (c.survey ?? []).map((q) => ({
        name: `answers.${q.id}`,
        kind: 'number' as const,
        required: true,
        label: q.text && `${q.text} (${q.min}-${q.max})`,
        min: q.min,
        max: q.max,
      })),
    toBody: (v, c) => ({
      followUp: Number(text(v, 'followUp')),
      visitedOn: text(v, 'visitedOn'),
      answers: Object.fromEntries((c.survey ?? []).map((q) => [q.id, Number(text(v, `answers.${q.id}`))])),
    }),
  }),
  step({
    id: 'closure',
    path: '/returns/{caseRef}/closure',
    roles: ['supervisor'],
    stages: AFTERCARE,
    // Nothing can be recorded on the case after it: never one click by mistake.
    fields: [
      { name: 'outcome', kind: 'select', options: enumOf('ClosureDto', 'outcome'), required: true },
      { name: 'closedForGood', kind: 'checkbox', required: true },
    ],
    toBody: (v) => ({ outcome: text(v, 'outcome') as 'completed' }),
  }),
];
