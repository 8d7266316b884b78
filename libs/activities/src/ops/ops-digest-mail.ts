/** A running return the digest lists: codes and dates only, never a person. */
export interface DigestEntry {
  caseRef: string;
  programme: string;
  stage: string;
  waitingOn: string | null;
  dueAt: Date | null;
  overdue: boolean;
  failingStep: string | null;
}

/**
 * One supervisor's digest: for each of their programmes, the overdue returns grouped by the partner awaited
 * (named from the directory) and the returns whose step keeps failing grouped by step and error.
 */
export function digestMail(day: string, entries: DigestEntry[], partnerName: (waitingOn: string) => string | null) {
  const overdue = entries.filter((e) => e.overdue);
  const failing = entries.filter((e) => e.failingStep);
  const lines = [`Returns that need attention on ${day}: ${overdue.length} overdue, ${failing.length} failing.`];
  for (const programme of [...new Set(entries.map((e) => e.programme))].sort()) {
    lines.push('', `Programme ${programme}`);
    const late = overdue.filter((e) => e.programme === programme);
    for (const [partner, group] of groupBy(late, (e) => e.waitingOn ?? 'unknown')) {
      const name = partnerName(partner);
      lines.push(`  Overdue from ${partner}${name ? ` (${name})` : ''}:`);
      for (const e of group) lines.push(`    ${e.caseRef}: ${e.stage}, due ${e.dueAt?.toISOString() ?? '-'}`);
    }
    const broken = failing.filter((e) => e.programme === programme);
    for (const [step, group] of groupBy(broken, (e) => e.failingStep!)) {
      lines.push(`  Failing step ${step}:`);
      for (const e of group) lines.push(`    ${e.caseRef}: ${e.stage}, waiting on ${e.waitingOn ?? '-'}`);
    }
  }
  lines.push('', 'Each case shows why in the operations console and in Temporal UI.');
  return {
    subject: `Daily digest ${day}: ${overdue.length} overdue, ${failing.length} failing return(s)`,
    text: lines.join('\n'),
  };
}

function groupBy<T>(items: T[], key: (item: T) => string): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
}
