import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, mkdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { EphemeralServerExecutable } from '@temporalio/testing/lib/ephemeral-server';
import { toolCacheDir } from './paths';

/** Later tags carry a `replace` directive in go.mod, which `go install pkg@version` refuses. */
export const TEMPORAL_CLI_VERSION = 'v1.5.1';
const TEMPORAL_CLI_MODULE = `github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_VERSION}`;

type Log = (message: string) => void;

export function cachedTemporalCliPath(): string {
  return join(toolCacheDir(), `temporal-cli-${TEMPORAL_CLI_VERSION}`, 'temporal');
}

/**
 * Finds the Temporal CLI to run the dev server with: `TEMPORAL_CLI`, else `temporal` on the PATH, else the
 * binary cached outside the repo, else builds it into that cache with Go. Where Go is missing too, falls back
 * to the SDK's own download (which needs the Temporal site to be reachable).
 */
export async function locateTemporalCli(log: Log = console.log): Promise<EphemeralServerExecutable> {
  const fromEnv = process.env.TEMPORAL_CLI;
  if (fromEnv) {
    if (!isExecutable(fromEnv)) throw new Error(`TEMPORAL_CLI=${fromEnv} is not an executable file`);
    return { type: 'existing-path', path: fromEnv };
  }
  const onPath = (process.env.PATH ?? '')
    .split(delimiter)
    .map((dir) => join(dir, 'temporal'))
    .find(isExecutable);
  if (onPath) return { type: 'existing-path', path: onPath };

  const cached = cachedTemporalCliPath();
  if (isExecutable(cached)) return { type: 'existing-path', path: cached };

  if (spawnSync('go', ['version'], { stdio: 'ignore' }).status === 0) {
    await buildWithGo(cached, log);
    return { type: 'existing-path', path: cached };
  }
  log(
    'Neither the Temporal CLI nor Go was found: trying the Temporal SDK download. If it fails, install Go (>= 1.25)\n' +
      `and run \`npm run temporal:cli\` to build ${TEMPORAL_CLI_MODULE}, or set TEMPORAL_CLI to a temporal binary.`,
  );
  return { type: 'cached-download', downloadDir: join(toolCacheDir(), 'sdk-download') };
}

async function buildWithGo(target: string, log: Log): Promise<void> {
  const binDir = join(target, '..');
  mkdirSync(binDir, { recursive: true });
  log(`Building the Temporal CLI ${TEMPORAL_CLI_VERSION} into ${binDir} (about 6 minutes the first time)...`);
  const started = Date.now();
  await new Promise<void>((resolveBuild, reject) => {
    const go = spawn('go', ['install', TEMPORAL_CLI_MODULE], {
      env: { ...process.env, GOBIN: binDir },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    go.on('error', reject);
    go.on('exit', (code) =>
      code === 0
        ? resolveBuild()
        : reject(
            new Error(
              `go install ${TEMPORAL_CLI_MODULE} failed (exit ${code}). Set TEMPORAL_CLI to a temporal binary, ` +
                'or TEMPORAL_ADDRESS to a running Temporal server.',
            ),
          ),
    );
  });
  log(`Built the Temporal CLI in ${Math.round((Date.now() - started) / 1000)} s.`);
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
