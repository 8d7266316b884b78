import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { ProbeQuestion } from './child-probe';

const root = resolve(__dirname, '../..');

/**
 * The API or a worker as its own process, started as `npm start` starts it (`apps/api/src/main.ts`,
 * `apps/worker/src/main.ts`), with the bench's probe loaded (child-probe.ts) to count its SQL statements and read
 * its memory.
 */
export class BenchChild {
  private nextQuestion = 0;
  private readonly answers = new Map<number, (answer: Record<string, number>) => void>();
  private readonly exited: Promise<void>;

  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
  ) {
    child.on('message', ({ id, ...answer }: { id: number } & Record<string, number>) => {
      this.answers.get(id)?.(answer);
      this.answers.delete(id);
    });
    this.exited = new Promise((ok) => child.once('exit', () => ok()));
    // Should the bench itself die, its children go with it.
    process.once('exit', () => child.kill('SIGKILL'));
  }

  /** Starts the process; resolves once `ready` says it is (a line of its output, or a check of its own). */
  static async start(
    name: string,
    entry: string,
    env: NodeJS.ProcessEnv,
    ready: { line: RegExp } | { check: () => Promise<boolean> },
    /** Node's own options, e.g. --cpu-prof. */
    nodeArgs: string[] = [],
  ): Promise<BenchChild> {
    const child = spawn(
      process.execPath,
      [
        ...nodeArgs,
        '-r',
        'ts-node/register/transpile-only',
        '-r',
        join(__dirname, 'child-probe.ts'),
        join(root, entry),
      ],
      { cwd: root, env, stdio: ['ignore', 'line' in ready ? 'pipe' : 'ignore', 'inherit', 'ipc'] },
    );
    const started = new BenchChild(name, child);
    const failed = started.exited.then(() => Promise.reject(new Error(`${name} exited while starting`)));
    const isReady =
      'line' in ready
        ? new Promise<void>((ok) =>
            createInterface({ input: child.stdout! }).on('line', (line) => ready.line.test(line) && ok()),
          )
        : (async () => {
            while (!(await ready.check().catch(() => false))) await new Promise((ok) => setTimeout(ok, 200));
          })();
    await Promise.race([isReady, failed]);
    return started;
  }

  get pid(): number {
    return this.child.pid!;
  }

  ask(question: 'statements'): Promise<{ statements: number }>;
  ask(question: 'memory'): Promise<{ heapMb: number; rssMb: number }>;
  ask(question: ProbeQuestion['ask']): Promise<Record<string, number>> {
    const id = ++this.nextQuestion;
    return new Promise((ok) => {
      this.answers.set(id, ok);
      this.child.send({ id, ask: question } satisfies ProbeQuestion);
    });
  }

  /** SIGTERM, as `npm start` stops it on Ctrl-C; SIGKILL if it has not exited within 15 s. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
    this.child.kill('SIGTERM');
    await this.exited;
    clearTimeout(timer);
  }
}
