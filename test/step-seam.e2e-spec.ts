import { execFileSync } from 'node:child_process';
import { isDeepStrictEqual } from 'node:util';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { Client as Pg } from 'pg';
import { RETURN_SEARCH_ATTRIBUTES, returnWorkflowId, type ReturnStatus } from '@avrr/contracts';
import { locateTemporalCli } from '@avrr/local-stack';
import { waitForMail } from './support/caught-mail';
import { eventually } from './support/eventually';
import { flightsTo } from './support/bring-home';
import { ISSUED_DOCUMENT, SIGNED_DECLARATION, startReturnBody } from './support/fixtures';
import { heldSmtp, type HeldSmtp } from './support/held-smtp';
import { publishProgramme } from './support/programmes';
import { apiClient, newCaseRef, type ApiAnswer } from './support/http';
import { startApi, startWorker, type RunningApi, type RunningWorker } from './support/running-apps';
import { signedInStaff } from './support/staff';
import { testStack } from './support/test-env';
import { OPS_QUERIES, opsReturns } from './support/ops-queries';

type Http = ReturnType<typeof apiClient>;

/** Posts a step under `key` until it has a final answer: a 503 means "kept, send it again with the same key". */
async function settled(http: Http, path: string, body: unknown, key: string): Promise<ApiAnswer<any>> {
  for (let attempt = 0; ; attempt++) {
    const answer = await http.call('POST', path, body, { 'idempotency-key': key });
    if (answer.status !== 503 || attempt === 20) return answer;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/**
 * Resets the return's workflow with the Temporal CLI to the workflow task `pick` chooses among its completed ones
 * (their event ids), found as the README tells ops engineers (`--event-id`).
 */
async function resetWithCli(caseRef: string, pick: (tasks: string[]) => string): Promise<void> {
  const cli = await locateTemporalCli(() => {});
  if (cli.type !== 'existing-path') throw new Error('the tests run with a Temporal CLI binary');
  const workflow = ['--workflow-id', returnWorkflowId(caseRef), '--address', testStack().temporalAddress];
  const shown = execFileSync(cli.path, ['workflow', 'show', ...workflow], { encoding: 'utf8' });
  const tasks = shown
    .split('\n')
    .filter((line) => line.includes('WorkflowTaskCompleted'))
    .map((line) => line.trim().split(/\s+/)[0]);
  expect(tasks.every((id) => /^\d+$/.test(id))).toBe(true);
  execFileSync(cli.path, ['workflow', 'reset', ...workflow, '--event-id', pick(tasks), '--reason', 'revived (OPS)']);
}

/** A programme whose returns wait a day for their declaration, so a loaded machine does not expire them. */
const patientProgramme = (apiUrl: string) =>
  publishProgramme(apiUrl, 'PATIENT', 'A day to sign the declaration', (policy) => ({
    ...policy,
    declarationWithin: 'P1D',
  }));

const waitingForDeclaration = (http: Http, caseRef: string) =>
  eventually(async () => {
    const { body } = await http.get(`/returns/${caseRef}`);
    return body.waitingFor?.what === 'the signed voluntary-return declaration' ? body : undefined;
  });

/**
 * The worker is down (the returns of this file run in a namespace of their own, so no other file's worker answers
 * for them): steps answer 503 with Retry-After at once and are kept; the API, its pool and sign-in stay up; once
 * the worker is back, the same requests sent again under their keys are answered 200, and each step happened once.
 */
describe('steps while the worker is down', () => {
  const namespace = `outage-${process.pid}`;
  let api: RunningApi;
  let worker: RunningWorker | undefined;
  let http: Http;
  let temporalClient: Client;
  let programmeCode: string;

  beforeAll(async () => {
    const connection = await Connection.connect({ address: testStack().temporalAddress });
    await connection.workflowService.registerNamespace({
      namespace,
      workflowExecutionRetentionPeriod: msToTs('1 day'),
    });
    const { IndexedValueType } = temporal.api.enums.v1;
    await eventually(() =>
      connection.operatorService
        .addSearchAttributes({
          namespace,
          searchAttributes: Object.fromEntries(
            RETURN_SEARCH_ATTRIBUTES.map((key) => [
              key.name,
              IndexedValueType[`INDEXED_VALUE_TYPE_${key.type}` as keyof typeof IndexedValueType],
            ]),
          ),
        })
        .then(() => true)
        .catch(() => undefined),
    );
    temporalClient = new Client({ connection, namespace });
    [api, worker] = await inNamespace(() => Promise.all([startApi(), startWorker()]));
    http = apiClient(api.url, (await signedInStaff(api.url, ['case-worker'])).token);
    programmeCode = await patientProgramme(api.url);
  });

  afterAll(async () => {
    await api?.close();
    await worker?.stop();
    await temporalClient?.connection.close();
  });

  /** Apps configured, as at boot, for this file's namespace, with the production step deadline (1.5 s). */
  async function inNamespace<T>(start: () => Promise<T>): Promise<T> {
    const settings = { TEMPORAL_NAMESPACE: namespace, STEP_DEADLINE_MS: '1500' };
    const previous = Object.fromEntries(Object.keys(settings).map((name) => [name, process.env[name]]));
    Object.assign(process.env, settings);
    try {
      return await start();
    } finally {
      for (const [name, value] of Object.entries(previous)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  }

  it('answers 503 at once, keeps reads, health and sign-in up, and records each step once when the worker is back', async () => {
    const caseRefs = Array.from({ length: 20 }, () => newCaseRef('OUTAGE'));
    for (const caseRef of caseRefs) {
      expect(
        (await http.post('/returns', startReturnBody(caseRef, { hasValidTravelDocument: true, programmeCode }))).status,
      ).toBe(201);
    }
    await Promise.all(caseRefs.map((caseRef) => waitingForDeclaration(http, caseRef)));

    await worker!.stop();
    worker = undefined;
    const took: number[] = [];
    const answers = await Promise.all(
      caseRefs.map(async (caseRef) => {
        const sent = Date.now();
        const answer = await http.call('POST', `/returns/${caseRef}/declaration`, SIGNED_DECLARATION, {
          'idempotency-key': `sign-${caseRef}`,
        });
        took.push(Date.now() - sent);
        return answer;
      }),
    );
    console.log(`20 steps without a worker: the slowest 503 came after ${Math.max(...took)} ms`);
    expect(answers.map((a) => a.status)).toEqual(caseRefs.map(() => 503));
    expect(answers.every((a) => a.headers.get('retry-after') !== null)).toBe(true);
    expect(answers[0].body.message[0]).toContain('send it again with the same Idempotency-Key');

    // The pool is free: reads, health and sign-in still answer.
    expect((await http.get('/health')).status).toBe(200);
    const read = await http.get(`/returns/${caseRefs[0]}`);
    expect(read.status).toBe(200);
    expect(read.body.pendingSteps).toEqual([{ step: 'declaration', since: expect.any(String) }]); // kept
    // Where the return stands, as its workflow last said, needs no worker (docs/reading-cases.md).
    expect(read.body).toMatchObject({
      stage: 'declaration',
      waitingFor: { what: 'the signed voluntary-return declaration', remindersSent: 0 },
      workflow: { status: 'RUNNING' },
    });
    expect((await signedInStaff(api.url, ['supervisor'])).token).toBeTruthy();
    // A return started now waits for a worker to take its first task: it reads as started, at intake.
    const started = newCaseRef('OUTAGE');
    expect((await http.post('/returns', startReturnBody(started, { programmeCode }))).status).toBe(201);
    expect((await http.get(`/returns/${started}`)).body).toMatchObject({
      stage: 'intake',
      waitingFor: null,
      workflow: { status: 'RUNNING' },
    });

    worker = await inNamespace(startWorker);
    const retried = await Promise.all(
      caseRefs.map((caseRef) =>
        settled(http, `/returns/${caseRef}/declaration`, SIGNED_DECLARATION, `sign-${caseRef}`),
      ),
    );
    expect(retried.filter((a) => a.status !== 200).map((a) => a.body)).toEqual([]);
    for (const caseRef of caseRefs) {
      const { body } = await http.get(`/returns/${caseRef}`);
      expect(body.timeline.filter((e: { kind: string }) => e.kind === 'declaration-recorded')).toHaveLength(1);
      const history = await temporalClient.workflow.getHandle(returnWorkflowId(caseRef)).fetchHistory();
      const accepted = history.events!.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes);
      expect(accepted).toHaveLength(1);
      // Decided by a worker that was not there when the step came: the history replays like any other.
      const workflowBundle = { codePath: testStack().workflowBundlePath };
      await expect(
        Worker.runReplayHistory({ workflowBundle }, history, returnWorkflowId(caseRef)),
      ).resolves.toBeUndefined();
    }
  });
});

describe('steps at the same moment, and a return stopped in Temporal', () => {
  let api: RunningApi;
  let worker: RunningWorker;
  let http: Http;
  let temporalClient: Client;
  let db: Pg;
  let programmeCode: string;
  let smtp: HeldSmtp;

  beforeAll(async () => {
    // The partners' e-mails go through a relay this file's tests can hold.
    smtp = await heldSmtp(testStack().smtpUrl);
    process.env.SMTP_URL = smtp.url;
    [api, worker] = await Promise.all([startApi(), startWorker()]);
    http = apiClient(api.url, (await signedInStaff(api.url, ['case-worker'])).token);
    programmeCode = await patientProgramme(api.url);
    temporalClient = new Client({ connection: await Connection.connect({ address: testStack().temporalAddress }) });
    db = new Pg({ connectionString: testStack().databaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await temporalClient?.connection.close();
    await api?.close();
    await worker?.stop();
  });

  it('answers 50 starts and then 50 steps sent at once, losing none and recording none twice', async () => {
    const caseRefs = Array.from({ length: 50 }, () => newCaseRef('BURST'));
    const starts = await Promise.all(
      caseRefs.map((caseRef) =>
        settled(
          http,
          '/returns',
          startReturnBody(caseRef, { hasValidTravelDocument: true, programmeCode }),
          `start-${caseRef}`,
        ),
      ),
    );
    expect(starts.map((a) => a.status).filter((s) => s !== 201 && s !== 200)).toEqual([]);
    await Promise.all(caseRefs.map((caseRef) => waitingForDeclaration(http, caseRef)));

    const session = { heldOn: '2026-11-18', topics: ['return-process'] };
    const steps = await Promise.all(
      caseRefs.map((caseRef) => settled(http, `/returns/${caseRef}/counselling`, session, `counsel-${caseRef}`)),
    );
    expect(steps.map((a) => a.status).filter((s) => s !== 200)).toEqual([]);
    const { rows } = await db.query(
      'SELECT case_ref, count(*)::int AS n FROM counselling_sessions WHERE case_ref = ANY($1) GROUP BY case_ref',
      [caseRefs],
    );
    expect(rows).toHaveLength(50);
    expect(rows.every((r: { n: number }) => r.n === 1)).toBe(true);
    expect((await http.get('/health')).status).toBe(200);
  });

  it('keeps a step the workflow accepted but whose record failed to commit, and answers it once when sent again', async () => {
    const caseRef = newCaseRef('NOCOMMIT');
    expect(
      (await http.post('/returns', startReturnBody(caseRef, { hasValidTravelDocument: true, programmeCode }))).status,
    ).toBe(201);
    await waitingForDeclaration(http, caseRef);
    // The commit after the workflow's answer fails (for this case only: other files run beside this one).
    const trigger = `refuse_settling_${caseRef.replace(/-/g, '_').toLowerCase()}`;
    await db.query(`CREATE FUNCTION ${trigger}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'the commit fails'; END $$`);
    await db.query(`CREATE TRIGGER ${trigger} BEFORE UPDATE ON case_steps FOR EACH ROW
      WHEN (NEW.case_ref = '${caseRef}') EXECUTE FUNCTION ${trigger}()`);
    const key = { 'idempotency-key': `sign-${caseRef}` };
    const path = `/returns/${caseRef}/declaration`;
    try {
      const failed = await http.call('POST', path, SIGNED_DECLARATION, key);
      expect([failed.status, failed.body.message]).toEqual([
        503,
        ['the step was decided but not yet recorded: send it again with the same Idempotency-Key'],
      ]);
    } finally {
      await db.query(`DROP TRIGGER ${trigger} ON case_steps; DROP FUNCTION ${trigger}()`);
    }
    const again = await http.call('POST', path, SIGNED_DECLARATION, key);
    expect([again.status, again.body.declarationSignedOn, again.body.pendingSteps]).toEqual([
      200,
      SIGNED_DECLARATION.signedOn,
      [],
    ]);
    const kinds = again.body.timeline.map((e: { kind: string }) => e.kind);
    expect(kinds.filter((k: string) => k === 'declaration-recorded')).toHaveLength(1);
    const history = await temporalClient.workflow.getHandle(returnWorkflowId(caseRef)).fetchHistory();
    expect(history.events!.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes)).toHaveLength(1);
  });

  it('answers the same request under the same key with the same answer, and another request under it with 409', async () => {
    const caseRef = newCaseRef('KEYED');
    expect(
      (await http.post('/returns', startReturnBody(caseRef, { hasValidTravelDocument: true, programmeCode }))).status,
    ).toBe(201);
    await waitingForDeclaration(http, caseRef);
    const path = `/returns/${caseRef}/counselling`;
    const first = await http.call(
      'POST',
      path,
      { heldOn: '2026-11-18', topics: ['health'] },
      { 'idempotency-key': 'k1' },
    );
    const again = await http.call(
      'POST',
      path,
      { heldOn: '2026-11-18', topics: ['health'] },
      { 'idempotency-key': 'k1' },
    );
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(again.body.counselling).toEqual(first.body.counselling);
    expect(first.body.counselling).toHaveLength(1);
    const other = await http.call(
      'POST',
      path,
      { heldOn: '2026-11-19', topics: ['health'] },
      { 'idempotency-key': 'k1' },
    );
    expect([other.status, other.body.message]).toEqual([
      409,
      [`Idempotency-Key k1 was used for another request on case ${caseRef}`],
    ]);
    const bad = await http.call(
      'POST',
      path,
      { heldOn: '2026-11-19', topics: ['health'] },
      { 'idempotency-key': 'a b' },
    );
    expect([bad.status, bad.body.message]).toEqual([
      400,
      ['Idempotency-Key must be 1 to 200 printable ASCII characters without spaces'],
    ]);
    // Without a key, a repeat under the same X-Request-Id is a repeat; another request under it names that header.
    const session = { heldOn: '2026-11-20', topics: ['health'] };
    const byRequestId = () => http.call('POST', path, session, { 'x-request-id': `rid-${caseRef}` });
    expect([(await byRequestId()).status, (await byRequestId()).body.counselling]).toEqual([200, expect.any(Array)]);
    expect((await http.get(`/returns/${caseRef}`)).body.counselling).toHaveLength(2);
    const reused = await http.call(
      'POST',
      path,
      { ...session, heldOn: '2026-11-21' },
      { 'x-request-id': `rid-${caseRef}` },
    );
    expect([reused.status, reused.body.message]).toEqual([
      409,
      [`X-Request-Id rid-${caseRef} was used for another request on case ${caseRef}`],
    ]);

    expect((await http.get(`/returns/${caseRef}`)).body.pendingSteps).toEqual([]);

    // After the declaration the case moves on (its consulate asked): its repeat is answered as it was, not as now.
    const documented = newCaseRef('KEYED');
    expect((await http.post('/returns', startReturnBody(documented, { programmeCode }))).status).toBe(201);
    await waitingForDeclaration(http, documented);
    const declaration = () =>
      http.call('POST', `/returns/${documented}/declaration`, SIGNED_DECLARATION, { 'idempotency-key': 'decl' });
    smtp.hold();
    const declared = await declaration().finally(() => smtp.release());
    expect(declared.status).toBe(200);
    const asked = (body: { timeline: { summary: string }[] }) =>
      body.timeline.some((e) => e.summary.startsWith('Travel document requested'));
    expect(asked(declared.body)).toBe(false);
    await eventually(async () => asked((await http.get(`/returns/${documented}`)).body) || undefined);
    const repeated = await declaration();
    expect([repeated.status, JSON.stringify(repeated.body)]).toEqual([200, JSON.stringify(declared.body)]);
  });

  it('answers a step refused under a key with the same refusal, even once the stage would allow it', async () => {
    const caseRef = newCaseRef('REFUSED');
    expect((await http.post('/returns', startReturnBody(caseRef, { programmeCode }))).status).toBe(201);
    await waitingForDeclaration(http, caseRef);
    const document = `/returns/${caseRef}/travel-document`;
    const early = await http.call('POST', document, ISSUED_DOCUMENT, { 'idempotency-key': 'doc-1' });
    expect([early.status, early.body.message]).toEqual([
      409,
      [
        'a travel document is not allowed in stage declaration (only in: travel-document, travel-arrangements); the case waits for the signed voluntary-return declaration',
      ],
    ]);
    expect((await http.post(`/returns/${caseRef}/declaration`, SIGNED_DECLARATION)).status).toBe(200);
    const { timeline } = await eventually(async () => {
      const { body } = await http.get(`/returns/${caseRef}`);
      return body.stage === 'travel-document' && body.waitingFor ? body : undefined;
    });
    // The timeline reads in the order things happened: the declaration, then the stage it opened and the request.
    const summaries = timeline.map((e: { summary: string }) => e.summary);
    expect(
      summaries.slice(summaries.indexOf('Voluntary-return declaration signed on ' + SIGNED_DECLARATION.signedOn)),
    ).toEqual([
      `Voluntary-return declaration signed on ${SIGNED_DECLARATION.signedOn}`,
      'Entered stage travel-document',
      expect.stringMatching(/^Travel document requested/),
    ]);
    const again = await http.call('POST', document, ISSUED_DOCUMENT, { 'idempotency-key': 'doc-1' });
    expect([again.status, again.body.message]).toEqual([early.status, early.body.message]);
    expect((await http.call('POST', document, ISSUED_DOCUMENT, { 'idempotency-key': 'doc-2' })).status).toBe(200);
  });

  it('asks for a step sent while its stage is opening to be sent again in a moment, and takes it then', async () => {
    const caseRef = newCaseRef('OPENING');
    expect((await http.post('/returns', startReturnBody(caseRef, { programmeCode }))).status).toBe(201);
    await waitingForDeclaration(http, caseRef);
    const flights = { segments: flightsTo('LHE') };
    smtp.hold();
    try {
      expect((await http.post(`/returns/${caseRef}/declaration`, SIGNED_DECLARATION)).status).toBe(200);
      await eventually(
        async () => (await http.get(`/returns/${caseRef}`)).body.stage === 'travel-document' || undefined,
      );
      // The document comes while the consulate's request is still on its way: the case moves on once it has gone.
      expect((await settled(http, `/returns/${caseRef}/travel-document`, ISSUED_DOCUMENT, 'doc')).status).toBe(200);
      const early = await http.call('POST', `/returns/${caseRef}/flights`, flights, { 'idempotency-key': 'fl' });
      expect([early.status, early.body.message]).toEqual([
        409,
        ['choosing flights is not allowed in stage travel-document yet: the case moves on from it in a moment'],
      ]);
      expect(Number(early.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      smtp.release();
    }
    await eventually(
      async () => (await http.get(`/returns/${caseRef}`)).body.stage === 'travel-arrangements' || undefined,
    );
    expect((await settled(http, `/returns/${caseRef}/flights`, flights, 'fl')).status).toBe(200);
  });

  it('follows a return revived by a reset to an earlier workflow task, as the README tells ops engineers', async () => {
    const caseRef = newCaseRef('REVIVED');
    expect((await http.post('/returns', startReturnBody(caseRef, { programmeCode }))).status).toBe(201);
    await waitingForDeclaration(http, caseRef);
    expect((await http.post(`/returns/${caseRef}/declaration`, SIGNED_DECLARATION)).status).toBe(200);
    // The consulate reminded a few times: the run's changes count well past the task it is reset to.
    await eventually(
      async () => ((await http.get(`/returns/${caseRef}`)).body.waitingFor?.remindersSent >= 5 ? true : undefined),
      {
        timeoutMs: 30_000,
      },
    );
    const handle = temporalClient.workflow.getHandle(returnWorkflowId(caseRef));
    await handle.terminate('stuck after a bad deploy (OPS-13)');
    await eventually(async () =>
      (await http.get(`/returns/${caseRef}`)).body.workflow?.status === 'TERMINATED' ? true : undefined,
    );

    // Reset to an early workflow task.
    await resetWithCli(caseRef, (tasks) => {
      expect(tasks.length).toBeGreaterThan(5);
      return tasks[2];
    });
    const { runId } = await temporalClient.workflow.getHandle(returnWorkflowId(caseRef)).describe();
    // The view follows the new run at its first change, and says what its workflow says.
    const revived = await eventually(
      async () => {
        const { body } = await http.get(`/returns/${caseRef}`);
        const status = await temporalClient.workflow.getHandle(returnWorkflowId(caseRef), runId).query('status');
        const same = body.workflow?.runId === runId && body.workflow.status === 'RUNNING';
        return same && isDeepStrictEqual(body.waitingFor, (status as ReturnStatus).waitingFor) ? body : undefined;
      },
      { timeoutMs: 8_000 },
    );
    expect(revived.blockedBy).toEqual([]);
    expect((await http.post(`/returns/${caseRef}/withdrawal`, {})).status).toBe(200);
  }, 90_000);

  it('takes a step refused while its return was stopped, sent again under its key once the return is revived', async () => {
    const caseRef = newCaseRef('REFUSEDSTOP');
    expect((await http.post('/returns', startReturnBody(caseRef, { programmeCode }))).status).toBe(201);
    await waitingForDeclaration(http, caseRef);
    await temporalClient.workflow.getHandle(returnWorkflowId(caseRef)).terminate('stuck after a bad deploy (OPS-14)');
    const declaration = () =>
      http.call('POST', `/returns/${caseRef}/declaration`, SIGNED_DECLARATION, { 'idempotency-key': `d-${caseRef}` });
    const refused = await declaration();
    expect([refused.status, refused.body.message]).toEqual([
      409,
      ['the return is not running (its workflow is terminated)'],
    ]);
    await resetWithCli(caseRef, (tasks) => tasks[tasks.length - 1]);
    const accepted = await declaration();
    expect([accepted.status, accepted.body.declarationSignedOn]).toEqual([200, SIGNED_DECLARATION.signedOn]);
  });

  it('sends a return revived after its case was withdrawn the withdrawal, which tells the partners then', async () => {
    const caseRef = newCaseRef('REVIVEDWD');
    const body = startReturnBody(caseRef, { programmeCode, hasValidTravelDocument: false });
    expect((await http.post('/returns', body)).status).toBe(201);
    await waitingForDeclaration(http, caseRef);
    expect((await http.post(`/returns/${caseRef}/declaration`, SIGNED_DECLARATION)).status).toBe(200);
    await waitForMail(caseRef, (m) => m.subject.startsWith('Travel document request'));
    await temporalClient.workflow.getHandle(returnWorkflowId(caseRef)).terminate('stuck after a bad deploy (OPS-15)');
    const closed = await http.post(`/returns/${caseRef}/withdrawal`, {});
    expect([closed.status, closed.body.outcomeReason]).toEqual([200, expect.stringContaining('were not told')]);

    await resetWithCli(caseRef, (tasks) => tasks[tasks.length - 1]);
    // The withdrawal wins in the revived run: the consulate is told, and the run completes as withdrawn.
    const [told] = await waitForMail(caseRef, (m) => m.subject.startsWith('Request withdrawn'), { timeoutMs: 30_000 });
    expect(told.text).toContain(caseRef);
    const completed = await eventually(
      async () => {
        const { body: view } = await http.get(`/returns/${caseRef}`);
        return view.workflow?.status === 'COMPLETED' ? view : undefined;
      },
      { timeoutMs: 30_000 },
    );
    expect([completed.stage, completed.outcome]).toEqual(['closed', 'withdrawn']);
    expect(completed.timeline.map((e: { summary: string }) => e.summary)).toContain(
      'The revived return was sent the withdrawal recorded while its workflow was stopped',
    );
  }, 90_000);

  it('refuses for good a step left pending on a return that has since completed, and takes its rows back', async () => {
    const caseRef = newCaseRef('LEFT');
    expect((await http.post('/returns', startReturnBody(caseRef, { programmeCode }))).status).toBe(201);
    await waitingForDeclaration(http, caseRef);
    expect((await http.post(`/returns/${caseRef}/withdrawal`, {})).status).toBe(200);
    await eventually(async () =>
      (await http.get(`/returns/${caseRef}`)).body.workflow?.status === 'COMPLETED' ? true : undefined,
    );
    // As an API that died after writing a step's rows, before the workflow heard of it, leaves them.
    const { rows } = await db.query(
      `INSERT INTO counselling_sessions (case_ref, held_on, topics, counsellor)
       VALUES ($1, current_date, '{health}', 'someone') RETURNING id`,
      [caseRef],
    );
    const undo = [{ entity: 'CounsellingSessionEntity', kind: 'delete', where: { id: rows[0].id } }];
    await db.query(
      `INSERT INTO case_steps (case_ref, idempotency_key, update_id, step, fingerprint, actor, payload, summary, undo,
         status, created_at)
       VALUES ($1, $2, $2, 'counselling', repeat('0', 64), 'someone', '{}', 'Counselling session held', $3, 'pending',
         now() - interval '1 minute')`,
      [caseRef, `left-${caseRef}`, JSON.stringify(undo)],
    );
    const settled = await eventually(
      async () => {
        const { rows: steps } = await db.query(
          `SELECT status, refusal FROM case_steps WHERE case_ref = $1 AND idempotency_key = $2`,
          [caseRef, `left-${caseRef}`],
        );
        return steps[0].status === 'pending' ? undefined : steps[0];
      },
      { timeoutMs: 20_000 },
    );
    expect(settled).toEqual({ status: 'refused', refusal: 'the return is not running (its workflow is completed)' });
    const { body } = await http.get(`/returns/${caseRef}`);
    expect([body.counselling, body.pendingSteps]).toEqual([[], []]);
  });

  it('shows a return terminated in Temporal as such, with the reason, and still lets the returnee withdraw', async () => {
    const caseRef = newCaseRef('STOPPED');
    expect(
      (await http.post('/returns', startReturnBody(caseRef, { hasValidTravelDocument: true, programmeCode }))).status,
    ).toBe(201);
    await waitingForDeclaration(http, caseRef);
    await temporalClient.workflow.getHandle(returnWorkflowId(caseRef)).terminate('stuck after a bad deploy (OPS-12)');

    // The view learns it on the step sweeper's next pass (docs/reading-cases.md).
    const body = await eventually(async () => {
      const { body: view } = await http.get(`/returns/${caseRef}`);
      return view.workflow?.status === 'TERMINATED' ? view : undefined;
    });
    expect(body.workflow.endedAbnormally).toBe(
      "the return's workflow was terminated in Temporal: stuck after a bad deploy (OPS-12)",
    );
    expect(body.blockedBy[0]).toBe(body.workflow.endedAbnormally);
    // The timeline says so too, once.
    const stopped = await eventually(async () => {
      const { timeline } = (await http.get(`/returns/${caseRef}`)).body;
      const lines = timeline.filter((e: { kind: string }) => e.kind === 'workflow-stopped');
      return lines.length ? lines : undefined;
    });
    expect(stopped).toEqual([
      expect.objectContaining({ summary: "The return's workflow was terminated in Temporal", actor: 'system' }),
    ]);
    // So does the case list, which no longer shows what the return waited on.
    const listed = await eventually(async () => {
      const { body: page } = await http.get(`/returns?programme=${programmeCode}&pageSize=200`);
      const item = page.items.find((i: { caseRef: string }) => i.caseRef === caseRef);
      return item?.workflowStatus === 'TERMINATED' ? item : undefined;
    });
    expect(listed).toMatchObject({
      waitingOn: null,
      dueAt: null,
      overdue: false,
      blockedBy: ["the return's workflow was terminated in Temporal"],
    });
    // The README's query finds it in Temporal too.
    const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
    expect(readme).toContain(OPS_QUERIES.stoppedShort);
    await eventually(async () =>
      (await opsReturns(temporalClient, OPS_QUERIES.stoppedShort, programmeCode)).includes(caseRef) ? true : undefined,
    );
    const step = await http.post(`/returns/${caseRef}/declaration`, SIGNED_DECLARATION);
    expect([step.status, step.body.message]).toEqual([409, ['the return is not running (its workflow is terminated)']]);

    const withdrawn = await http.post(`/returns/${caseRef}/withdrawal`, {});
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ stage: 'closed', outcome: 'withdrawn' });
    expect(withdrawn.body.outcomeReason).toContain('partners were not told automatically');
    await expect(waitForMail(caseRef, () => true, { timeoutMs: 500 })).rejects.toThrow();
  });
});
