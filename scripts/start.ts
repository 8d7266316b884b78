// `npm start`: the whole product on one machine. Starts what is not configured (Temporal dev server with UI,
// PostgreSQL, a catching SMTP server, the sandbox travel agency), applies migrations, then runs the API and the
// worker. Ctrl-C stops all.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import {
  localDataDir,
  resolveDatabase,
  startMailCatcher,
  startTemporalDevServer,
  startPaymentSandbox,
  startTravelAgencySandbox,
} from '@avrr/local-stack';
import { localSecrets, localSecretsFile } from './local-secrets';
import { runMigrations } from './run-migrations';
import { DEMO_CASE_WORKER, DEMO_PROGRAMME, seedDemoData } from './seed-demo';

const root = resolve(__dirname, '..');
const log = (message: string) => console.log(`[start] ${message}`);
const stops: (() => Promise<void>)[] = [];
const children: ChildProcess[] = [];

/** `AVRR_PORT_OFFSET`: a whole number from 0 to 1000 added to every local port; anything else stops the start. */
function portOffset(): number {
  const value = process.env.AVRR_PORT_OFFSET ?? '0';
  if (!/^\d{1,4}$/.test(value) || Number(value) > 1000) {
    throw new Error(`AVRR_PORT_OFFSET must be a whole number from 0 to 1000, not "${value}"`);
  }
  return Number(value);
}

