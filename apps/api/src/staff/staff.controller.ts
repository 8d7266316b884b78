import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/access.decorators';
import { CurrentUser, type StaffPrincipal } from '../auth/principal';
import { coversGrant } from '../auth/programme-scope';
import { BeyondGrantError, InvalidFieldError, NotFoundError } from '../errors/domain-errors';
import { ChangeStaffUserDto, CreateStaffUserDto, StaffUserView } from './dto/staff.dto';
import { StaffDirectory } from './staff-directory';
import { RepeatableWrite } from '../steps/repeatable-writes';

@ApiTags('staff')
@Controller('staff')
export class StaffController {
  constructor(private readonly staff: StaffDirectory) {}

  @Get()
  @Roles('administrator', 'auditor')
  @ApiOperation({ summary: 'Staff users, their roles and programme grants' })
  @ApiOkResponse({ type: [StaffUserView] })
  async list(@CurrentUser() user: StaffPrincipal): Promise<StaffUserView[]> {
    return (await this.staff.list()).filter((member) => sharesProgramme(user, member));
  }

  @Get(':id')
  @Roles('administrator', 'auditor')
  @ApiOkResponse({ type: StaffUserView })
  async get(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: StaffPrincipal): Promise<StaffUserView> {
    const member = await this.staff.get(id);
    if (!sharesProgramme(user, member)) throw new NotFoundError(`no staff user ${id}`);
    return member;
  }

  @Post()
  @Roles('administrator')
  @RepeatableWrite()
  @ApiOperation({ summary: 'Add a staff user' })
  @ApiOkResponse({ type: StaffUserView })
  create(@Body() dto: CreateStaffUserDto, @CurrentUser() user: StaffPrincipal): Promise<StaffUserView> {
    assertGrantWithin(user, dto.programmes);
    return this.staff.create(dto);
  }

  @Patch(':id')
  @Roles('administrator')
  @RepeatableWrite()
  @ApiOperation({ summary: 'Change roles, programme grants, password, or disable a user' })
  @ApiOkResponse({ type: StaffUserView })
  async change(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ChangeStaffUserDto,
    @CurrentUser() user: StaffPrincipal,
  ): Promise<StaffUserView> {
    if (Object.values(dto).every((value) => value === undefined)) {
      throw new InvalidFieldError(
        'body',
        'must name at least one change: displayName, roles, programmes, password, active',
      );
    }
    const member = await this.get(id, user);
    if (!coversGrant(user, member.programmes)) {
      throw new BeyondGrantError(`staff user ${id} works on programmes your grant does not cover`);
    }
    if (dto.programmes !== undefined) assertGrantWithin(user, dto.programmes);
    return this.staff.change(id, dto);
  }
}

/**
 * A grant limited to some programmes reads only the staff who work on one of them (a grant for all included);
 * the directory of other programmes is not theirs to read.
 */
function sharesProgramme(reader: StaffPrincipal, member: { programmes: string[] | null }): boolean {
  if (reader.programmes === null || member.programmes === null) return true;
  return member.programmes.some((code) => reader.programmes!.includes(code));
}

/** A limited administrator grants only programmes of their own grant, and never all programmes. */
function assertGrantWithin(user: StaffPrincipal, programmes: string[] | null): void {
  if (coversGrant(user, programmes)) return;
  throw new BeyondGrantError(`programmes must be among those your grant covers (${user.programmes!.join(', ')})`);
}
