import type { Me, ReturnView, Role, StepBody, StepPath } from '../api/client';
import { enumOf } from '../api/enums';
import { isoDateTime, items, picked, text, type FieldDef, type Values } from '../forms/fields';

type Stage = NonNullable<ReturnView['stage']>;
const PRE_DEPARTURE: Stage[] = ['intake', 'declaration', 'travel-document', 'travel-arrangements', 'departure'];
const AFTERCARE: Stage[] = ['reintegration', 'monitoring'];
const STAFF: Role[] = ['case-worker', 'supervisor'];

/** What decides whether a step is offered, besides role and stage: the case itself. */
export interface StepContext {
  view: ReturnView;
  me: Me;
  /** For a tranche's steps. */
  tranche?: ReturnView['reintegration']['disbursements'][number];
  /** The survey of the case's pinned policy version, once the page has read it (aftercare only). */
  survey?: { id: string; min: number; max: number }[];
}

export interface StepDef<P extends StepPath = StepPath> {
  /** Also the translation key under `steps.` and the form's id. */
  id: string;
  path: P;
  roles: Role[];
  stages: Stage[];
  fields: FieldDef[];
  /** Fields that depend on the case (a survey's questions), after `fields`. */
  moreFields?: (context: StepContext) => FieldDef[];
  /** Whether the case is at this step now (the API refuses it otherwise, with its reason). */
  when?: (context: StepContext) => boolean;
  toBody: (values: Values, context: StepContext) => StepBody<P>;
  /** Steps done once per tranche are offered in its row. */
  perTranche?: boolean;
}

const step = <P extends StepPath>(def: StepDef<P>) => def as unknown as StepDef;
const none = () => undefined;

const segments: FieldDef = {
  name: 'segments',
  kind: 'list',
  min: 1,
  max: 6,
  of: [
    { name: 'flight', kind: 'text', required: true, pattern: /^[A-Z0-9]{2}[0-9]{1,4}[A-Z]?$/, hint: 'RO201' },
    { name: 'from', kind: 'text', required: true, pattern: /^[A-Z]{3}$/, hint: 'OTP' },
    { name: 'to', kind: 'text', required: true, pattern: /^[A-Z]{3}$/, hint: 'IST' },
    { name: 'departsAt', kind: 'datetime', required: true },
  ],
};
const escort: FieldDef[] = [
  { name: 'escort.kind', kind: 'select', options: enumOf('EscortDto', 'kind') },
  { name: 'escort.givenName', kind: 'text' },
  { name: 'escort.familyName', kind: 'text' },
];
const readSegments = (values: Values) =>
  items(values, 'segments', 1).map((segment) => ({
    flight: segment('flight'),
    from: segment('from'),
    to: segment('to'),
    departsAt: isoDateTime(segment('departsAt')),
  }));
const readEscort = (values: Values) =>
  text(values, 'escort.kind')
    ? {
        kind: text(values, 'escort.kind') as 'medical' | 'humanitarian',
        givenName: text(values, 'escort.givenName'),
        familyName: text(values, 'escort.familyName'),
      }
    : undefined;
const waitsFor = (context: StepContext, words: string) => Boolean(context.view.waitingFor?.what.includes(words));
const travelCheck = (id: 'fit-to-travel' | 'family-tracing') =>
  step({
    id,
    path: `/returns/{caseRef}/${id}`,
    roles: STAFF,
    stages: ['travel-arrangements'],
    when: (c) => waitsFor(c, id),
    fields: [
      { name: 'doneOn', kind: 'date', required: true },
      { name: 'note', kind: 'textarea', required: true },
    ],
    toBody: (v) => ({ doneOn: text(v, 'doneOn'), note: text(v, 'note') }),
  });
const plan = (c: StepContext) => c.view.reintegration.plan;

