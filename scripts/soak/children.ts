import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

const root = resolve(__dirname, '../..');

/**
 * The API or the worker as a child process of the soak, started as `npm start` starts it, so that it can be killed
 * with SIGKILL and started again. Its output goes to `<scratch>/<name>.log`, each start marked.
 */
export class ChildApp {
  private child: ChildProcess | null = null;
  private readonly logFile: WriteStream;
  private starts = 0;
  private readyNow = false;
  private readyWaiters: (() => void)[] = [];
  private expectExit = false;
  private closing = false;
  /** Exits the soak did not cause (a crash): each is logged, and the process started again. */
  unexpectedExits = 0;

  constructor(
    readonly name: 'api' | 'worker',
    private readonly entry: string,
    private readonly env: NodeJS.ProcessEnv,
    scratch: string,
    /** A line of its output that says it is ready. */
    private readonly readyLine: RegExp,
  ) {
    this.logFile = createWriteStream(join(scratch, `${name}.log`), { flags: 'a' });
    // Should the soak itself die, its children go with it.
    process.once('exit', () => this.child?.kill('SIGKILL'));
  }

  get logPath(): string {
    return this.logFile.path as string;
  }

  get running(): boolean {
    return this.child !== null;
  }

  get ready(): boolean {
    return this.readyNow;
  }

  start(): void {
    if (this.child) return;
    this.starts += 1;
    this.readyNow = false;
    this.expectExit = false;
    this.logFile.write(`===== ${new Date().toISOString()} start #${this.starts}\n`);
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', join(root, this.entry)], {
      cwd: root,
      env: this.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => {
        this.logFile.write(`${line}\n`);
        if (this.child === child && !this.readyNow && this.readyLine.test(line)) {
          this.readyNow = true;
          for (const wake of this.readyWaiters.splice(0)) wake();
        }
      });
    }
    child.on('exit', (code, signal) => {
      this.logFile.write(`===== ${new Date().toISOString()} exited (${signal ?? `code ${code}`})\n`);
      if (this.child !== child) return;
      this.child = null;
      this.readyNow = false;
      if (this.expectExit || this.closing) return;
      this.unexpectedExits += 1;
      setTimeout(() => this.start(), 1000);
    });
    this.child = child;
  }

  /** Resolves once the running process said it is ready. */
  whenReady(timeoutMs = 120_000): Promise<void> {
    if (this.readyNow) return Promise.resolve();
    return new Promise((ok, fail) => {
      const timer = setTimeout(() => fail(new Error(`${this.name} was not ready within ${timeoutMs} ms`)), timeoutMs);
      this.readyWaiters.push(() => {
        clearTimeout(timer);
        ok();
      });
    });
  }

  /** SIGKILL: no shutdown hook runs, as when the machine dies. Resolves once the process is gone. */
  kill(): Promise<void> {
    return this.signal('SIGKILL');
  }

  /** SIGTERM, as at the end of a run; SIGKILL if it has not exited within `graceMs`. */
  async stop(graceMs = 15_000): Promise<void> {
    const child = this.child;
    const timer = setTimeout(() => child?.kill('SIGKILL'), graceMs);
    await this.signal('SIGTERM');
    clearTimeout(timer);
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.stop();
    await new Promise<void>((ok) => this.logFile.end(ok));
  }

  private signal(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child) return Promise.resolve();
    this.logFile.write(`===== ${new Date().toISOString()} ${signal} sent by the soak\n`);
    this.readyNow = false;
    this.expectExit = true;
    return new Promise((ok) => {
      child.once('exit', () => ok());
      child.kill(signal);
    });
  }
}

export function apiProcess(env: NodeJS.ProcessEnv, scratch: string): ChildApp {
  // The soak knows the API is up from its start-up line: logged at info, whatever the caller's LOG_LEVEL.
  return new ChildApp('api', 'apps/api/src/main.ts', { ...env, LOG_LEVEL: 'info' }, scratch, /Listening on /);
}

export function workerProcess(env: NodeJS.ProcessEnv, scratch: string): ChildApp {
  return new ChildApp(
    'worker',
    'apps/worker/src/main.ts',
    { ...env, LOG_LEVEL: 'info' },
    scratch,
    /Polling task queue/,
  );
}
