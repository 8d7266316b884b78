import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/access.decorators';
import { ChangeStaffUserDto, CreateStaffUserDto, StaffUserView } from './dto/staff.dto';
import { StaffDirectory } from './staff-directory';

@ApiTags('staff')
@Controller('staff')
export class StaffController {
  constructor(private readonly staff: StaffDirectory) {}

  @Get()
  @Roles('administrator', 'auditor')
  @ApiOperation({ summary: 'Staff users, their roles and programme grants' })
  @ApiOkResponse({ type: [StaffUserView] })
  list(): Promise<StaffUserView[]> {
    return this.staff.list();
  }

  @Get(':id')
  @Roles('administrator', 'auditor')
  @ApiOkResponse({ type: StaffUserView })
  get(@Param('id', ParseUUIDPipe) id: string): Promise<StaffUserView> {
    return this.staff.get(id);
  }

  @Post()
  @Roles('administrator')
  @ApiOperation({ summary: 'Add a staff user' })
  @ApiOkResponse({ type: StaffUserView })
  create(@Body() dto: CreateStaffUserDto): Promise<StaffUserView> {
    return this.staff.create(dto);
  }

  @Patch(':id')
  @Roles('administrator')
  @ApiOperation({ summary: 'Change roles, programme grants, password, or disable a user' })
  @ApiOkResponse({ type: StaffUserView })
  change(@Param('id', ParseUUIDPipe) id: string, @Body() dto: ChangeStaffUserDto): Promise<StaffUserView> {
    return this.staff.change(id, dto);
  }
}
