import { Client, Connection, WorkflowNotFoundError } from '@temporalio/client';
import fc from 'fast-check';
import { Client as PgClient } from 'pg';
import { DataSource } from 'typeorm';
import { returnWorkflowId } from '@avrr/contracts';
import { dataSourceOptions, ProgrammePolicies } from '@avrr/persistence';
import {
  badValuesFor,
  exampleOf,
  fieldsOf,
  hiddenCharacterText,
  outOfRangeNumber,
  REMOVE,
  withField,
  writeEndpoints,
  type Field,
  type OpenApiDocument,
  type WriteEndpoint,
} from './support/bad-inputs';
import { insertCase, testPolicy } from './support/fixtures';
import { apiClient } from './support/http';
import { startApi, type RunningApi } from './support/running-apps';
import { signedInStaff } from './support/staff';
import { testStack } from './support/test-env';

const ROLES = ['administrator', 'case-worker', 'supervisor', 'finance-officer', 'monitor', 'auditor'] as const;
const RANDOM_RUNS_PER_ENDPOINT = 12;

/** Values a valid body needs that examples cannot give: dates relative to today, a case reference of the sweep. */
function dynamicValues(): Record<string, unknown> {
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  return {
    departsAt: new Date(Date.now() + 30 * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z'),
    from: day(10),
    until: day(12),
    expiresOn: day(2000),
    heldOn: day(0),
    signedOn: day(0),
    doneOn: day(0),
    visitedOn: day(0),
  };
}

function withDynamicValues(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withDynamicValues);
  if (typeof value !== 'object' || value === null) return value;
  const dynamic = dynamicValues();
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, k in dynamic && isDateLike(v) ? dynamic[k] : withDynamicValues(v)]),
  );
}

const isDateLike = (value: unknown) => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value);

