import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Client as PgClient } from 'pg';
import { eventually } from './support/eventually';
import { startReturnBody } from './support/fixtures';
import { apiClient, newCaseRef } from './support/http';
import { startApi, startWorker, type RunningApi, type RunningWorker } from './support/running-apps';
import { signedInStaff } from './support/staff';
import { testStack } from './support/test-env';

const PERSON = { givenName: 'Zoltan', familyName: 'Logtestescu', dateOfBirth: '1961-07-21', nationality: 'PK' };
const FAILING = { ...PERSON, givenName: 'Insertfailer' };

describe("the API's log over a run, errors included", () => {
  const logFile = join(mkdtempSync(join(tmpdir(), 'avrr-log-')), 'api.log');
  let api: RunningApi;
  let worker: RunningWorker;
  let db: PgClient;

  beforeAll(async () => {
    Object.assign(process.env, { LOG_FILE: logFile, LOG_LEVEL: 'info' });
    [api, worker] = await Promise.all([startApi(), startWorker()]);
    db = new PgClient({ connectionString: testStack().databaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    delete process.env.LOG_FILE;
    process.env.LOG_LEVEL = 'warn';
    await db?.end();
    await api?.close();
    await worker?.stop();
    rmSync(dirname(logFile), { recursive: true, force: true });
  });

  it('has one JSON line per request with its ids, and no personal data, not even from a failing insert', async () => {
    const caseWorker = await signedInStaff(api.url, ['case-worker']);
    const http = apiClient(api.url, caseWorker.token);
    const caseRef = newCaseRef('LOG');
    const sent: { id: string; caseRef?: string }[] = [];
    const send = async (method: string, path: string, body?: unknown, token = caseWorker.token, ref?: string) => {
      const id = `log-${randomUUID()}`;
      sent.push({ id, caseRef: ref });
      return apiClient(api.url, token).call(method, path, body, { 'x-request-id': id });
    };

    expect(
      (await send('POST', '/returns', startReturnBody(caseRef, { returnee: PERSON }), undefined, caseRef)).status,
    ).toBe(201);
    await eventually(async () => ((await http.get(`/returns/${caseRef}`)).body.waitingFor ? true : undefined));
    const counselling = { heldOn: new Date().toISOString().slice(0, 10), topics: ['return-process'] };
    expect((await send('POST', `/returns/${caseRef}/counselling`, counselling, undefined, caseRef)).status).toBe(200);
    expect((await send('GET', `/returns/${caseRef}`, undefined, undefined, caseRef)).status).toBe(200);
    // A client sending one step three times at once under its key: one is recorded, the others find it.
    const repeated = { 'idempotency-key': `log-${randomUUID()}` };
    const again = { ...counselling, topics: ['return-process', 'health'] };
    const answers = await Promise.all(
      [1, 2, 3].map(() => http.call('POST', `/returns/${caseRef}/counselling`, again, repeated)),
    );
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    // Different requests under one key at once: one is recorded, the others are told the key was used (never a 5xx:
    // they deadlocked on the case's row, one settling its step as another inserted the same key).
    for (let round = 0; round < 3; round++) {
      const key = { 'idempotency-key': `log-${randomUUID()}` };
      const sessions = [10, 11, 12, 13, 14, 15].map((day) => ({ ...counselling, heldOn: `2026-11-${day}` }));
      const raced = await Promise.all(
        sessions.map((session) => http.call('POST', `/returns/${caseRef}/counselling`, session, key)),
      );
      expect(raced.map((answer) => answer.status).sort()).toEqual([200, 409, 409, 409, 409, 409]);
    }
    const invalid = startReturnBody(newCaseRef('LOGBAD'), { returnee: { ...PERSON, dateOfBirth: '1800-01-01' } });
    expect((await send('POST', '/returns', invalid)).status).toBe(400);
    expect(
      (await send('POST', '/auth/login', { username: caseWorker.username, password: 'Logtest-guess' }, '')).status,
    ).toBe(401);
    expect((await send('GET', '/returns/Zoltan-Logtestescu')).status).toBe(404);
    // A reference refused for spelling the returnee's name, or naming no case, is not written down.
    const spelled = startReturnBody(`LOGTESTESCU-${process.pid}`, { returnee: PERSON });
    expect((await send('POST', '/returns', spelled)).status).toBe(400);
    expect((await send('GET', `/returns/LOGTESTESCU-${process.pid}`)).status).toBe(404);
    // Nor one refused before its rules were read: under a key used for another request, with a bad body on no case,
    // by a role that may not take the step.
    const used = { 'idempotency-key': `log-${randomUUID()}` };
    expect((await http.call('POST', '/returns', startReturnBody(newCaseRef('LOGKEY')), used)).status).toBe(201);
    expect((await http.call('POST', '/returns', spelled, used)).status).toBe(409);
    const noCase = `/returns/LOGTESTESCU-Z${process.pid}/counselling`;
    expect((await send('POST', noCase, { ...counselling, topics: ['not-a-topic'] })).status).toBe(400);
    const monitor = await signedInStaff(api.url, ['monitor']);
    expect((await send('POST', noCase, counselling, monitor.token)).status).toBe(403);
    const audited = await db.query(`SELECT 1 FROM audit_log WHERE case_ref LIKE 'LOGTESTESCU%'`);
    expect(audited.rowCount).toBe(0);

    // PostgreSQL refuses an insert of personal data: its parameters must not reach the log.
    const constraint = `log_test_refuses_${process.pid}`;
    await db.query(
      `ALTER TABLE case_persons ADD CONSTRAINT ${constraint} CHECK (given_name <> 'Insertfailer') NOT VALID`,
    );
    try {
      const failing = await send('POST', '/returns', startReturnBody(newCaseRef('LOGFAIL'), { returnee: FAILING }));
      expect([failing.status, failing.body.message]).toEqual([
        400,
        [expect.stringMatching(/breaks a rule of the records/)],
      ]);
    } finally {
      await db.query(`ALTER TABLE case_persons DROP CONSTRAINT ${constraint}`);
    }

    const log = readFileSync(logFile, 'utf8');
    // Each key once in a line: a collector may keep either copy of a repeated one.
    for (const line of log.trim().split('\n')) {
      const keys = [...line.matchAll(/"(requestId|staffId|caseRef|workflowId)":/g)].map((match) => match[1]);
      expect(keys).toEqual([...new Set(keys)]);
    }
    const lines = log
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    for (const { id, caseRef: ref } of sent) {
      const ofRequest = lines.filter((line) => line.requestId === id && line.res);
      expect([id, ofRequest.length]).toEqual([id, 1]);
      if (ref) expect(ofRequest[0]).toMatchObject({ caseRef: ref, workflowId: `return-${ref}` });
    }
    for (const personal of [
      'Zoltan',
      'Logtestescu',
      'LOGTESTESCU',
      '1961-07-21',
      'Insertfailer',
      'Logtest-guess',
      caseWorker.password,
    ]) {
      expect([personal, log.includes(personal)]).toEqual([personal, false]);
    }
    expect(log).not.toContain(caseWorker.token);
    // Every answer was a 2xx or a 4xx: nothing for an operator to be alerted about (pino's error level is 50).
    expect(lines.filter((line) => Number(line.level) >= 50)).toEqual([]);
    console.log(`request log: ${lines.length} lines, ${log.length} bytes, no personal data`);
  }, 60_000);
});
