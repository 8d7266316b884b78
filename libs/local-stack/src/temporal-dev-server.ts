import { TestWorkflowEnvironment } from '@temporalio/testing';
import { RETURN_SEARCH_ATTRIBUTES } from '@avrr/contracts';
import { locateTemporalCli, TEMPORAL_CLI_VERSION } from './temporal-cli';

export interface TemporalDevServerOptions {
  port?: number;
  /** Serve Temporal UI on this port; headless without it. */
  uiPort?: number;
  /** SQLite file that keeps workflows across restarts; in memory without it. */
  dbFilename?: string;
  namespace?: string;
  log?: (message: string) => void;
}

export interface TemporalDevServer {
  address: string;
  namespace: string;
  uiUrl?: string;
  stop(): Promise<void>;
}

/**
 * Runs `temporal server start-dev` with the project's search attributes registered and SQLite in WAL mode.
 * The same function serves `npm start` (persistent file, UI) and the tests (in memory, headless).
 */
export async function startTemporalDevServer(options: TemporalDevServerOptions = {}): Promise<TemporalDevServer> {
  const executable = await locateTemporalCli(options.log);
  const namespace = options.namespace ?? 'default';
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable,
      namespace,
      ip: '127.0.0.1',
      port: options.port,
      dbFilename: options.dbFilename,
      ui: options.uiPort !== undefined,
      uiPort: options.uiPort,
      searchAttributes: RETURN_SEARCH_ATTRIBUTES,
      extraArgs: ['--sqlite-pragma', 'journal_mode=WAL', '--sqlite-pragma', 'synchronous=NORMAL'],
    },
  }).catch((error: unknown) => {
    if (executable.type !== 'cached-download') throw error;
    throw new Error(
      `The Temporal SDK could not download the dev server (${String(error)}). Either install Go 1.25 or later and ` +
        `run \`npm run temporal:cli\` (it builds the Temporal CLI ${TEMPORAL_CLI_VERSION}), or set TEMPORAL_CLI to a ` +
        'temporal binary, or TEMPORAL_ADDRESS to a running Temporal server.',
    );
  });
  const address = env.connection.options.address;
  return {
    address,
    namespace,
    uiUrl: options.uiPort !== undefined ? `http://127.0.0.1:${options.uiPort}` : undefined,
    stop: () => env.teardown(),
  };
}