async function main(): Promise<void> {
  const dataDir = localDataDir();
  mkdirSync(dataDir, { recursive: true });
  // A second copy on the same machine moves every local port by the same amount (the API's too, unless PORT is set).
  const offset = portOffset();
  const port = (standard: number) => standard + offset;
  const apiPort = Number(process.env.PORT ?? port(3000));

  let temporalAddress = process.env.TEMPORAL_ADDRESS;
  let temporalUi = 'the UI of your Temporal server';
  if (!temporalAddress) {
    log('Starting the Temporal dev server...');
    const temporal = await startTemporalDevServer({
      // The namespace the API and worker are configured with is created, with the search attributes, on start.
      namespace: process.env.TEMPORAL_NAMESPACE || undefined,
      port: port(7233),
      uiPort: port(8233),
      dbFilename: join(dataDir, 'temporal.sqlite'),
      log,
    });
    stops.push(temporal.stop);
    temporalAddress = temporal.address;
    temporalUi = temporal.uiUrl ?? temporalUi;
  }

  const database = await resolveDatabase({ dataDir, log });
  stops.push(database.stop);
  const applied = await runMigrations(database.url);
  if (applied.length) log(`Applied migrations: ${applied.join(', ')}`);
  const secrets = localSecrets(dataDir);
  if (await seedDemoData(database.url, secrets.caseWorkerPassword)) {
    log(`Seeded the demo programme ${DEMO_PROGRAMME}, four consulates and the case worker "${DEMO_CASE_WORKER}".`);
  }

  let smtpUrl = process.env.SMTP_URL;
  let caughtMail = 'your SMTP server';
  if (!smtpUrl) {
    const mail = await startMailCatcher({
      smtpPort: port(1025),
      httpPort: port(1080),
      stateFile: join(dataDir, 'caught-mail.json'),
    });
    stops.push(mail.stop);
    smtpUrl = mail.smtpUrl;
    caughtMail = mail.httpUrl;
  }

  let agencyUrl = process.env.TRAVEL_AGENCY_API_URL;
  let agencyKey = process.env.TRAVEL_AGENCY_API_KEY;
  if (!agencyUrl) {
    const agency = await startTravelAgencySandbox({
      port: port(4010),
      apiKey: `sandbox-${secrets.jwtSecret.slice(0, 12)}`,
      stateFile: join(dataDir, 'travel-agency.json'),
    });
    stops.push(agency.stop);
    agencyUrl = agency.url;
    agencyKey = agency.apiKey;
  }

  let paymentUrl = process.env.PAYMENT_API_URL;
  let paymentKey = process.env.PAYMENT_API_KEY;
  if (!paymentUrl) {
    const payments = await startPaymentSandbox({
      port: port(4020),
      apiKey: `sandbox-${secrets.jwtSecret.slice(12, 24)}`,
      stateFile: join(dataDir, 'payment-provider.json'),
    });
    stops.push(payments.stop);
    paymentUrl = payments.url;
    paymentKey = payments.apiKey;
  }
  // The sandbox's own key, never a real provider's, is shown: how a vendor redeems a voucher there.
  const redeem = process.env.PAYMENT_API_URL
    ? ''
    : `;\n                   a vendor redeems a voucher: POST /vouchers/<code>/redeem {"vendor":"..."}, Bearer ${paymentKey}`;

  const env = {
    ...process.env,
    DATABASE_URL: database.url,
    TEMPORAL_ADDRESS: temporalAddress,
    SMTP_URL: smtpUrl,
    PORT: String(apiPort),
    AUTH_JWT_SECRET: process.env.AUTH_JWT_SECRET ?? secrets.jwtSecret,
    AUTH_ADMIN_PASSWORD: process.env.AUTH_ADMIN_PASSWORD ?? secrets.adminPassword,
    TRAVEL_AGENCY_API_URL: agencyUrl,
    TRAVEL_AGENCY_API_KEY: agencyKey,
    PAYMENT_API_URL: paymentUrl,
    PAYMENT_API_KEY: paymentKey,
    TEMPORAL_WORKER_METRICS_ADDRESS: process.env.TEMPORAL_WORKER_METRICS_ADDRESS ?? `127.0.0.1:${port(9464)}`,
    LOG_FORMAT: process.env.LOG_FORMAT ?? 'pretty',
  };
  log('Building the staff console...');
  execFileSync(
    process.execPath,
    [join(root, 'node_modules/vite/bin/vite.js'), 'build', 'apps/console', '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  run('worker', 'apps/worker/src/main.ts', env);
  run('api', 'apps/api/src/main.ts', env);
  await waitForHealth(`http://127.0.0.1:${apiPort}/health`);

  // The demo's flights leave tomorrow: departure may be confirmed from 48 hours before the first one.
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const nextYear = new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);
  console.log(`
  AVRR return operations is running.

    Staff console  http://localhost:${apiPort}/console   (sign in as below)
    API            http://localhost:${apiPort}
    API docs       http://localhost:${apiPort}/docs   (OpenAPI: /openapi.json)
    Temporal UI    ${temporalUi}   (Temporal at ${temporalAddress})
    Caught mail    ${caughtMail}
    Travel agency  ${agencyUrl}   (sandbox bookings: ${agencyUrl}/_control/bookings)
    Payments       ${paymentUrl}   (sandbox vouchers and payments: ${paymentUrl}/_control/vouchers, /payments${redeem})
    PostgreSQL     ${database.source}
    Metrics        http://localhost:${apiPort}/metrics (API), http://${env.TEMPORAL_WORKER_METRICS_ADDRESS}/metrics (worker SDK)

  Sign in (passwords are in ${localSecretsFile(dataDir)}: "${process.env.AUTH_ADMIN_USERNAME ?? 'admin'}" administers staff,
  "${DEMO_CASE_WORKER}" runs returns) to the staff console, or from the shell, then start a return under the demo programme:
    TOKEN=$(node -e "fetch('http://localhost:${apiPort}/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: '${DEMO_CASE_WORKER}', password: require('${localSecretsFile(dataDir)}').caseWorkerPassword }) })
      .then((r) => r.json()).then((b) => console.log(b.accessToken))")
    curl -X POST localhost:${apiPort}/returns -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' \\
      -d '{"caseRef":"DEMO-0001","programmeCode":"${DEMO_PROGRAMME}","hostCountry":"RO","destination":{"country":"PK","city":"Lahore"},
      "returnee":{"givenName":"Amina","familyName":"Khan","dateOfBirth":"1990-04-12","nationality":"PK"},
      "targetGroup":"rejected-asylum-seeker","hasValidTravelDocument":false}'
    # It waits for the signed declaration; then the consulate is asked (see the caught mail):
    curl -X POST localhost:${apiPort}/returns/DEMO-0001/declaration -H "authorization: Bearer $TOKEN" \\
      -H 'content-type: application/json' -d "{\\"signedOn\\":\\"$(date -u +%F)\\"}"
    # When the consulate has issued the document, record it:
    curl -X POST localhost:${apiPort}/returns/DEMO-0001/travel-document -H "authorization: Bearer $TOKEN" \\
      -H 'content-type: application/json' -d '{"documentType":"laissez-passer","documentNumber":"LP9876543","expiresOn":"${nextYear}"}'
    # Then choose the flights: the sandbox agency books them.
    curl -X POST localhost:${apiPort}/returns/DEMO-0001/flights -H "authorization: Bearer $TOKEN" \\
      -H 'content-type: application/json' -d '{"segments":[{"flight":"RO201","from":"OTP","to":"IST",
      "departsAt":"${tomorrow}T06:40:00Z"},{"flight":"PK708","from":"IST","to":"LHE","departsAt":"${tomorrow}T11:05:00Z"}]}'
  In the API docs, "Authorize" takes the token.

  Ctrl-C stops everything.
`);
}

/** A process that stops on its own is started again, as a supervisor would, unless it did so this often lately. */
const RESTARTS = { limit: 5, withinMs: 60_000, afterMs: 1_000 };

function run(name: string, entry: string, env: NodeJS.ProcessEnv, exits: number[] = []): void {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', join(root, entry)], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => console.log(`[${name}] ${line}`));
  }
  child.on('exit', (code, signal) => {
    if (stopping) return;
    children.splice(children.indexOf(child), 1);
    const recent = [...exits.filter((at) => at > Date.now() - RESTARTS.withinMs), Date.now()];
    const how = signal ?? `code ${code}`;
    if (recent.length > RESTARTS.limit) {
      log(`${name} exited (${how}) ${recent.length} times within a minute; stopping everything.`);
      void stop(1);
      return;
    }
    // The others keep running: a return waits in Temporal, not in the process that stopped.
    log(`${name} exited (${how}); starting it again.`);
    setTimeout(() => stopping || run(name, entry, env, recent), RESTARTS.afterMs);
  });
  children.push(child);
}

async function waitForHealth(url: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** SIGTERM, then SIGKILL if the process has not exited within `graceMs`. */
function terminate(child: ChildProcess, graceMs: number): Promise<void> {
  return new Promise<void>((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    const kill = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(kill);
      done();
    });
    child.kill('SIGTERM');
  });
}

let stopping = false;
async function stop(exitCode: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  log('Stopping...');
  await Promise.all(children.map((child) => terminate(child, 15_000)));
  for (const stopOne of stops.reverse()) {
    await stopOne().catch((error: unknown) => log(`while stopping: ${String(error)}`));
  }
  process.exit(exitCode);
}

process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  void stop(1);
});
