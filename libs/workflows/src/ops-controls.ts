import { setHandler } from '@temporalio/workflow';
import { unstickUpdate, type PartnerKind, type ReturnStatus, type Unstick } from '@avrr/contracts';
import { refused } from './step-rules';

/** A supervisor's action, waiting for the partner step to act on it. */
export type StepAction =
  { kind: 'resend' } | { kind: 'extend'; dueAt: number } | { kind: 'reassign'; place: string; from: string };

/** The partner step the return waits on now, as the unstick update sees it. */
export interface StepControl {
  pending(): boolean;
  take(): StepAction | null;
  close(): void;
}

const PLACE = /^[A-Z0-9]{2,10}$/;

/** Partners whose step is not handed over, and why: the case fixes their place, or they hold what was asked. */
const NOT_HANDED_OVER: Partial<Record<PartnerKind, string>> = {
  'airport-assistance': 'is at an airport of the flights: for another airport, rebook the flights',
  mission: 'is in the country the travellers return to: no other mission can take the step',
  'travel-agency': 'holds the booking request: record the itinerary another agency booked, or choose the flights again',
};
let current: {
  actions: StepAction[];
  allowed: StepAction['kind'][];
  remindsFrom?: number;
  extendsUpTo?: number;
} | null = null;

/**
 * Opened by `awaitPartner` while it waits, by the aftercare loop while the mission's plan or visit is awaited, or by a
 * partner call in flight (a booking: `allowed` resend only, which calls again at once): supervisors' actions queue here until its loop takes them. `remindsFrom` (epoch ms): a
 * confirmation's flight time, before which there is nothing to confirm and so nothing to remind of. `extendsUpTo`
 * (epoch ms): the latest due date an extension may set (a visit's, the next follow-up's date).
 */
export function openStepControl({
  allowed = ['resend', 'extend', 'reassign'],
  remindsFrom,
  extendsUpTo,
}: { allowed?: StepAction['kind'][]; remindsFrom?: number; extendsUpTo?: number } = {}): StepControl {
  const open = { actions: [] as StepAction[], allowed, remindsFrom, extendsUpTo };
  current = open;
  return {
    pending: () => open.actions.length > 0,
    take: () => open.actions.shift() ?? null,
    close: () => {
      if (current === open) current = null;
    },
  };
}

/**
 * The unstick update: refused (409, nothing changed) unless a partner step is awaited and the action fits it.
 * `waitingOn` is whom the return waits on (`consulate:PK`), from the ops view.
 */
export function registerUnstick(
  status: () => ReturnStatus | null,
  enabled: () => boolean,
  waitingOn: () => string | null,
): void {
  const queued = () => current?.actions ?? [];
  setHandler(
    unstickUpdate,
    (step: Unstick) => {
      current!.actions.push(
        step.action === 'extend'
          ? { kind: 'extend', dueAt: Date.parse(step.until!) }
          : step.action === 'reassign'
            ? { kind: 'reassign', place: step.place!, from: (waitingOn() ?? '').split(':')[1] }
            : { kind: 'resend' },
      );
      return status()!;
    },
    {
      validator: (step: Unstick) => {
        if (!enabled()) throw refused('this return started before supervisors could unstick its steps');
        if (!current) throw refused('the return waits on no partner request: there is nothing to unstick');
        if (!current.allowed.includes(step.action)) {
          throw refused(
            `a partner call in flight is only sent again (resend), not ${step.action === 'extend' ? 'extended' : 'handed over'}`,
          );
        }
        if (queued().some((a) => a.kind === 'reassign')) throw refused('the step is being handed over: try again');
        const { remindsFrom } = current;
        if (step.action === 'resend' && remindsFrom !== undefined && Date.now() < remindsFrom) {
          throw refused(
            `the flight leaves at ${new Date(remindsFrom).toISOString()}: the team has the request, and is reminded to confirm after it`,
          );
        }
        if (step.action === 'reassign') {
          const [kind, place] = (waitingOn() ?? '').split(':');
          const fixed = NOT_HANDED_OVER[kind as PartnerKind];
          if (fixed) throw refused(`the ${kind} partner ${place} ${fixed}`);
          if (!step.place || !PLACE.test(step.place)) throw refused('handing over needs the other partner (place)');
          if (step.place === place) throw refused(`the step is already with ${kind} ${place}`);
        }
        if (step.action !== 'extend') return;
        const until = Date.parse(step.until ?? '');
        if (Number.isNaN(until)) throw refused('extending a deadline needs the new due date (until)');
        if (current.extendsUpTo !== undefined && until > current.extendsUpTo) {
          const upTo = new Date(current.extendsUpTo).toISOString();
          throw refused(`the due date can be moved up to ${upTo}, when the next follow-up is asked`);
        }
        const dues = queued().map((a) => (a.kind === 'extend' ? a.dueAt : 0));
        const due = Math.max(Date.parse(status()?.waitingFor?.dueAt ?? '') || 0, Date.now(), ...dues);
        if (until <= due) throw refused(`the new due date must be later than ${new Date(due).toISOString()}`);
      },
    },
  );
}
