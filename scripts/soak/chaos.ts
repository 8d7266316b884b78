import type { Pool } from 'pg';
import type { MailCatcher } from '@avrr/local-stack';
import { sleep, type StepHooks } from './api-client';
import type { ChildApp } from './children';

export interface ChaosOptions {
  workerKills: number;
  apiKills: number;
  smtpOutageSeconds: number;
  /** When the SMTP outage begins, after the returns started. */
  smtpOutageAfterMs: number;
  /** Go on killing the worker past `workerKills` while returns are still running. */
  keepKilling: boolean;
}

export interface ApiKill {
  caseRef: string;
  path: string;
  /** The step's ledger row when the API died: pending, accepted, refused, or none yet. */
  ledger: string;
}

const random = (min: number, max: number) => min + Math.random() * (max - min);

/**
 * What goes wrong during the soak: the worker SIGKILLed at random moments and started again, the API SIGKILLed
 * while a step's request is in flight (once its ledger row is written, when that can be seen in time), and the
 * SMTP server down for a stretch.
 */
export class Chaos implements StepHooks {
  workerKills = 0;
  workerKillsDuringReturns = 0;
  readonly apiKills: ApiKill[] = [];
  smtpOutageMs = 0;
  private armedApiKills = 0;
  private killingApi = false;
  private stopped = false;

  constructor(
    private readonly api: ChildApp,
    private readonly worker: ChildApp,
    private readonly mail: MailCatcher,
    private readonly db: Pool,
    private readonly options: ChaosOptions,
    private readonly log: (message: string) => void,
  ) {}

  /**
   * Kills the worker `workerKills` times, and with `keepKilling` on until the returns are done; API kills are armed
   * along the way, so that they hit steps of different stages.
   */
  async run(returnsRunning: () => boolean): Promise<void> {
    const { workerKills, apiKills, keepKilling } = this.options;
    const smtp = this.smtpOutage();
    let armed = 0;
    const armDue = () => {
      while (armed < apiKills && this.workerKills >= Math.floor((armed * workerKills) / apiKills)) {
        armed += 1;
        this.armedApiKills += 1;
      }
    };
    while (!this.stopped && (this.workerKills < workerKills || (keepKilling && returnsRunning()))) {
      armDue();
      await this.worker.whenReady(300_000);
      await sleep(random(1_000, 9_000));
      if (this.stopped) break;
      const during = returnsRunning();
      await this.worker.kill();
      this.workerKills += 1;
      if (during) this.workerKillsDuringReturns += 1;
      await sleep(random(0, 3_000));
      this.worker.start();
    }
    await smtp;
    this.stopped = true;
  }

  stop(): void {
    this.stopped = true;
  }

  /** API kills armed but never used: no step was sent after them. */
  get unusedApiKills(): number {
    return this.armedApiKills;
  }

  sent(caseRef: string, path: string, key: string, answered: () => boolean): void {
    if (this.armedApiKills === 0 || this.killingApi) return;
    this.armedApiKills -= 1;
    this.killingApi = true;
    void this.killApiDuring(caseRef, path, key, answered).finally(() => (this.killingApi = false));
  }

  private async killApiDuring(caseRef: string, path: string, key: string, answered: () => boolean): Promise<void> {
    const deadline = Date.now() + 5_000;
    let ledger: string | undefined;
    while (!answered() && !ledger && Date.now() < deadline) {
      const { rows } = await this.db.query(
        'SELECT status FROM case_steps WHERE case_ref = $1 AND idempotency_key = $2',
        [caseRef, key],
      );
      ledger = rows[0]?.status;
      if (!ledger) await sleep(3);
    }
    if (answered()) {
      this.armedApiKills += 1; // answered before it could be hit: the next step is
      return;
    }
    await this.api.kill();
    this.apiKills.push({ caseRef, path, ledger: ledger ?? 'none yet' });
    this.log(`API killed during ${path} (ledger: ${ledger ?? 'none yet'})`);
    this.api.start();
  }

  private async smtpOutage(): Promise<void> {
    if (this.options.smtpOutageSeconds <= 0) return;
    await sleep(this.options.smtpOutageAfterMs);
    const from = Date.now();
    await this.mail.stopSmtp();
    this.log(`SMTP server stopped for ${this.options.smtpOutageSeconds} s`);
    await sleep(this.options.smtpOutageSeconds * 1000);
    await this.mail.startSmtp();
    this.smtpOutageMs = Date.now() - from;
    this.log('SMTP server listening again');
  }
}