describe('every write endpoint, given bad input', () => {
  const database = `avrr_sweep_${process.pid}`;
  const savedUrl = process.env.DATABASE_URL!;
  let admin: PgClient;
  let db: PgClient;
  let api: RunningApi;
  let temporal: Client;
  let document: OpenApiDocument;
  let http: ReturnType<typeof apiClient>;
  let caseRef: string;
  let token: string;
  let staffId: string;

  beforeAll(async () => {
    admin = new PgClient({ connectionString: savedUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${database}"`);
    const url = new URL(savedUrl);
    url.pathname = `/${database}`;
    process.env.DATABASE_URL = url.toString();
    api = await startApi(); // migrates the sweep's own database, so its row check sees only the sweep
    const dataSource = await new DataSource(dataSourceOptions(url.toString())).initialize();
    await new ProgrammePolicies(dataSource).publish({ code: 'SWEEP', name: 'Sweep' }, testPolicy());
    // A case whose workflow was never started (in a stage, so nothing starts it later): a step that got through
    // validation would be answered by the step seam, never with a 400 naming the field.
    caseRef = await insertCase(dataSource, { programmeCode: 'SWEEP', stage: 'intake' });
    await dataSource.destroy();
    const staff = await signedInStaff(api.url, [...ROLES]);
    [token, staffId] = [staff.token, staff.id];
    http = apiClient(api.url, token);
    document = (await http.get<OpenApiDocument>('/openapi.json')).body;
    db = new PgClient({ connectionString: url.toString() });
    await db.connect();
    temporal = new Client({ connection: await Connection.connect({ address: testStack().temporalAddress }) });
  });

  afterAll(async () => {
    await temporal?.connection.close();
    await db?.end();
    await api?.close();
    process.env.DATABASE_URL = savedUrl;
    await admin?.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin?.end();
  });

  /** A fingerprint of every row but the audit trail's, which records each refused write by design. */
  async function rowsFingerprint(): Promise<string> {
    const { rows } = await db.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT IN ('audit_log', 'migrations')
        ORDER BY table_name`,
    );
    const parts: string[] = [];
    for (const { table_name } of rows) {
      const { rows: hash } = await db.query(
        `SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h FROM "${table_name}" t`,
      );
      parts.push(`${table_name}:${hash[0].h}`);
    }
    return parts.join(',');
  }

  async function workflowExists(ref: string): Promise<boolean> {
    try {
      await temporal.workflow.getHandle(returnWorkflowId(ref)).describe();
      return true;
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return false;
      throw error;
    }
  }

  const concretePath = (endpoint: WriteEndpoint, params: Record<string, string> = {}) =>
    endpoint.path.replace(/\{(\w+)\}/g, (_, name: string) =>
      encodeURIComponent(params[name] ?? { caseRef, code: 'SWEEP', tranche: '1', id: staffId }[name]!),
    );

  it('answers 4xx naming the field, never 5xx, and changes no row and starts no workflow', async () => {
    const startedAt = Date.now();
    const endpoints = writeEndpoints(document);
    expect(endpoints.length).toBeGreaterThan(25);
    const failures: string[] = [];
    let tried = 0;
    let serverErrors = 0;
    let accepted = 0;

    const expectRefused = async (
      label: string,
      send: () => Promise<{ status: number; body: any }>,
      names: string | null,
    ) => {
      tried += 1;
      const { status, body } = await send();
      const message = JSON.stringify(body?.message ?? body);
      if (status >= 500) serverErrors += 1;
      if (status < 400) accepted += 1;
      const named = names === null || message.includes(names);
      // Every refusal in the API's one shape (the document's ErrorAnswer): message is a list.
      const shaped =
        JSON.stringify(Object.keys(body ?? {})) === '["statusCode","error","message"]' &&
        body.statusCode === status &&
        Array.isArray(body.message);
      if (status < 400 || status >= 500 || !named || !shaped) {
        failures.push(`${label}: ${status} ${message.slice(0, 300)}${shaped ? '' : ' (not in the one shape)'}`);
      }
    };

    const before = await rowsFingerprint();
    for (const endpoint of endpoints) {
      const route = `${endpoint.method} ${endpoint.path}`;
      const path = concretePath(endpoint);
      const send =
        (body: unknown, headers: Record<string, string> = {}) =>
        () =>
          http.call(endpoint.method, path, body, headers);

      for (const param of endpoint.pathParams) {
        for (const bad of ['A\u0000B', 'x'.repeat(3000), "1' OR '1'='1", '99999999999999999999']) {
          await expectRefused(
            `${route} path ${param}=${JSON.stringify(bad).slice(0, 20)}`,
            () => http.call(endpoint.method, concretePath(endpoint, { [param]: bad }), {}),
            null,
          );
        }
      }
      if (!endpoint.body) continue;

      const base = withDynamicValues(exampleOf(document, endpoint.body)) as Record<string, unknown>;
      if ('caseRef' in base) Object.assign(base, { caseRef: 'SWEEP-NEW-1', programmeCode: 'SWEEP' });
      for (const [what, raw, type] of [
        ['text/plain', 'hello', 'text/plain'],
        ['XML', '<staff><active>false</active></staff>', 'application/xml'],
        ['form data', 'active=false', 'application/x-www-form-urlencoded'],
      ]) {
        await expectRefused(
          `${route} as ${what}`,
          () => rawCall(api.url, token, endpoint.method, path, raw, type),
          null,
        );
      }
      for (const [what, body] of [
        ['a JSON list', []],
        ['JSON text', 'text'],
        ['JSON null', null],
        ['not JSON', '{"a":'],
        ['JSON nested 5000 deep', `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`],
      ] as const) {
        const raw = typeof body === 'string' && what !== 'JSON text' ? body : JSON.stringify(body);
        await expectRefused(`${route} body ${what}`, () => rawCall(api.url, token, endpoint.method, path, raw), null);
      }
      await expectRefused(`${route} unknown field`, send({ ...(base as object), sneaky: 1 }), 'sneaky');

      const fields = fieldsOf(document, endpoint.body);
      for (const field of fields) {
        const name = String(field.path[field.path.length - 1]);
        const label = `${route} ${field.path.join('.')}`;
        if (field.required) await expectRefused(`${label} missing`, send(withField(base, field.path, REMOVE)), name);
        for (const bad of badValuesFor(field)) {
          await expectRefused(`${label} as ${bad.what}`, send(withField(base, field.path, bad.value)), name);
        }
      }

      // Beyond the fixed list: random hidden characters in text fields and random numbers out of range.
      const textFields = fields.filter((f) => f.schema.type === 'string');
      const numberFields = fields.filter((f) => f.schema.type === 'number' || f.schema.type === 'integer');
      const arbitraries: fc.Arbitrary<[Field, unknown]>[] = [];
      if (textFields.length) arbitraries.push(fc.tuple(fc.constantFrom(...textFields), hiddenCharacterText));
      if (numberFields.length) arbitraries.push(fc.tuple(fc.constantFrom(...numberFields), outOfRangeNumber));
      if (arbitraries.length === 0) continue;
      await fc.assert(
        // Failures are collected, not thrown, so one run lists every hole at once.
        fc.asyncProperty(fc.oneof(...arbitraries), async ([field, value]) => {
          const name = String(field.path[field.path.length - 1]);
          await expectRefused(
            `${route} ${field.path.join('.')} = ${JSON.stringify(value)}`,
            send(withField(base, field.path, value)),
            name,
          );
        }),
        { numRuns: RANDOM_RUNS_PER_ENDPOINT, seed: 20261123 },
      );
    }
    const after = await rowsFingerprint();

    console.log(
      `bad-input sweep: ${tried} inputs over ${endpoints.length} write endpoints: ` +
        `${serverErrors} answered 5xx, ${accepted} accepted, ${failures.length} not refused with the field named ` +
        `(${Math.round((Date.now() - startedAt) / 1000)} s)`,
    );
    expect(failures).toEqual([]);
    expect([serverErrors, accepted]).toEqual([0, 0]);
    expect(after).toBe(before);
    expect(await workflowExists('SWEEP-NEW-1')).toBe(false);
    expect(await workflowExists(caseRef)).toBe(false);
  }, 240_000);

  it('refuses a number in the path written other than in plain digits (1e1, 01, 1.0), naming it', async () => {
    const numbered = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations)
        .filter((method) => ['get', 'post'].includes(method))
        .flatMap((method) =>
          ['tranche', 'version'].filter((n) => path.includes(`{${n}}`)).map((name) => ({ method, path, name })),
        ),
    );
    expect(numbered.length).toBeGreaterThanOrEqual(5);
    for (const { method, path, name } of numbered) {
      for (const odd of ['1e1', '01', '1.0']) {
        const concrete = path
          .replace(`{${name}}`, odd)
          .replace(/\{(\w+)\}/g, (_, param: string) => encodeURIComponent({ caseRef, code: 'SWEEP' }[param]!));
        const { status, body } = await http.call(method.toUpperCase(), concrete, method === 'post' ? {} : undefined);
        expect([`${method} ${concrete}`, status, body?.message?.[0]]).toEqual([
          `${method} ${concrete}`,
          400,
          expect.stringContaining(`${name} must be a whole number`),
        ]);
      }
    }
  });

  it("answers a read's bad query value with 4xx naming the parameter, never 5xx", async () => {
    const reads = Object.entries(document.paths).flatMap(([path, operations]) =>
      (operations.get?.parameters ?? [])
        .filter((parameter) => parameter.in === 'query')
        .map((parameter) => ({ path, name: parameter.name })),
    );
    expect(reads.length).toBeGreaterThan(15);
    // Out of any range a column or a calendar takes, too long, or text where a code or number belongs.
    const badValues = [
      '99999999999999999999',
      '-1',
      '0000-01-01',
      '99999-12-31T00:00:00Z',
      'x'.repeat(3000),
      "1' OR 1=1",
    ];
    const failures: string[] = [];
    for (const { path, name } of reads) {
      const concrete = path.replace(/\{(\w+)\}/g, (_, param: string) =>
        encodeURIComponent({ caseRef, code: 'SWEEP', tranche: '1', id: staffId }[param]!),
      );
      for (const bad of badValues) {
        const { status, body } = await http.call('GET', `${concrete}?${name}=${encodeURIComponent(bad)}`);
        const message = JSON.stringify(body?.message ?? body);
        if (status >= 500 || (status === 400 && !message.includes(name))) {
          failures.push(`GET ${path}?${name}=${bad.slice(0, 24)}: ${status} ${message.slice(0, 200)}`);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);
});

async function rawCall(
  baseUrl: string,
  token: string,
  method: string,
  path: string,
  body: string,
  contentType = 'application/json',
) {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { 'content-type': contentType, authorization: `Bearer ${token}` },
    body,
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // an answer that is not JSON is reported as its text
  }
  return { status: response.status, body: parsed as any };
}
