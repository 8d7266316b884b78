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

/** A cancellation the saga gave up on (the case's timeline says which): staff cancel it with the partner by hand. */
export interface CancellationByHand {
  caseRef: string;
  programme: string;
  /** The timeline's line: codes only ("cancelOrder failed (PartnerUnavailable): ..."). */
  summary: string;
}

/**
 * One supervisor's digest: for each of their programmes, the overdue returns grouped by the partner awaited
 * (named from the directory), the returns whose step keeps failing grouped by step and error, and the cancellations
 * left to do by hand (a withdrawn return is closed, so no other list shows them).
 */
export function digestMail(
  day: string,
  entries: DigestEntry[],
  partnerName: (waitingOn: string) => string | null,
  byHand: CancellationByHand[] = [],
) {
  const overdue = entries.filter((e) => e.overdue);
  const failing = entries.filter((e) => e.failingStep);
  const lines = [`Returns that need attention on ${day}: ${overdue.length} overdue, ${failing.length} failing.`];
  const programmes = new Set([...entries, ...byHand].map((e) => e.programme));
  for (const programme of [...programmes].sort()) {
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
    const toCancel = byHand.filter((c) => c.programme === programme);
    if (toCancel.length) lines.push('  To do by hand (since yesterday):');
    for (const c of toCancel) lines.push(`    ${c.caseRef}: ${c.summary}`);
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
