import type { SoakReport } from './run-soak';

/** The soak's figures, one a line; every count after "returns lost" must be 0 (or as expected). */
export function formatReport(report: SoakReport): string[] {
  const f = report.findings;
  const duringStep = report.apiKills.filter((k) => k.ledger !== 'none yet').length;
  const lines = [
    `returns run: ${report.returns}`,
    `worker kills: ${report.workerKills} (${report.workerKillsDuringReturns} while returns were running)`,
    `API kills: ${report.apiKills.length} (between a step's request and its answer; ${duringStep} with the step already in the ledger)`,
    `SMTP outage seconds: ${report.smtpOutageSeconds}`,
    `returns lost (not closed as expected): ${f.lost.length}`,
    `returns failed (FAILED/TERMINATED/TIMED_OUT in Temporal): ${f.failed.length}`,
    `workflow task failures (nondeterminism or workflow code errors): ${f.workflowTaskFailures.length}`,
    `duplicated e-mails (the same kind and case under another Message-ID): ${f.duplicatedMail.length}`,
    `e-mails delivered again under their own Message-ID (a send killed before it was logged; the receiver drops the copy): ${f.redeliveredMail.length}`,
    `e-mails logged as sent but never received: ${f.unreceivedMail.length}`,
    ...f.partnerCounts.map((c) => `${c.what}: ${c.actual} (expected ${c.expected})`),
    `case views that disagree with their workflow (or steps left pending): ${f.disagreements.length}`,
    `API or worker exits the soak did not cause: ${report.unexpectedExits.api + report.unexpectedExits.worker}`,
    `5xx answers other than 503: ${report.anomalies.length}`,
    `step and read retries (same key): ${report.retries}`,
    `minutes: ${report.minutes.toFixed(1)}`,
  ];
  const details: [string, string[]][] = [
    ['lost', f.lost],
    ['failed', f.failed],
    ['workflow task failure', f.workflowTaskFailures],
    ['same Message-ID again', f.redeliveredMail],
    ['duplicated e-mail', f.duplicatedMail],
    ['never received', f.unreceivedMail],
    ['disagreement', f.disagreements],
    ['5xx', report.anomalies.slice(0, 20)],
    ['API kill', report.apiKills.map((k) => `${k.path} (ledger: ${k.ledger})`)],
  ];
  for (const [what, entries] of details) lines.push(...entries.map((entry) => `  ${what}: ${entry}`));
  if (report.scratch) lines.push(`logs of the API and the worker: ${report.scratch}`);
  return lines;
}
