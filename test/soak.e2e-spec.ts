import { formatReport } from '../scripts/soak/report';
import { runSoak } from '../scripts/soak/run-soak';

/**
 * `npm run soak` in small: a few returns through the whole journey on a stack of their own (its own Temporal, database,
 * mail server, sandboxes; the API and the worker as child processes) while the worker is SIGKILLed, the API is
 * SIGKILLed during a step and the SMTP server is down for a while. Nothing may be lost, failed, duplicated or disagree.
 */
describe('crash soak (small)', () => {
  it('loses, fails, duplicates nothing and the case views agree with their workflows while processes are killed', async () => {
    const report = await runSoak({
      returns: 2,
      workerKills: 3,
      apiKills: 1,
      smtpOutageSeconds: 5,
      smtpOutageAfterMs: 15_000,
      keepKilling: false,
      log: () => {},
    });
    console.log(formatReport(report).join('\n'));
    expect(report.workerKills).toBeGreaterThanOrEqual(3);
    expect(report.apiKills).toHaveLength(1);
    expect(report.smtpOutageSeconds).toBeGreaterThanOrEqual(5);
    expect(report.findings).toEqual({
      lost: [],
      failed: [],
      workflowTaskFailures: [],
      redeliveredMail: report.findings.redeliveredMail, // reported, not counted (see badCounts)
      duplicatedMail: [],
      unreceivedMail: [],
      disagreements: [],
      partnerCounts: report.findings.partnerCounts.map((c) => ({ ...c, actual: c.expected })),
    });
    expect(report.unexpectedExits).toEqual({ api: 0, worker: 0 });
    expect(report.anomalies).toEqual([]); // 503 with Retry-After when a step cannot be decided, never 500
  }, 600_000);
});
