import type { Me, ReturnView, Role, StepBody, StepPath } from '../api/client';
import type { FieldDef, Values } from '../forms/fields';

export type Stage = NonNullable<ReturnView['stage']>;
export const PRE_DEPARTURE: Stage[] = ['intake', 'declaration', 'travel-document', 'travel-arrangements', 'departure'];
export const AFTERCARE: Stage[] = ['reintegration', 'monitoring'];
export const STAFF: Role[] = ['case-worker', 'supervisor'];

/** What decides whether a step is offered, besides role and stage: the case itself. */
export interface StepContext {
  view: ReturnView;
  me: Me;
  /** For a tranche's steps. */
  tranche?: ReturnView['reintegration']['disbursements'][number];
  /** The survey of the case's pinned policy version, once the page has read it (aftercare only). */
  survey?: { id: string; text?: string; min: number; max: number }[];
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

export const step = <P extends StepPath>(def: StepDef<P>) => def as unknown as StepDef;
export const none = () => undefined;
/** Whether what the case waits for names `words`. */
export const waitsFor = (context: StepContext, words: string) => Boolean(context.view.waitingFor?.what.includes(words));
