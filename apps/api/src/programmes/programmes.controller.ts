import { Body, Controller, Get, Inject, Param, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { apiConfig, type ApiConfig } from '@avrr/config';
import { durationToMs } from '@avrr/contracts';
import { ProgrammePolicies } from '@avrr/persistence';
import { Roles } from '../auth/access.decorators';
import { CurrentUser, type StaffPrincipal } from '../auth/principal';
import { assertGrantForAll, covers } from '../auth/programme-scope';
import { ROLES } from '../auth/roles';
import { WholeNumberParam } from '../common/whole-number-param';
import { ConflictError, InvalidFieldError, NotFoundError } from '../errors/domain-errors';
import {
  CreateProgrammeDto,
  ProgrammeVersionView,
  ProgrammeSummaryView,
  ProgrammeView,
  ReviseProgrammeDto,
  type PolicyDto,
} from './dto/policy.dto';
import { RepeatableWrite } from '../steps/repeatable-writes';

/** Programmes and their policy. A revision is a new version; running cases keep the version they pinned. */
@ApiTags('programmes')
@Controller('programmes')
export class ProgrammesController {
  constructor(
    private readonly policies: ProgrammePolicies,
    @Inject(apiConfig.KEY) private readonly config: ApiConfig,
  ) {}

  @Get()
  @Roles(...ROLES)
  @ApiOperation({ summary: 'The programmes your grant covers, with their current policy version' })
  @ApiOkResponse({ type: [ProgrammeSummaryView] })
  async list(@CurrentUser() user: StaffPrincipal): Promise<ProgrammeSummaryView[]> {
    return (await this.policies.list()).filter((programme) => covers(user, programme.code));
  }

  @Get(':code')
  @Roles(...ROLES)
  @ApiOkResponse({ type: ProgrammeView })
  async get(@Param('code') code: string, @CurrentUser() user: StaffPrincipal): Promise<ProgrammeView> {
    // A programme outside the grant answers as a missing one does.
    const programme = covers(user, code) ? await this.policies.programme(code) : null;
    if (!programme) throw new NotFoundError(`no programme ${code}`);
    const versions = await this.policies.versions(code);
    const current = versions[versions.length - 1];
    return {
      code,
      name: programme.name,
      currentVersion: current.version,
      policy: current.policy,
      versions: versions.map(({ version, createdAt }) => ({ version, createdAt })),
    };
  }

  @Get(':code/versions/:version')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'One version of the policy, as the cases that pinned it run under it' })
  @ApiOkResponse({ type: ProgrammeVersionView })
  async version(
    @Param('code') code: string,
    @WholeNumberParam('version', 1, 1_000_000) version: number,
    @CurrentUser() user: StaffPrincipal,
  ): Promise<ProgrammeVersionView> {
    // A programme outside the grant answers as a missing one does.
    if (!covers(user, code)) throw new NotFoundError(`programme ${code} has no policy version ${version}`);
    return this.versionView(code, version);
  }

  @Post()
  @Roles('administrator')
  @RepeatableWrite()
  @ApiOperation({ summary: 'Create a programme with its first policy version' })
  @ApiCreatedResponse({ type: ProgrammeVersionView })
  @ApiConflictResponse({ description: 'A programme with this code exists' })
  async create(@Body() dto: CreateProgrammeDto, @CurrentUser() user: StaffPrincipal): Promise<ProgrammeVersionView> {
    assertGrantForAll(user, 'the list of programmes');
    assertConsistent(dto.policy, this.config.shortestReminder);
    const version = await this.policies.publish({ code: dto.code, name: dto.name }, dto.policy, { asFirst: true });
    // Created meanwhile by another request included: one creation, the others told to revise.
    if (version === null) throw new ConflictError(`programme ${dto.code} exists: revise it instead`);
    return this.versionView(dto.code, version);
  }

  @Post(':code/revisions')
  @Roles('administrator')
  @RepeatableWrite()
  @ApiOperation({ summary: 'Revise the policy: a new version for cases that start from now on' })
  @ApiCreatedResponse({ type: ProgrammeVersionView })
  async revise(
    @Param('code') code: string,
    @Body() dto: ReviseProgrammeDto,
    @CurrentUser() user: StaffPrincipal,
  ): Promise<ProgrammeVersionView> {
    assertConsistent(dto.policy, this.config.shortestReminder);
    // A programme outside the grant answers as a missing one does.
    const programme = covers(user, code) ? await this.policies.programme(code) : null;
    if (!programme) throw new NotFoundError(`no programme ${code}`);
    return this.publish(code, programme.name, dto.policy);
  }

  private async publish(code: string, name: string, policy: PolicyDto): Promise<ProgrammeVersionView> {
    const version = (await this.policies.publish({ code, name }, policy))!;
    return this.versionView(code, version);
  }

  private async versionView(code: string, version: number): Promise<ProgrammeVersionView> {
    const row = (await this.policies.versions(code)).find((v) => v.version === version);
    if (!row) throw new NotFoundError(`programme ${code} has no policy version ${version}`);
    return { code, version, policy: row.policy, createdAt: row.createdAt };
  }
}

/** Rules between fields, which the DTO's per-field rules cannot say. */
function assertConsistent(policy: PolicyDto, shortestReminder: string): void {
  const steps = {
    travelDocument: policy.travelDocument,
    'travel.agencyAnswer': policy.travel.agencyAnswer,
    'travel.confirmations': policy.travel.confirmations,
    'travel.onwardTravel': policy.travel.onwardTravel,
    'reintegration.plan': policy.reintegration.plan,
    'reintegration.monitoring.visit': policy.reintegration.monitoring.visit,
  };
  for (const [field, { dueAfter, escalateAfter, reminderEvery }] of Object.entries(steps)) {
    if (durationToMs(escalateAfter) <= durationToMs(dueAfter)) {
      throw new InvalidFieldError(`policy.${field}.escalateAfter`, 'must be longer than dueAfter');
    }
    if (durationToMs(reminderEvery) < durationToMs(shortestReminder)) {
      throw new InvalidFieldError(
        `policy.${field}.reminderEvery`,
        `must be at least ${shortestReminder}, the shortest reminder interval this deployment allows`,
      );
    }
  }
  const { monitoring, survey } = policy.reintegration;
  const offsets = monitoring.offsets.map(durationToMs);
  if (offsets.some((offset, i) => i > 0 && offset <= offsets[i - 1])) {
    throw new InvalidFieldError('policy.reintegration.monitoring.offsets', 'must be in increasing order');
  }
  if (durationToMs(monitoring.missedAfter) <= durationToMs(monitoring.visit.dueAfter)) {
    throw new InvalidFieldError('policy.reintegration.monitoring.missedAfter', 'must be longer than visit.dueAfter');
  }
  const ids = survey.questions.map((q) => q.id);
  survey.questions.forEach((q, i) => {
    if (ids.indexOf(q.id) !== i)
      throw new InvalidFieldError(`policy.reintegration.survey.questions[${i}].id`, 'must be unique');
    if (q.max <= q.min)
      throw new InvalidFieldError(`policy.reintegration.survey.questions[${i}].max`, 'must be above min');
  });
  const { economic, social, psychosocial } = survey.dimensionWeights;
  if (economic + social + psychosocial <= 0) {
    throw new InvalidFieldError('policy.reintegration.survey.dimensionWeights', 'must not all be zero');
  }
}