/** Every step staff record on a return, in the order of the journey. */
export const STEPS: StepDef[] = [
  step({
    id: 'counselling',
    path: '/returns/{caseRef}/counselling',
    roles: STAFF,
    stages: ['intake', 'declaration'],
    when: (c) => !c.view.declarationSignedOn,
    fields: [
      { name: 'heldOn', kind: 'date', required: true },
      { name: 'topics', kind: 'multiselect', options: enumOf('CounsellingDto', 'topics'), required: true },
    ],
    toBody: (v) => ({ heldOn: text(v, 'heldOn'), topics: picked(v, 'topics') as 'health'[] }),
  }),
  step({
    id: 'declaration',
    path: '/returns/{caseRef}/declaration',
    roles: STAFF,
    stages: ['intake', 'declaration'],
    when: (c) => !c.view.declarationSignedOn,
    fields: [{ name: 'signedOn', kind: 'date', required: true }],
    toBody: (v) => ({ signedOn: text(v, 'signedOn') }),
  }),
  step({
    id: 'travel-document',
    path: '/returns/{caseRef}/travel-document',
    roles: STAFF,
    stages: ['travel-document'],
    when: (c) => !c.view.travelDocument,
    fields: [
      {
        name: 'documentType',
        kind: 'select',
        options: enumOf('RecordTravelDocumentDto', 'documentType'),
        required: true,
      },
      { name: 'documentNumber', kind: 'text', required: true, pattern: /^[A-Z0-9]{5,20}$/, hint: 'LP9876543' },
      { name: 'expiresOn', kind: 'date', required: true },
    ],
    toBody: (v) => ({
      documentType: text(v, 'documentType') as 'passport',
      documentNumber: text(v, 'documentNumber'),
      expiresOn: text(v, 'expiresOn'),
    }),
  }),
  travelCheck('fit-to-travel'),
  travelCheck('family-tracing'),
  step({
    id: 'flights',
    path: '/returns/{caseRef}/flights',
    roles: STAFF,
    stages: ['travel-arrangements'],
    when: (c) => waitsFor(c, 'flights chosen'),
    fields: [segments, ...escort],
    toBody: (v) => ({ segments: readSegments(v), escort: readEscort(v) }),
  }),
  step({
    id: 'itinerary',
    path: '/returns/{caseRef}/itinerary',
    roles: STAFF,
    stages: ['travel-arrangements', 'departure'],
    when: (c) => c.view.waitingFor?.partner === 'travel-agency',
    fields: [
      segments,
      { name: 'bookingRef', kind: 'text', required: true, pattern: /^[A-Z0-9]{5,12}$/, hint: 'K7XQ2M' },
    ],
    toBody: (v) => ({ segments: readSegments(v), bookingRef: text(v, 'bookingRef') }),
  }),
  step({
    id: 'accommodation',
    path: '/returns/{caseRef}/accommodation',
    roles: STAFF,
    stages: ['travel-arrangements', 'departure'],
    when: (c) => !c.view.accommodation || c.view.accommodation.status === 'cancelled',
    fields: [
      { name: 'from', kind: 'date', required: true },
      { name: 'until', kind: 'date', required: true },
    ],
    toBody: (v) => ({ from: text(v, 'from'), until: text(v, 'until') }),
  }),
  step({
    id: 'departure',
    path: '/returns/{caseRef}/departure',
    roles: STAFF,
    stages: ['departure'],
    fields: [],
    toBody: none,
  }),
  step({
    id: 'rebooking',
    path: '/returns/{caseRef}/rebooking',
    roles: STAFF,
    stages: ['departure'],
    fields: [
      { name: 'reason', kind: 'select', options: enumOf('RebookingDto', 'reason'), required: true },
      segments,
      ...escort,
    ],
    toBody: (v) => ({
      reason: text(v, 'reason') as 'missed-flight',
      segments: readSegments(v),
      escort: readEscort(v),
    }),
  }),
  step({
    id: 'transit',
    path: '/returns/{caseRef}/transit',
    roles: STAFF,
    stages: ['transit'],
    fields: [],
    // The transit airports of the booked flights: where each flight but the last lands.
    moreFields: (c) => [
      {
        name: 'airport',
        kind: 'select',
        required: true,
        options: (c.view.itineraries.find((i) => i.status === 'booked')?.segments ?? []).slice(0, -1).map((s) => s.to),
      },
    ],
    toBody: (v) => ({ airport: text(v, 'airport') }),
  }),
  step({
    id: 'arrival',
    path: '/returns/{caseRef}/arrival',
    roles: STAFF,
    stages: ['arrival'],
    fields: [],
    toBody: none,
  }),
  step({
    id: 'onward-travel',
    path: '/returns/{caseRef}/onward-travel',
    roles: STAFF,
    stages: ['onward-travel'],
    fields: [],
    toBody: none,
  }),
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
      (c.survey ?? []).map((q) => ({ name: `answers.${q.id}`, kind: 'number' as const, required: true })),
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
    fields: [{ name: 'outcome', kind: 'select', options: enumOf('ClosureDto', 'outcome'), required: true }],
    toBody: (v) => ({ outcome: text(v, 'outcome') as 'completed' }),
  }),
  step({
    id: 'withdrawal',
    path: '/returns/{caseRef}/withdrawal',
    roles: STAFF,
    stages: PRE_DEPARTURE,
    when: (c) => !c.view.allowances.length,
    fields: [],
    toBody: none,
  }),
  step({
    id: 'unstick',
    path: '/returns/{caseRef}/unstick',
    roles: ['supervisor'],
    // The journey's partner requests; aftercare's requests to the mission are not taken back this way.
    stages: [...PRE_DEPARTURE, 'transit', 'arrival', 'onward-travel'],
    when: (c) => Boolean(c.view.waitingFor?.partner),
    fields: [
      { name: 'action', kind: 'select', options: enumOf('UnstickDto', 'action'), required: true },
      { name: 'until', kind: 'datetime' },
      { name: 'place', kind: 'text', pattern: /^[A-Z0-9]{2,10}$/, hint: 'MD' },
      { name: 'reason', kind: 'textarea', required: true },
    ],
    toBody: (v) => ({
      action: text(v, 'action') as 'resend',
      until: text(v, 'until') ? isoDateTime(text(v, 'until')) : undefined,
      place: text(v, 'place') || undefined,
      reason: text(v, 'reason'),
    }),
  }),
];

/** The steps this user may record on this return now: their role and the case's stage allow them. */
export function offeredSteps(context: StepContext, perTranche = false): StepDef[] {
  const stage = context.view.stage;
  return STEPS.filter(
    (s) =>
      Boolean(s.perTranche) === perTranche &&
      stage !== null &&
      s.stages.includes(stage) &&
      s.roles.some((role) => context.me.roles.includes(role)) &&
      (s.when?.(context) ?? true),
  );
}

/** The next follow-up a visit records: the number the case waits for ("monitoring visit 2 of 3"). */
export const nextFollowUp = (view: ReturnView) => /monitoring visit (\d+)/.exec(view.waitingFor?.what ?? '')?.[1] ?? '';

/** The URL a step is posted to, for this case (and tranche). */
export const stepUrl = (def: StepDef, caseRef: string, tranche?: number) =>
  def.path.replace('{caseRef}', encodeURIComponent(caseRef)).replace('{tranche}', String(tranche ?? ''));
