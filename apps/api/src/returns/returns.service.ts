import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { returnWorkflowId, type ReturnPolicy, type ReturnWorkflowInput } from '@avrr/contracts';
import {
  CasePersonEntity,
  CaseRecords,
  CounsellingSessionEntity,
  ProgrammePolicies,
  projectLiveCase,
  ReturnCaseEntity,
  SYSTEM_ACTOR,
  timelineInsert,
  TravelDocumentEntity,
} from '@avrr/persistence';
import { assertCovers, covers } from '../auth/programme-scope';
import type { StaffPrincipal } from '../auth/principal';
import {
  CaseReferenceConflictError,
  IneligibleError,
  InvalidFieldError,
  StepNotAllowedError,
} from '../errors/domain-errors';
import type { RecordTravelDocumentDto } from './dto/record-travel-document.dto';
import type { StartReturnDto } from './dto/start-return.dto';
import type { CounsellingDto, DeclarationDto } from './dto/steps.dto';
import { refusalReason } from './eligibility';
import { maskDocumentNumber, type ReturnView } from './return-view';
import { CaseViews } from './case-views';
import { CaseSteps } from '../steps/case-steps';
import { ReturnWorkflows } from './return-workflows';
import { caseNamed } from '../logging/case-ref-of';

const UNIQUE_VIOLATION = '23505';

/** The key of a closure recorded as withdrawn while the return's workflow was stopped (its caseRef follows). */
const WITHDRAWN_WHILE_STOPPED = 'withdrawal-after-stop/';

