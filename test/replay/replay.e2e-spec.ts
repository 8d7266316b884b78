import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  bundleWorkflowCode,
  DefaultLogger,
  Runtime,
  Worker,
  type WorkflowBundleWithSourceMap,
} from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { HISTORIES_DIR } from '../support/histories';
import { testStack } from '../support/test-env';

/**
 * Histories recorded from the end-to-end runs (`npm run histories:record`) and checked in. Every change to the
 * workflow must still replay them; a change that alters the commands needs `patched()`.
 */
const histories = readdirSync(HISTORIES_DIR)
  .filter((file) => file.endsWith('.json'))
  .map((file) => ({
    workflowId: file.replace(/\.json$/, ''),
    history: JSON.parse(readFileSync(join(HISTORIES_DIR, file), 'utf8')),
  }));

/** The return workflow bundled with another Temporal workflow SDK module in place of the real one. */
function bundleWithWorkflowSdk(sdkPath: string): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({
    workflowsPath: require.resolve('@avrr/workflows'),
    logger: new DefaultLogger('ERROR'),
    webpackConfigHook: (config) => {
      config.resolve = {
        ...config.resolve,
        alias: { ...(config.resolve?.alias as object), '@temporalio/workflow$': require.resolve(sdkPath) },
      };
      return config;
    },
  });
}

