import type { Client } from '@temporalio/client';
import { Client as Pg } from 'pg';
import { returnWorkflowId, statusQuery } from '@avrr/contracts';
import { eventually } from './eventually';
import { testStack } from './test-env';

/**
 * The cases among `caseRefs` whose record in PostgreSQL disagrees with their workflow (stage, outcome), or that
 * still hold a step the workflow has not decided; waits a while for both to settle before answering.
 */
export async function disagreements(temporal: Client, caseRefs: string[]): Promise<string[]> {
  const db = new Pg({ connectionString: testStack().databaseUrl });
  await db.connect();
  const check = async () => {
    const found: string[] = [];
    for (const caseRef of caseRefs) {
      const { rows } = await db.query(
        `SELECT c.stage, c.outcome, (SELECT count(*)::int FROM case_steps s
           WHERE s.case_ref = c.case_ref AND s.status = 'pending') AS pending
         FROM return_cases c WHERE c.case_ref = $1`,
        [caseRef],
      );
      const status = await temporal.workflow.getHandle(returnWorkflowId(caseRef)).query(statusQuery);
      const [record] = rows as { stage: string; outcome: string | null; pending: number }[];
      if (record.stage !== status.stage || (record.outcome ?? undefined) !== status.outcome || record.pending > 0) {
        found.push(
          `${caseRef}: record ${record.stage}/${record.outcome} (${record.pending} pending), workflow ${status.stage}/${status.outcome}`,
        );
      }
    }
    return found;
  };
  try {
    return await eventually(async () => ((await check()).length === 0 ? [] : undefined), {
      timeoutMs: 15_000,
      what: 'records and workflows to agree',
    }).catch(() => check());
  } finally {
    await db.end();
  }
}
