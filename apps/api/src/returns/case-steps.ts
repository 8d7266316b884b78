import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type EntityTarget, type ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { CaseRecords, type ReturnCaseEntity } from '@avrr/persistence';
import type { StaffPrincipal } from '../auth/principal';
import { StepNotAllowedError } from '../errors/domain-errors';
import { CaseViews } from './case-views';
import type { ReturnView } from './return-view';
import { ReturnWorkflows, type HumanStep, type StepPayload } from './return-workflows';

/**
 * A human step: its rows and timeline line are written in a transaction that commits only when the workflow
 * accepts the step, so a step the case's stage does not allow (409) changes nothing.
 */
@Injectable()
export class CaseSteps {
  constructor(
    private readonly dataSource: DataSource,
    private readonly caseRecords: CaseRecords,
    private readonly workflows: ReturnWorkflows,
    private readonly views: CaseViews,
  ) {}

  async record<K extends HumanStep>(
    caseRef: string,
    user: StaffPrincipal,
    step: K,
    payload: StepPayload<K>,
    /** Writes the step's rows and answers the timeline's line for it. */
    write: (manager: EntityManager, returnCase: ReturnCaseEntity) => Promise<string>,
  ): Promise<ReturnView> {
    const returnCase = await this.views.caseInScope(caseRef, user);
    if (!returnCase.workflowId) throw new StepNotAllowedError(`case ${caseRef} is closed: ${returnCase.outcomeReason}`);
    await this.dataSource.transaction(async (manager) => {
      const summary = await write(manager, returnCase);
      await this.caseRecords.addTimelineEvent(
        { caseRef, kind: `${kebab(step)}-recorded`, summary, actor: user.id },
        manager,
      );
      await this.workflows.sendStep(caseRef, step, user.id, payload);
    });
    return this.views.view(caseRef, user);
  }
}

function kebab(step: HumanStep): string {
  return step.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

/**
 * Inserts the rows, or nothing where one with the same key exists: a repeated step must reach the workflow, whose
 * validator refuses it with a 409, instead of failing on the key first.
 */
export async function insertUnlessPresent<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  values: QueryDeepPartialEntity<T> | QueryDeepPartialEntity<T>[],
): Promise<void> {
  await manager.createQueryBuilder().insert().into(entity).values(values).orIgnore().execute();
}