@Injectable()
export class ReturnsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly caseRecords: CaseRecords,
    private readonly policies: ProgrammePolicies,
    private readonly workflows: ReturnWorkflows,
    private readonly views: CaseViews,
    private readonly steps: CaseSteps,
  ) {}

  /**
   * Opens the case, then starts its return. The case is committed first and the workflow started after, with no
   * transaction open while Temporal answers: a start that fails (503) leaves the case waiting for its workflow,
   * which the same request repeated, or the step sweeper, starts. A repeated start with the same case reference and
   * the same data finds the existing return. A return the programme's policy refuses is recorded as a closed case
   * with the reason, and no workflow is started.
   */
  async start(dto: StartReturnDto, user: StaffPrincipal): Promise<{ created: boolean; view: ReturnView }> {
    // Its rules held (the body's validation): the reference is the new case's, or names one already opened.
    caseNamed(dto.caseRef);
    assertCovers(user, dto.programmeCode);
    const policy = await this.policies.current(dto.programmeCode);
    let opened: { created: boolean; returnCase: ReturnCaseEntity };
    try {
      opened = await this.dataSource.transaction(async (manager) => {
        const found = async () => {
          const existing = await this.caseRecords.findCase(dto.caseRef, manager);
          if (!existing) return null;
          // Another programme's case: say the reference is taken, never how its case differs.
          if (!covers(user, existing.programmeCode)) throw new CaseReferenceConflictError(existing.caseRef, null);
          assertSameReturn(existing, dto);
          return { created: false, returnCase: existing };
        };
        if (!policy) {
          const existing = await found();
          if (!existing) throw new InvalidFieldError('programmeCode', `names no programme: "${dto.programmeCode}"`);
          return existing;
        }
        const refusal = refusalReason(policy, {
          targetGroup: dto.targetGroup,
          destinationCountry: dto.destination.country,
        });
        // Inserted unless the reference is taken: then the case found is this same return, or a 409.
        const inserted = await this.insertCase(manager, dto, policy, user.id, refusal);
        return inserted ? { created: true, returnCase: inserted } : (await found())!;
      });
    } catch (error) {
      // Two identical starts at once: the loser finds the winner's case.
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) return this.start(dto, user);
      throw error;
    }
    const { created, returnCase } = opened;
    // A return's workflow counts its case in the reports as it enters intake. A case refused at the door has none:
    // it is counted here, once committed (the tallies' rows are shared by the programme's cases, and their locks
    // would hold every start's transaction), and again harmlessly when the same start is repeated.
    if (!returnCase.workflowId) await projectLiveCase(this.dataSource.manager, returnCase.caseRef, 'case-opened', null);
    if (returnCase.outcome === 'ineligible') throw new IneligibleError(returnCase.outcomeReason ?? 'ineligible');
    return { created, view: await this.views.view(dto.caseRef, user, this.startWorkflow(returnCase)) };
  }

  /** Starts the case's return, or finds it started; safe to repeat (the sweeper does, for a start that failed). */
  async startWorkflow(returnCase: ReturnCaseEntity): Promise<{ runId: string } | undefined> {
    if (!returnCase.workflowId) return;
    return this.workflows.start(workflowInput(returnCase, await this.policies.pinnedBy(returnCase)));
  }

  recordCounselling(caseRef: string, dto: CounsellingDto, user: StaffPrincipal): Promise<ReturnView> {
    return this.steps.record(caseRef, user, 'counselling', {}, async (writes) => {
      await writes.insert(CounsellingSessionEntity, { caseRef, ...dto, counsellor: user.id });
      return `Counselling held on ${dto.heldOn}: ${dto.topics.join(', ')}`;
    });
  }

  recordDeclaration(caseRef: string, dto: DeclarationDto, user: StaffPrincipal): Promise<ReturnView> {
    return this.steps.record(caseRef, user, 'declaration', {}, async (writes, returnCase) => {
      // A declaration before the case was opened would count days before its intake. The day is UTC's: an office
      // behind it (the Americas, in the evening) opens a case on its day, which may be the day before in UTC.
      const openedOn = returnCase.createdAt.toISOString().slice(0, 10);
      const dayBefore = new Date(returnCase.createdAt.getTime() - 86_400_000).toISOString().slice(0, 10);
      if (dto.signedOn < dayBefore) {
        throw new InvalidFieldError(
          'signedOn',
          `must not be before the case was opened (${openedOn} in UTC, ${dayBefore} in a time zone behind it)`,
        );
      }
      await writes.update(
        ReturnCaseEntity,
        { caseRef },
        { declarationSignedOn: dto.signedOn, declarationRecordedBy: user.id },
      );
      return `Voluntary-return declaration signed on ${dto.signedOn}`;
    });
  }

  recordTravelDocument(caseRef: string, dto: RecordTravelDocumentDto, user: StaffPrincipal): Promise<ReturnView> {
    return this.steps.record(caseRef, user, 'travelDocument', {}, async (writes) => {
      const inserted = await writes.insert(TravelDocumentEntity, { caseRef, ...dto, recordedBy: user.id });
      if (inserted === 0) {
        throw new StepNotAllowedError(`a travel document is already recorded for case ${caseRef}`);
      }
      return `${dto.documentType} ${maskDocumentNumber(dto.documentNumber)} recorded, valid until ${dto.expiresOn}`;
    });
  }

  /**
   * The returnee withdraws. Where an ops engineer stopped the return's workflow in Temporal, the withdrawal still
   * wins: the case closes as withdrawn, and the reason says that partners were not told automatically.
   */
  async withdraw(caseRef: string, user: StaffPrincipal): Promise<ReturnView> {
    try {
      return await this.steps.record(caseRef, user, 'withdrawal', {}, 'The returnee withdrew from the return');
    } catch (error) {
      if (!(error instanceof StepNotAllowedError)) throw error;
      const { execution } = await this.workflows.status(caseRef, { query: false });
      const stoppedShort = await this.workflows.abnormalEnd(execution);
      if (!stoppedShort) throw error;
      await this.caseRecords.recordClosure(
        caseRef,
        'withdrawn',
        `withdrawn by the returnee after ${stoppedShort}; partners were not told automatically`,
        `${WITHDRAWN_WHILE_STOPPED}${caseRef}`,
      );
      return this.views.view(caseRef, user);
    }
  }

  /**
   * Returns an ops engineer revived (a reset) after their case closed as withdrawn while the workflow was stopped: the
   * withdrawal still wins, so the revived run is sent it, and cancels what was booked and tells the partners. Once per
   * run (its timeline line says how it went). The step sweeper calls this; answers how many runs were sent it.
   */
  async withdrawRevived(): Promise<number> {
    const revived: { caseRef: string; runId: string }[] = await this.dataSource.query(
      `SELECT s.case_ref AS "caseRef", s.run_id AS "runId" FROM case_statuses s
       JOIN return_cases c ON c.case_ref = s.case_ref AND c.outcome = 'withdrawn'
       WHERE s.run_status = 'RUNNING'
         AND EXISTS (SELECT 1 FROM case_timeline t WHERE t.case_ref = s.case_ref AND t.idempotency_key = $1 || s.case_ref)
         AND NOT EXISTS (SELECT 1 FROM case_timeline t WHERE t.case_ref = s.case_ref
           AND t.idempotency_key = $1 || s.case_ref || '/' || s.run_id)
       LIMIT 50`,
      [WITHDRAWN_WHILE_STOPPED],
    );
    for (const { caseRef, runId } of revived) {
      const updateId = `withdrawal/${WITHDRAWN_WHILE_STOPPED}${runId}`;
      const outcome = await this.workflows.decide(caseRef, 'withdrawal', updateId, { recordedBy: SYSTEM_ACTOR });
      // Not this run any more (stopped again, or the status not yet marked closed): the next pass looks again.
      if (!outcome.accepted && outcome.notRunning) continue;
      await this.caseRecords.addTimelineEvent({
        caseRef,
        kind: 'withdrawal-recorded',
        summary: outcome.accepted
          ? 'The revived return was sent the withdrawal recorded while its workflow was stopped'
          : `The revived return refused the withdrawal recorded while its workflow was stopped: ${outcome.reason}`,
        actor: SYSTEM_ACTOR,
        idempotencyKey: `${WITHDRAWN_WHILE_STOPPED}${caseRef}/${runId}`,
      });
    }
    return revived.length;
  }

  /** The case, its persons and its opening in the timeline; null when the reference is already taken. */
  private async insertCase(
    manager: EntityManager,
    dto: StartReturnDto,
    policy: ReturnPolicy,
    actor: string,
    refusal: string | null,
  ): Promise<ReturnCaseEntity | null> {
    const returnCase = manager.create(ReturnCaseEntity, {
      caseRef: dto.caseRef,
      programmeCode: policy.programmeCode,
      policyVersion: policy.version,
      hostCountry: dto.hostCountry,
      destinationCountry: dto.destination.country,
      destinationCity: dto.destination.city,
      hasValidTravelDocument: dto.hasValidTravelDocument,
      targetGroup: dto.targetGroup,
      vulnerabilities: dto.vulnerabilities ?? [],
      stage: refusal ? 'closed' : null,
      outcome: refusal ? 'ineligible' : null,
      outcomeReason: refusal,
      closedAt: refusal ? new Date() : null,
      workflowId: refusal ? null : returnWorkflowId(dto.caseRef),
      persons: [
        { role: 'returnee', ...dto.returnee },
        ...(dto.dependants ?? []).map((person) => ({ role: 'dependant' as const, ...person })),
      ],
    });
    // insert, not save: save would look for the case first and read it back after.
    const { raw } = await manager
      .createQueryBuilder()
      .insert()
      .into(ReturnCaseEntity)
      .values(returnCase as QueryDeepPartialEntity<ReturnCaseEntity>)
      .orIgnore()
      .returning('case_ref')
      .execute();
    if ((raw as unknown[]).length === 0) return null;
    for (const person of returnCase.persons) person.caseRef = dto.caseRef;
    await manager.insert(CasePersonEntity, returnCase.persons);
    const opened = `Case opened under ${policy.programmeCode} policy v${policy.version}`;
    const closed = refusal && { kind: 'case-closed', summary: `Closed (ineligible): ${refusal}` };
    for (const line of [{ kind: 'case-opened', summary: opened }, ...(closed ? [closed] : [])]) {
      const event = { caseRef: dto.caseRef, actor, ...line };
      const insert = timelineInsert(event, 1);
      await manager.query(insert.sql, insert.parameters);
    }
    return returnCase;
  }
}

