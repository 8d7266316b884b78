import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager, type FindOptionsWhere } from 'typeorm';
import { returnWorkflowId, type ReturnPolicy, type ReturnWorkflowInput } from '@avrr/contracts';
import {
  CaseRecords,
  ProgrammePolicies,
  ReturnCaseEntity,
  TravelDocumentEntity,
  type CasePersonEntity,
} from '@avrr/persistence';
import { assertCovers } from '../auth/programme-scope';
import type { StaffPrincipal } from '../auth/principal';
import {
  CaseNotFoundError,
  CaseReferenceConflictError,
  InvalidFieldError,
  StepNotAllowedError,
} from '../errors/domain-errors';
import type { ListReturnsQueryDto, ReturnListView } from './dto/list-returns.dto';
import type { RecordTravelDocumentDto } from './dto/record-travel-document.dto';
import type { StartReturnDto } from './dto/start-return.dto';
import { maskDocumentNumber, type ReturnView } from './return-view';
import { ReturnWorkflows } from './return-workflows';

const UNIQUE_VIOLATION = '23505';

@Injectable()
export class ReturnsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly caseRecords: CaseRecords,
    private readonly policies: ProgrammePolicies,
    private readonly workflows: ReturnWorkflows,
  ) {}

  /**
   * Opens the case and starts its return. The rows are written in a transaction that commits only once
   * Temporal has the workflow, so a failed start leaves nothing behind. A repeated start with the same case
   * reference and the same data finds the existing return.
   */
  async start(dto: StartReturnDto, user: StaffPrincipal): Promise<{ created: boolean; view: ReturnView }> {
    assertCovers(user, dto.programmeCode);
    const actor = user.id;
    try {
      const created = await this.dataSource.transaction(async (manager) => {
        const existing = await this.caseRecords.findCase(dto.caseRef, manager);
        if (existing) {
          assertSameReturn(existing, dto);
          await this.workflows.start(await this.workflowInput(existing));
          return false;
        }
        const policy = await this.policies.current(dto.programmeCode);
        if (!policy) throw new InvalidFieldError('programmeCode', `names no programme: "${dto.programmeCode}"`);
        const returnCase = await this.insertCase(manager, dto, policy, actor);
        await this.workflows.start(workflowInput(returnCase, policy));
        return true;
      });
      return { created, view: await this.view(dto.caseRef, user) };
    } catch (error) {
      // Two identical starts at once: the loser finds the winner's case.
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) return this.start(dto, user);
      throw error;
    }
  }

  /** Cases the user's grant covers, newest first, filtered by stage, destination and programme. */
  async list(query: ListReturnsQueryDto, user: StaffPrincipal): Promise<ReturnListView> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const where: FindOptionsWhere<ReturnCaseEntity> = {
      ...(query.stage && { stage: query.stage }),
      ...(query.destination && { destinationCountry: query.destination }),
    };
    const asked = query.programme ? [query.programme] : null;
    const programmes =
      user.programmes && asked ? asked.filter((c) => user.programmes!.includes(c)) : (asked ?? user.programmes);
    if (programmes) where.programmeCode = In(programmes);
    const [rows, total] = await this.dataSource.manager.findAndCount(ReturnCaseEntity, {
      where,
      order: { createdAt: 'DESC', caseRef: 'ASC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    return {
      items: rows.map((c) => ({
        caseRef: c.caseRef,
        programmeCode: c.programmeCode,
        policyVersion: c.policyVersion,
        destinationCountry: c.destinationCountry,
        stage: c.stage,
        openedAt: c.createdAt,
        updatedAt: c.updatedAt,
      })),
      total,
      page,
      pageSize,
    };
  }

  async view(caseRef: string, user: StaffPrincipal): Promise<ReturnView> {
    const returnCase = await this.caseRecords.findCase(caseRef);
    if (!returnCase) throw new CaseNotFoundError(caseRef);
    assertCovers(user, returnCase.programmeCode);
    const [{ status, execution }, timeline, document] = await Promise.all([
      this.workflows.status(caseRef),
      this.caseRecords.timeline(caseRef),
      this.dataSource.manager.findOneBy(TravelDocumentEntity, { caseRef }),
    ]);
    return {
      caseRef,
      programmeCode: returnCase.programmeCode,
      policyVersion: returnCase.policyVersion,
      hostCountry: returnCase.hostCountry,
      destinationCountry: returnCase.destinationCountry,
      destinationCity: returnCase.destinationCity,
      stage: status?.stage ?? returnCase.stage,
      stageSince: status?.stageSince ?? null,
      waitingFor: status?.waitingFor ?? null,
      persons: returnCase.persons.map(({ role, givenName, familyName, dateOfBirth, nationality }) => ({
        role,
        givenName,
        familyName,
        dateOfBirth,
        nationality,
      })),
      travelDocument: document && {
        documentType: document.documentType,
        documentNumber: maskDocumentNumber(document.documentNumber),
        expiresOn: document.expiresOn,
        recordedBy: document.recordedBy,
        recordedAt: document.recordedAt.toISOString(),
      },
      workflow: execution && {
        workflowId: execution.workflowId,
        runId: execution.runId,
        status: execution.status.name,
      },
      timeline: timeline.map((event) => ({
        at: event.occurredAt.toISOString(),
        kind: event.kind,
        summary: event.summary,
        actor: event.actor,
      })),
    };
  }

  /**
   * Records the document the consulate issued and tells the return. The row is committed only if the
   * workflow accepts the step, so a refused step changes nothing.
   */
  async recordTravelDocument(caseRef: string, dto: RecordTravelDocumentDto, user: StaffPrincipal): Promise<ReturnView> {
    const returnCase = await this.caseRecords.findCase(caseRef);
    if (!returnCase) throw new CaseNotFoundError(caseRef);
    assertCovers(user, returnCase.programmeCode);
    const actor = user.id;
    await this.dataSource.transaction(async (manager) => {
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(TravelDocumentEntity)
        .values({ caseRef, ...dto, recordedBy: actor })
        .orIgnore()
        .returning('case_ref')
        .execute();
      if (inserted.raw.length === 0)
        throw new StepNotAllowedError(`a travel document is already recorded for case ${caseRef}`);
      await this.caseRecords.addTimelineEvent(
        {
          caseRef,
          kind: 'travel-document-recorded',
          summary: `${dto.documentType} ${maskDocumentNumber(dto.documentNumber)} recorded, valid until ${dto.expiresOn}`,
          actor,
        },
        manager,
      );
      await this.workflows.travelDocumentIssued(caseRef, actor);
    });
    return this.view(caseRef, user);
  }

  private async insertCase(
    manager: EntityManager,
    dto: StartReturnDto,
    policy: ReturnPolicy,
    actor: string,
  ): Promise<ReturnCaseEntity> {
    const returnCase = manager.create(ReturnCaseEntity, {
      caseRef: dto.caseRef,
      programmeCode: policy.programmeCode,
      policyVersion: policy.version,
      hostCountry: dto.hostCountry,
      destinationCountry: dto.destination.country,
      destinationCity: dto.destination.city,
      hasValidTravelDocument: dto.hasValidTravelDocument,
      stage: null,
      workflowId: returnWorkflowId(dto.caseRef),
      persons: [{ role: 'returnee', ...dto.returnee }],
    });
    await manager.save(returnCase);
    await this.caseRecords.addTimelineEvent(
      {
        caseRef: dto.caseRef,
        kind: 'case-opened',
        summary: `Case opened under ${policy.programmeCode} policy v${policy.version}`,
        actor,
      },
      manager,
    );
    return returnCase;
  }

  private async workflowInput(returnCase: ReturnCaseEntity): Promise<ReturnWorkflowInput> {
    const policy = await this.policies.version(returnCase.programmeCode, returnCase.policyVersion);
    if (!policy) throw new Error(`case ${returnCase.caseRef} pins a policy version that does not exist`);
    return workflowInput(returnCase, policy);
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
  const returnee = existing.persons.find((p) => p.role === 'returnee') as CasePersonEntity;
  const pairs: [string, unknown, unknown][] = [
    ['programmeCode', existing.programmeCode, dto.programmeCode],
    ['hostCountry', existing.hostCountry, dto.hostCountry],
    ['destination.country', existing.destinationCountry, dto.destination.country],
    ['destination.city', existing.destinationCity, dto.destination.city],
    ['hasValidTravelDocument', existing.hasValidTravelDocument, dto.hasValidTravelDocument],
    ['returnee.givenName', returnee.givenName, dto.returnee.givenName],
    ['returnee.familyName', returnee.familyName, dto.returnee.familyName],
    ['returnee.dateOfBirth', returnee.dateOfBirth, dto.returnee.dateOfBirth],
    ['returnee.nationality', returnee.nationality, dto.returnee.nationality],
  ];
  const differences = pairs.filter(([, a, b]) => a !== b).map(([field]) => field);
  if (differences.length > 0) throw new CaseReferenceConflictError(existing.caseRef, differences);
}
