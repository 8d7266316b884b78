import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { SoakApi, sleep } from './api-client';
import { Chaos, type ChaosOptions } from './chaos';
import { apiProcess, workerProcess } from './children';
import { driveReturn } from './journey';
import { startSoakStack } from './stack';
import { verdict, type Findings } from './verdict';

export interface SoakOptions extends ChaosOptions {
  returns: number;
  /** Keep the scratch directory (logs of the API and the worker) even when nothing went wrong. */
  keep?: boolean;
  log?: (message: string) => void;
}

export interface SoakReport {
  returns: number;
  workerKills: number;
  workerKillsDuringReturns: number;
  apiKills: Chaos['apiKills'];
  smtpOutageSeconds: number;
  unexpectedExits: { api: number; worker: number };
  retries: number;
  /** 5xx answers other than 503: a step must answer 503 with Retry-After when it cannot be decided, never 500. */
  anomalies: string[];
  minutes: number;
  findings: Findings;
  /** Where the logs are, when kept. */
  scratch: string | null;
}

/**
 * The counts that must be 0 for the soak to pass. An e-mail delivered again under its own Message-ID is reported, not
 * counted: SMTP has no idempotency key, so a worker killed between the server's "250 OK" and the sent-mail log's
 * commit sends it again on retry; the Message-ID, derived from the activity, lets the receiver drop the copy.
 */
export function badCounts(report: SoakReport): number {
  const { findings: f } = report;
  return (
    f.lost.length +
    f.failed.length +
    f.workflowTaskFailures.length +
    f.duplicatedMail.length +
    f.unreceivedMail.length +
    f.disagreements.length +
    f.partnerCounts.filter((c) => c.actual !== c.expected).length +
    report.unexpectedExits.api +
    report.unexpectedExits.worker +
    report.anomalies.length
  );
}

/**
 * Runs `returns` returns through the whole journey on a stack of their own while the chaos kills the worker, the API
 * and the SMTP server, then checks what every return, the mail server and the partners ended with.
 */
export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const log = options.log ?? ((message: string) => console.log(`[soak] ${message}`));
  const began = Date.now();
  const scratch = mkdtempSync(join(tmpdir(), 'avrr-soak-'));
  log(`Starting the stack in ${scratch}...`);
  const stack = await startSoakStack(scratch, log);
  const api = apiProcess(stack.env, scratch);
  const worker = workerProcess(stack.env, scratch);
  const db = new Pool({ connectionString: stack.databaseUrl, max: 3 });
  let report: SoakReport | undefined;
  try {
    api.start();
    worker.start();
    await Promise.all([api.whenReady(), worker.whenReady()]);
    const chaos = new Chaos(api, worker, stack.mail, db, options, log);
    const client = new SoakApi(stack.apiUrl, chaos);
    await client.signIn(stack.staff);

    log(`Driving ${options.returns} returns while killing the worker ${options.workerKills}+ times...`);
    const run = Date.now().toString(36).toUpperCase();
    const outcomes = new Map<string, string | null>();
    let running = options.returns;
    const vendor = { redeem: (code: string) => redeem(stack.payments.url, stack.payments.apiKey, code) };
    const drivers = Array.from({ length: options.returns }, async (_, i) => {
      const caseRef = `SOAK-${run}-${i + 1}`;
      await sleep(i * 500);
      try {
        await driveReturn(client, caseRef, vendor);
        outcomes.set(caseRef, null);
      } catch (error) {
        outcomes.set(caseRef, (error as Error).message);
        log(`${caseRef}: ${(error as Error).message}`);
      } finally {
        running -= 1;
        log(`${options.returns - running}/${options.returns} returns done`);
      }
    });
    await Promise.all([chaos.run(() => running > 0), ...drivers]);

    log('Settling: the API, the worker and SMTP up, the ledger given a sweep...');
    if (!api.running) api.start();
    if (!worker.running) worker.start();
    await Promise.all([api.whenReady(), worker.whenReady()]);
    await untilNoPendingSteps(db);
    const findings = await verdict(
      {
        api: client,
        temporal: stack.temporal,
        db,
        mailUrl: stack.mail.httpUrl,
        agencyUrl: stack.agency.url,
        paymentsUrl: stack.payments.url,
        scratch,
      },
      new Map([...outcomes].sort()),
    );
    report = {
      returns: options.returns,
      workerKills: chaos.workerKills,
      workerKillsDuringReturns: chaos.workerKillsDuringReturns,
      apiKills: chaos.apiKills,
      smtpOutageSeconds: Math.round(chaos.smtpOutageMs / 1000),
      unexpectedExits: { api: api.unexpectedExits, worker: worker.unexpectedExits },
      retries: client.retries,
      anomalies: client.anomalies,
      minutes: (Date.now() - began) / 60_000,
      findings,
      scratch,
    };
    return report;
  } finally {
    await Promise.all([api.close(), worker.close()]);
    await db.end();
    await stack.stop();
    if (report && badCounts(report) === 0 && !options.keep) {
      rmSync(scratch, { recursive: true, force: true });
      report.scratch = null;
    }
  }
}

/** What the vendor does at the payment provider when the returnee hands over the voucher. */
async function redeem(url: string, apiKey: string, code: string): Promise<void> {
  const response = await fetch(`${url}/vouchers/${code}/redeem`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
    body: JSON.stringify({ vendor: 'Lahore Cycle Traders' }),
  });
  if (!response.ok) {
    throw new Error(`the vendor could not redeem voucher ${code}: ${response.status} ${await response.text()}`);
  }
}

/** The sweeper settles what a killed API left pending within a few of its 5-second passes. */
async function untilNoPendingSteps(db: Pool, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM case_steps WHERE status = 'pending'`);
    if (rows[0].n === 0) return;
    await sleep(1000);
  }
}
