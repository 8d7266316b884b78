import { Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { Gauge, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import {
  FailingStepAttribute,
  ProgrammeCodeAttribute,
  RETURN_WORKFLOW_TYPE,
  ReturnStageAttribute,
  WaitingOnAttribute,
} from '@avrr/contracts';
import { ReturnCaseEntity } from '@avrr/persistence';

/**
 * Gauges computed at each scrape: cases by programme and stage from PostgreSQL, and the running returns that are
 * overdue or have a failing step, by programme, stage and partner, from Temporal's visibility.
 */
@Injectable()
export class ReturnsMetrics {
  constructor(registry: Registry, dataSource: DataSource, temporal: Client) {
    new Gauge({
      name: 'avrr_returns',
      help: 'Cases by programme and stage (closed cases by outcome)',
      labelNames: ['programme', 'stage', 'outcome'] as const,
      registers: [registry],
      async collect() {
        const rows: { programme: string; stage: string | null; outcome: string | null; count: string }[] =
          await dataSource.manager
            .createQueryBuilder(ReturnCaseEntity, 'c')
            .select('c.programmeCode', 'programme')
            .addSelect('c.stage', 'stage')
            .addSelect('c.outcome', 'outcome')
            .addSelect('COUNT(*)', 'count')
            .groupBy('c.programmeCode')
            .addGroupBy('c.stage')
            .addGroupBy('c.outcome')
            .getRawMany();
        this.reset();
        for (const r of rows) {
          this.set({ programme: r.programme, stage: r.stage ?? 'intake', outcome: r.outcome ?? '' }, Number(r.count));
        }
      },
    });
    const running = async (condition: string, gauge: Gauge<'programme' | 'stage' | 'partner' | 'step'>) => {
      const counts = new Map<string, { labels: Record<string, string>; n: number }>();
      const query = `WorkflowType='${RETURN_WORKFLOW_TYPE}' AND ExecutionStatus='Running' AND ${condition}`;
      for await (const run of temporal.workflow.list({ query })) {
        const a = run.typedSearchAttributes;
        const labels = {
          programme: a.get(ProgrammeCodeAttribute) ?? '',
          stage: a.get(ReturnStageAttribute) ?? '',
          partner: a.get(WaitingOnAttribute) ?? '',
          step: a.get(FailingStepAttribute)?.split(':')[0] ?? '',
        };
        const key = JSON.stringify(labels);
        counts.set(key, { labels, n: (counts.get(key)?.n ?? 0) + 1 });
      }
      gauge.reset();
      for (const { labels, n } of counts.values()) gauge.set(labels, n);
    };
    new Gauge({
      name: 'avrr_returns_overdue',
      help: 'Running returns whose awaited answer is overdue, by programme, stage and the partner awaited',
      labelNames: ['programme', 'stage', 'partner', 'step'] as const,
      registers: [registry],
      collect() {
        return running('Overdue=true', this);
      },
    });
    new Gauge({
      name: 'avrr_returns_failing',
      help: 'Running returns with a step that keeps failing, by programme, stage, partner awaited and step',
      labelNames: ['programme', 'stage', 'partner', 'step'] as const,
      registers: [registry],
      collect() {
        return running('FailingStep IS NOT NULL', this);
      },
    });
  }
}
