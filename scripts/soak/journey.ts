import { SIGNED_DECLARATION, startReturnBody } from '../../test/support/fixtures';
import { sleep, type Answer, type SoakApi } from './api-client';
import { FOLLOW_UPS, SOAK_PROGRAMME, type StaffRole } from './stack';

const WAIT_LIMIT_MS = 15 * 60_000;
const SURVEY = { income: 4, debt: 3, housing: 4, services: 3, wellbeing: 7 };

/** Tomorrow's flights from Bucharest through Istanbul to Lahore. */
function flights() {
  const at = (ms: number) => new Date(Date.now() + ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return [
    { flight: 'RO201', from: 'OTP', to: 'IST', departsAt: at(86_400_000) },
    { flight: 'TK710', from: 'IST', to: 'LHE', departsAt: at(90_000_000) },
  ];
}

export class JourneyError extends Error {}

/**
 * One return through the whole journey over HTTP, as staff and partners would take it: start, declaration,
 * flights (booked at the sandbox agency), the confirmations on the way, a plan approved by a supervisor, a voucher
 * (redeemed at the sandbox provider) and a vendor payment each approved by a finance officer, their handovers, the
 * follow-up visits and the closure. Every step is waited for in the case view first and sent once under its own
 * key; any refusal stops the return (it is then counted as lost, with the step and the answer).
 */
export async function driveReturn(
  api: SoakApi,
  caseRef: string,
  vendor: { redeem(voucherCode: string): Promise<void> },
): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  type View = any;
  const until = async (what: string, holds: (view: View) => boolean): Promise<View> => {
    const deadline = Date.now() + WAIT_LIMIT_MS;
    for (;;) {
      const view = await api.read(`/returns/${caseRef}`);
      if (holds(view)) return view;
      if (view.workflow?.status && view.workflow.status !== 'RUNNING') {
        throw new JourneyError(`waiting for ${what}: the workflow is ${view.workflow.status} at stage ${view.stage}`);
      }
      if (Date.now() > deadline) {
        throw new JourneyError(
          `waited ${WAIT_LIMIT_MS / 60_000} min for ${what}; stage ${view.stage}, waiting for ` +
            `${JSON.stringify(view.waitingFor?.what ?? null)}, blocked by ${JSON.stringify(view.blockedBy)}`,
        );
      }
      await sleep(800 + Math.random() * 700);
    }
  };
  let steps = 0;
  const step = async (as: StaffRole, name: string, body: unknown = {}): Promise<Answer['body']> => {
    steps += 1;
    const answer = await api.step(as, caseRef, name, body, `soak/${caseRef}/${steps}-${name}`);
    if (answer.status !== 200) {
      throw new JourneyError(
        `step ${name} answered ${answer.status}: ${JSON.stringify(answer.body?.message ?? answer.body)}`,
      );
    }
    return answer.body;
  };
  const waitingFor = (what: string) => until(`"${what}"`, (v) => v.waitingFor?.what === what);
  const inStage = (stage: string) => until(`stage ${stage}`, (v) => v.stage === stage && Boolean(v.waitingFor));
  const tranche = (n: number, status: string) =>
    until(`tranche ${n} ${status}`, (v) => v.reintegration.disbursements[n - 1]?.status === status);

  const started = await api.start(
    startReturnBody(caseRef, { programmeCode: SOAK_PROGRAMME, hasValidTravelDocument: true }),
  );
  if (started.status !== 201 && started.status !== 200) {
    throw new JourneyError(`start answered ${started.status}: ${JSON.stringify(started.body)}`);
  }
  await until('the declaration', (v) => Boolean(v.waitingFor));
  await step('caseWorker', 'declaration', SIGNED_DECLARATION);
  await waitingFor('flights chosen by the case worker');
  await step('caseWorker', 'flights', { segments: flights() });
  await until('the departure team', (v) => v.stage === 'departure' && v.waitingFor?.partner === 'airport-assistance');
  await step('caseWorker', 'departure');
  await inStage('transit');
  await step('caseWorker', 'transit', { airport: 'IST' });
  await inStage('arrival');
  await step('caseWorker', 'arrival');
  await inStage('onward-travel');
  await step('caseWorker', 'onward-travel');

  await waitingFor('reintegration plan from the mission');
  await step('caseWorker', 'reintegration-plan', {
    items: [
      { category: 'business-set-up', description: 'Bicycle repair shop: tools and first stock', amount: 1000 },
      { category: 'vocational-training', description: 'Course in bicycle mechanics', amount: 400 },
    ],
  });
  await step('supervisor', 'reintegration-plan/approval');
  await step('caseWorker', 'disbursements', { method: 'voucher', amount: 800, vendorCategory: 'tools' });
  await step('finance', 'disbursements/1/approval');
  const paid = await tranche(1, 'paid');
  await vendor.redeem(paid.reintegration.disbursements[0].voucherCode);
  await step('caseWorker', 'disbursements/1/handover', { documentRef: `HC-${caseRef}` });
  const invoiceRef = `INV-${caseRef}`;
  await step('caseWorker', 'disbursements', {
    method: 'vendor-payment',
    amount: 600,
    vendorName: 'Lahore Cycle Traders',
    invoiceRef,
  });
  await step('finance', 'disbursements/2/approval');
  await tranche(2, 'paid');
  await step('caseWorker', 'disbursements/2/handover', { documentRef: invoiceRef });

  for (let followUp = 1; followUp <= FOLLOW_UPS.length; followUp++) {
    const what = `monitoring visit ${followUp} of ${FOLLOW_UPS.length} from the mission`;
    // The mission visits once the follow-up's date has come.
    await until(
      `"${what}"`,
      (v) => v.stage === 'monitoring' && v.waitingFor?.what === what && Date.parse(v.waitingFor.since) <= Date.now(),
    );
    await step('monitor', 'monitoring-visits', {
      followUp,
      visitedOn: new Date().toISOString().slice(0, 10),
      answers: SURVEY,
    });
  }
  await waitingFor('closure by a supervisor');
  await step('supervisor', 'closure', { outcome: 'completed' });
  await until('the closed return', (v) => v.workflow?.status === 'COMPLETED');
}