function workflowInput(returnCase: ReturnCaseEntity, policy: ReturnPolicy): ReturnWorkflowInput {
  return {
    caseRef: returnCase.caseRef,
    destinationCountry: returnCase.destinationCountry,
    needsTravelDocument: !returnCase.hasValidTravelDocument,
    policy,
  };
}

/** A repeated start must describe the same return; the fields it compares are the ones that define it. */
function assertSameReturn(existing: ReturnCaseEntity, dto: StartReturnDto): void {
  const returnee = existing.persons.find((p) => p.role === 'returnee');
  const pairs: [string, unknown, unknown][] = [
    ['programmeCode', existing.programmeCode, dto.programmeCode],
    ['hostCountry', existing.hostCountry, dto.hostCountry],
    ['destination.country', existing.destinationCountry, dto.destination.country],
    ['destination.city', existing.destinationCity, dto.destination.city],
    ['hasValidTravelDocument', existing.hasValidTravelDocument, dto.hasValidTravelDocument],
    ['targetGroup', existing.targetGroup, dto.targetGroup],
    ['returnee.givenName', returnee?.givenName, dto.returnee.givenName],
    ['returnee.familyName', returnee?.familyName, dto.returnee.familyName],
    ['returnee.dateOfBirth', returnee?.dateOfBirth, dto.returnee.dateOfBirth],
    ['returnee.nationality', returnee?.nationality, dto.returnee.nationality],
    ['dependants', existing.persons.length - 1, dto.dependants?.length ?? 0],
  ];
  const differences = pairs.filter(([, a, b]) => a !== b).map(([field]) => field);
  if (differences.length > 0) throw new CaseReferenceConflictError(existing.caseRef, differences);
}
