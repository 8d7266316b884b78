// `npm run soak`: many returns through the whole journey on a stack of their own, while the worker is SIGKILLed at
// random moments, the API is SIGKILLed during steps and the SMTP server goes down for a while; prints what was lost,
// failed, duplicated or disagrees, and exits non-zero when any of it is not 0.
//   --returns N (20)  --kills K worker kills, more while returns run (30)  --api-kills A (3)  --smtp-outage S seconds (30)  --keep
import { parseArgs } from 'node:util';
import { formatReport } from './soak/report';
import { badCounts, runSoak } from './soak/run-soak';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      returns: { type: 'string', default: '20' },
      kills: { type: 'string', default: '30' },
      'api-kills': { type: 'string', default: '3' },
      'smtp-outage': { type: 'string', default: '30' },
      keep: { type: 'boolean', default: false },
    },
  });
  const number = (name: keyof typeof values) => {
    const value = Number(values[name]);
    if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a whole number, not ${values[name]}`);
    return value;
  };
  const report = await runSoak({
    returns: Math.max(1, number('returns')),
    workerKills: number('kills'),
    apiKills: number('api-kills'),
    smtpOutageSeconds: number('smtp-outage'),
    smtpOutageAfterMs: 20_000,
    keepKilling: true,
    keep: values.keep,
  });
  const code = badCounts(report) === 0 ? 0 : 1;
  // Exit explicitly once the report is written: process.exitCode alone ended as 0 here.
  process.stdout.write(`${formatReport(report).join('\n')}\n`, () => process.exit(code));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(2);
});
