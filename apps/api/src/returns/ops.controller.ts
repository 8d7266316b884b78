import { Body, Controller, HttpCode, HttpStatus, Param, Post, UseInterceptors } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { PartnerKind } from '@avrr/contracts';
import { CaseRecords, PartnerDirectory, PartnerHandoverEntity } from '@avrr/persistence';
import { Roles } from '../auth/access.decorators';
import { CurrentUser, type StaffPrincipal } from '../auth/principal';
import { CaseNotFoundError, InvalidFieldError, StepNotAllowedError } from '../errors/domain-errors';
import { covers } from '../auth/programme-scope';
import { CaseSteps } from '../steps/case-steps';
import type { StepWrites } from '../steps/step-writes';
import { UnstickDto } from './dto/unstick.dto';
import { OpsVisibility } from './ops-visibility';
import { ReturnView } from './return-view';
import { CaseViewTag } from './case-view-tag.interceptor';

@ApiTags('returns')
@Controller('returns/:caseRef')
@UseInterceptors(CaseViewTag)
export class OpsController {
  constructor(
    private readonly steps: CaseSteps,
    private readonly visibility: OpsVisibility,
    private readonly partners: PartnerDirectory,
    private readonly caseRecords: CaseRecords,
  ) {}

  /** The reason stays in PostgreSQL's timeline; the workflow receives only the action, the date or the place. */
  @Post('unstick')
  @Roles('supervisor')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Unstick the partner step the return waits on: remind now, extend its due date, or hand it over',
  })
  @ApiOkResponse({ type: ReturnView })
  @ApiConflictResponse({ description: 'The return waits on no partner, or the action does not fit; nothing changed' })
  async unstick(@Param('caseRef') caseRef: string, @Body() dto: UnstickDto, @CurrentUser() user: StaffPrincipal) {
    const { action, until, place, reason } = dto;
    // A field of another action is a mistake to say, not to drop: the supervisor meant something else.
    if (until !== undefined && action !== 'extend') throw new InvalidFieldError('until', 'is given only to extend');
    if (place !== undefined && action !== 'reassign') throw new InvalidFieldError('place', 'is given only to reassign');
    if (action !== 'reassign') {
      return this.steps.record(caseRef, user, 'unstick', { action, until }, async () =>
        action === 'extend' ? `Due date extended to ${until}: ${reason}` : `Partner asked again now: ${reason}`,
      );
    }
    // Outside the user's grant the case does not exist (404): nothing of it is read to answer otherwise.
    const returnCase = await this.caseRecords.findCase(caseRef);
    if (!returnCase || !covers(user, returnCase.programmeCode)) throw new CaseNotFoundError(caseRef);
    const [kind, from] = ((await this.visibility.entries([caseRef])).get(caseRef)?.waitingOn ?? '').split(':');
    if (!from) throw new StepNotAllowedError('the return waits on no partner: there is no step to hand over');
    const to = await this.partners.find(kind as PartnerKind, place!);
    if (!to) throw new InvalidFieldError('place', `names no ${kind} in the partner directory: "${place}"`);
    if (kind === 'consulate') {
      // A consulate documents its own nationals; another country's would only receive the travellers' data.
      if (!returnCase.persons.some((person) => person.nationality === place)) {
        throw new InvalidFieldError('place', `must be the country of a traveller's nationality: "${place}" is none`);
      }
    }
    // Taken back if the workflow refuses the handover, like every step's rows.
    const write = async (writes: StepWrites) => {
      await writes.upsert(
        PartnerHandoverEntity,
        { caseRef, kind, fromPlace: from, toPlace: place!, handedOverBy: user.id },
        ['caseRef', 'kind', 'fromPlace'],
      );
      return `Handed over from ${kind} ${from} to ${kind} ${place} (${to.name}): ${reason}`;
    };
    return this.steps.record(caseRef, user, 'unstick', { action, place }, write);
  }
}