describe('replay of recorded return histories', () => {
  beforeAll(() => {
    Runtime.install({ logger: new DefaultLogger('ERROR') });
  });

  it('has recorded histories to replay', () => {
    expect(histories.map((h) => h.workflowId).sort()).toEqual([
      'accommodation-revised-then-withdrawn', // ACCOMMODATION_REVISED: new nights sent to the partner, then withdrawn
      'aftercare-closed-completed', // the last run of a return that continued as new after each follow-up
      'aftercare-closed-local', // the same after CASE_RECORDS_LOCALLY
      'aftercare-closed-upcoming', // the same after UPCOMING_WAITS_ON_NO_ONE
      'aftercare-plan-and-tranches', // its first run after arrival
      'aftercare-plan-and-tranches-local', // the same after CASE_RECORDS_LOCALLY
      'aftercare-plan-and-tranches-upcoming', // the same after UPCOMING_WAITS_ON_NO_ONE
      'booked-by-email-then-withdrawn',
      'booking-given-up-at-departure', // BOOKING_ENDS_AT_DEPARTURE: the agency still down when the flight left
      'booking-resent-by-supervisor', // RESEND_CALLS_AGAIN: a failing booking sent again at a supervisor's word
      'closed-completed-answered-when-recorded', // the closure answered once recorded (CLOSURE_ANSWERED_WHEN_RECORDED)
      'closed-lost-contact-answered-when-recorded',
      'closed-with-void-refused', // VOID_REFUSAL_CLOSES: the provider refused to void the voucher at closure
      'closing-shown-while-void-fails', // CLOSING_SHOWN: the case says it is closing while the void is retried
      'closure-told-to-mission', // CLOSURE_TOLD_TO_MISSION: the mission, asked for a plan, told the case closed
      'connection-rebooked-in-transit', // CONNECTION_REBOOKED: a connection missed in transit rebooked from the transit airport
      'declaration-expired',
      'declared-document-after-reminder', // ended at travel arrangements, before the journey: replays through its patch
      'declared-valid-passport', // likewise
      'document-after-reminder', // recorded before the declaration step: replays through its patch
      'document-then-withdrawn-before-booking',
      'document-while-reminder-failing', // ANSWER_STOPS_REMINDERS: a failing reminder cancelled once the document came
      'escalated-then-withdrawn',
      'escalated-then-withdrawn-settled-told', // ESCALATION_SETTLED_TOLD: the supervisors told the escalation needs no action
      'family-escorted-departed',
      'follow-up-while-payment-down', // PAYMENTS_BESIDE_THE_LOOP: the follow-up asked while a tranche's payment fails
      'home-through-agency-api-then-aftercare', // recorded before stages were recorded locally
      'home-with-case-records-local', // the same journey after CASE_RECORDS_LOCALLY
      'home-with-stages-recorded-locally', // the same journey after STAGES_RECORDED_LOCALLY, before CASE_RECORDS_LOCALLY
      'mission-plan-unstuck', // MISSION_STEPS_UNSTUCK: the mission given more time for the plan, then sent it again
      'mission-visit-unstuck', // likewise for a visit, not missed while the mission has the time given
      'monitoring-lost-contact',
      'monitoring-missed-visit-told', // MISSED_VISIT_TOLD: the run that records the visit missed tells the mission
      'old-booking-cancel-refused', // issue 11: the agency refused to cancel a rebooked booking (recorded)
      'ops-booking-failing-then-booked', // the ops view: a failing step reported, then cleared
      'ops-booking-failing-waits-on-agency', // the same after BOOKING_AWAITS_AGENCY: waiting on the agency meanwhile
      'ops-extended-escalation-moved', // ESCALATION_FOLLOWS_DUE: an extension moves the escalation by as much
      'ops-handed-over-escalation-anew', // likewise: a handover starts the escalation from the new request
      'ops-handed-over-previous-told', // the next one after HANDOVER_TOLD_TO_PREVIOUS: the consulate that had it told
      'ops-handed-over-reminders-anew', // REMINDERS_NUMBERED_PER_PARTNER: the new consulate's reminders counted from 1
      'ops-late-reminded-extended-handed-over', // overdue, then a supervisor's resend, extension and handover
      'plan-reminders-spaced', // AFTERCARE_REMINDERS_SPACED: the plan reminded again once a moved due date passes
      'rebooked-by-email-then-withdrawn',
      'rebooked-then-departed',
      'rebooking-refused-then-departed', // REFUSED_REBOOKING_FLIGHTS_STAND: left on the booked flights
      'rebooking-refused-then-rebooked', // issue 11: waits for other flights instead of the missed one
      'request-resent-before-due', // RESEND_BEFORE_DUE_REQUESTS: a resend before the due date sends the request again
      'request-resent-then-withdrawn-told-once', // TRAVEL_DOCUMENT_CANCELLED_ONCE: the consulate told once
      'returned-home-through-agency-api', // closed as returned, before aftercare: replays through its patch
      'tranche-refused-then-paid', // issue 11: the provider's 422 cancels the tranche
      'valid-passport', // recorded before the declaration step
      'withdrawn-after-booking',
      'withdrawn-after-booking-shown-at-once', // the same after WITHDRAWAL_SHOWN_AT_ONCE
      'withdrawn-while-agency-down-failing-kept', // FAILING_KEPT_WHILE_RETRIED: still failing while tried again
      'withdrawn-while-agency-down-then-cancelled', // CANCELLATIONS_RETRIED: the booking's cancel tried again until it went through
      'withdrawn-while-booking-fails', // issue 11: the failing booking cancelled by the withdrawal
      'withdrawn-while-booking-slow', // the booking a slow agency made as the returnee withdrew, cancelled
      'withdrawn-while-consulate-missing', // issue 11: the failing request cancelled by the withdrawal
      'withdrawn-while-document-pending',
      'withdrawn-with-booking-cancel-refused', // issue 11: the other cancellations still sent
    ]);
  });

  it.each(histories)('replays $workflowId with the current workflow code', async ({ workflowId, history }) => {
    const workflowBundle = { codePath: testStack().workflowBundlePath };
    await expect(Worker.runReplayHistory({ workflowBundle }, history, workflowId)).resolves.toBeUndefined();
  });

  /**
   * Negative controls, one per change behind `patched()`: the workflow bundled with a copy of the SDK whose
   * `patched()` answers false for that change, as if it had shipped without its patch. The histories recorded with
   * the change must then fail to replay.
   */
  const withoutPatches: { change: string; sdk: string; recordedWithIt: (workflowId: string) => boolean }[] = [
    {
      // Before the declaration step; before the journey went past travel arrangements; before aftercare. Their
      // commands are not the new journey's (and the oldest inputs lack the declaration's deadline).
      change: 'the journey changed without patched()',
      sdk: './unpatched/workflow-sdk',
      recordedWithIt: (id) =>
        [
          'document-after-reminder',
          'valid-passport',
          'declared-document-after-reminder',
          'declared-valid-passport',
          'returned-home-through-agency-api',
        ].includes(id),
    },
    {
      change: 'the failure paths of issue 11',
      sdk: './before-one-truth/workflow-sdk',
      recordedWithIt: (id) =>
        [
          'old-booking-cancel-refused',
          'rebooking-refused-then-rebooked',
          'tranche-refused-then-paid',
          'withdrawn-while-booking-fails',
          'withdrawn-while-consulate-missing',
          'withdrawn-with-booking-cancel-refused',
        ].includes(id),
    },
    {
      change: 'closures answered when recorded',
      sdk: './closure-answered-at-acceptance/workflow-sdk',
      recordedWithIt: (id) => id.endsWith('-answered-when-recorded'),
    },
    {
      change: 'stages recorded locally',
      sdk: './stages-recorded-as-activities/workflow-sdk',
      recordedWithIt: (id) => ['home-with-stages-recorded-locally', 'home-with-case-records-local'].includes(id),
    },
    {
      change: 'case records run locally',
      sdk: './case-records-as-activities/workflow-sdk',
      recordedWithIt: (id) => id.endsWith('-local'),
    },
    {
      change: 'a booking cut short by a withdrawal undone',
      sdk: './booking-cut-short-kept/workflow-sdk',
      recordedWithIt: (id) => id === 'withdrawn-while-booking-slow',
    },
    {
      change: 'a booking waits on the agency',
      sdk: './booking-awaits-staff/workflow-sdk',
      recordedWithIt: (id) => id === 'ops-booking-failing-waits-on-agency',
    },
    {
      change: 'a withdrawal shown at once',
      sdk: './withdrawal-shown-when-closed/workflow-sdk',
      recordedWithIt: (id) => id === 'withdrawn-after-booking-shown-at-once',
    },
    {
      change: 'payments beside the aftercare loop',
      sdk: './payments-within-the-loop/workflow-sdk',
      recordedWithIt: (id) => id === 'follow-up-while-payment-down',
    },
    {
      change: 'no one waited on before a follow-up',
      sdk: './upcoming-waits-on-mission/workflow-sdk',
      recordedWithIt: (id) => id.endsWith('-upcoming'),
    },
    {
      change: 'the previous partner told of a handover',
      sdk: './handover-untold/workflow-sdk',
      recordedWithIt: (id) => id === 'ops-handed-over-previous-told' || id === 'ops-handed-over-reminders-anew',
    },
    {
      change: 'the booked flights standing after a refused rebooking',
      sdk: './rebooking-refused-waits/workflow-sdk',
      recordedWithIt: (id) => id === 'rebooking-refused-then-departed',
    },
    {
      change: 'a booking given up at departure',
      sdk: './booking-retried-past-departure/workflow-sdk',
      recordedWithIt: (id) => id === 'booking-given-up-at-departure',
    },
    {
      change: 'a failing booking sent again at once',
      sdk: './resend-waits-backoff/workflow-sdk',
      recordedWithIt: (id) => id === 'booking-resent-by-supervisor',
    },
    {
      change: 'a missed visit told to the mission',
      sdk: './missed-visit-untold/workflow-sdk',
      recordedWithIt: (id) => id === 'monitoring-missed-visit-told',
    },
    {
      change: 'a closure the voucher void refusal does not fail',
      sdk: './void-refusal-fails/workflow-sdk',
      recordedWithIt: (id) => id === 'closed-with-void-refused',
    },
    {
      change: 'a closure that voids vouchers shown',
      sdk: './closing-unshown/workflow-sdk',
      recordedWithIt: (id) => id === 'closing-shown-while-void-fails',
    },
    {
      change: 'a closure told to the mission',
      sdk: './closure-untold/workflow-sdk',
      recordedWithIt: (id) => id === 'closure-told-to-mission',
    },
    {
      change: 'accommodation arranged again sent to the partner',
      sdk: './accommodation-unrevised/workflow-sdk',
      recordedWithIt: (id) => id === 'accommodation-revised-then-withdrawn',
    },
    {
      change: "a withdrawal's failing cancellation tried again",
      sdk: './cancellations-unretried/workflow-sdk',
      recordedWithIt: (id) => id.startsWith('withdrawn-while-agency-down-'),
    },
    {
      change: 'a connection missed in transit rebooked',
      sdk: './connection-unrebooked/workflow-sdk',
      recordedWithIt: (id) => id === 'connection-rebooked-in-transit',
    },
    {
      change: 'an escalation settled by a withdrawal told',
      sdk: './escalation-unsettled/workflow-sdk',
      recordedWithIt: (id) => id === 'escalated-then-withdrawn-settled-told',
    },
    {
      change: 'a resend before the due date sending the request again',
      sdk: './resend-reminds-early/workflow-sdk',
      recordedWithIt: (id) => id.startsWith('request-resent-'),
    },
    {
      change: "the mission's steps after arrival unstuck by a supervisor",
      sdk: './mission-steps-stuck/workflow-sdk',
      recordedWithIt: (id) => id === 'mission-plan-unstuck' || id === 'mission-visit-unstuck',
    },
    {
      change: 'reminders after arrival spaced from the last one',
      sdk: './aftercare-reminders-unspaced/workflow-sdk',
      recordedWithIt: (id) => id === 'plan-reminders-spaced',
    },
    {
      change: 'reminders numbered anew after a handover',
      sdk: './reminders-numbered-on/workflow-sdk',
      recordedWithIt: (id) => id === 'ops-handed-over-reminders-anew',
    },
    {
      change: "a withdrawal's cancellation kept failing while tried again",
      sdk: './failing-cleared-while-retried/workflow-sdk',
      recordedWithIt: (id) => id === 'withdrawn-while-agency-down-failing-kept',
    },
    {
      change: 'a travel document request sent again cancelled once',
      sdk: './travel-document-cancelled-per-sending/workflow-sdk',
      recordedWithIt: (id) => id === 'request-resent-then-withdrawn-told-once',
    },
    {
      change: "a partner step's escalation following its due date",
      sdk: './escalation-on-first-clock/workflow-sdk',
      recordedWithIt: (id) => ['ops-extended-escalation-moved', 'ops-handed-over-escalation-anew'].includes(id),
    },
    {
      change: 'a reminder stopped once the partner answered',
      sdk: './reminders-outlive-answers/workflow-sdk',
      recordedWithIt: (id) => id === 'document-while-reminder-failing',
    },
  ];

  describe.each(withoutPatches)('negative control: $change, without its patch', ({ sdk, recordedWithIt }) => {
    let withoutPatch: WorkflowBundleWithSourceMap;
    beforeAll(async () => {
      withoutPatch = await bundleWithWorkflowSdk(sdk);
    });

    it.each(histories.filter((h) => recordedWithIt(h.workflowId)))(
      'fails to replay $workflowId',
      async ({ workflowId, history }) => {
        await expect(Worker.runReplayHistory({ workflowBundle: withoutPatch }, history, workflowId)).rejects.toThrow(
          /Nondeterminism|workflow task failure/,
        );
      },
    );
  });

  describe('negative control', () => {
    let changed: WorkflowBundleWithSourceMap;
    beforeAll(async () => {
      changed = await bundleWorkflowCode({
        workflowsPath: require.resolve('./changed-workflow'),
        logger: new DefaultLogger('ERROR'),
      });
    });

    it.each(histories)(
      'fails to replay $workflowId on a workflow whose commands changed',
      async ({ workflowId, history }) => {
        await expect(Worker.runReplayHistory({ workflowBundle: changed }, history, workflowId)).rejects.toBeInstanceOf(
          DeterminismViolationError,
        );
      },
    );
  });
});
