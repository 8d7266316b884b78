import { Body, Controller, HttpCode, HttpStatus, Param, Post, UseInterceptors } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Roles } from '../auth/access.decorators';
import { NoFields } from '../common/no-fields';
import { CurrentUser, type StaffPrincipal } from '../auth/principal';
import { WholeNumberParam } from '../common/whole-number-param';
import { AftercareService } from './aftercare.service';
import {
  ClosureDto,
  DisbursementCancellationDto,
  DisbursementDto,
  HandoverDto,
  MonitoringVisitDto,
  PlanDto,
  VoucherCheckDto,
} from './dto/aftercare.dto';
import { ClosedCaseRecords } from './closed-case-records';
import { RepeatableWrite } from '../steps/repeatable-writes';
import { ReturnView } from './return-view';
import { CaseViewTag } from './case-view-tag.interceptor';

/** After arrival: each step answers the case as it stands, or 409 (nothing changed) when its stage refuses it. */
@ApiTags('reintegration and monitoring')
@Controller('returns/:caseRef')
@ApiOkResponse({ type: ReturnView })
@ApiBadRequestResponse({
  description: 'A field breaks a rule (cash, over the budget or ceiling); the message names it',
})
@ApiConflictResponse({ description: 'The case is not at this step; nothing was changed' })
@UseInterceptors(CaseViewTag)
export class AftercareController {
  constructor(
    private readonly aftercare: AftercareService,
    private readonly closedCases: ClosedCaseRecords,
  ) {}

  @Post('reintegration-plan')
  @Roles('case-worker', 'supervisor')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: "Record the mission's reintegration plan, within the programme's ceiling" })
  plan(@Param('caseRef') caseRef: string, @Body() dto: PlanDto, @CurrentUser() user: StaffPrincipal) {
    return this.aftercare.recordPlan(caseRef, dto, user);
  }

  @Post('reintegration-plan/approval')
  @Roles('supervisor')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Approve the plan: its total becomes the budget' })
  approvePlan(@Param('caseRef') caseRef: string, @NoFields() _: void, @CurrentUser() user: StaffPrincipal) {
    return this.aftercare.approvePlan(caseRef, user);
  }

  @Post('disbursements')
  @Roles('case-worker', 'supervisor')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Request a tranche, by voucher or vendor payment (never cash), within the remaining budget',
  })
  disburse(@Param('caseRef') caseRef: string, @Body() dto: DisbursementDto, @CurrentUser() user: StaffPrincipal) {
    return this.aftercare.requestDisbursement(caseRef, dto, user);
  }

  @Post('disbursements/:tranche/approval')
  @Roles('finance-officer')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Approve a tranche for payment: a finance officer other than its requester' })
  @ApiForbiddenResponse({ description: 'You requested this tranche: a second person must approve it' })
  approveDisbursement(
    @Param('caseRef') caseRef: string,
    @WholeNumberParam('tranche', 1, 1000) tranche: number,
    @NoFields() _: void,
    @CurrentUser() user: StaffPrincipal,
  ) {
    return this.aftercare.approveDisbursement(caseRef, tranche, user);
  }

  @Post('disbursements/:tranche/cancellation')
  @Roles('finance-officer', 'case-worker', 'supervisor')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      'Cancel a tranche not yet approved (finance declines it, or staff withdraw it): its amount is back in the budget',
  })
  cancelDisbursement(
    @Param('caseRef') caseRef: string,
    @WholeNumberParam('tranche', 1, 1000) tranche: number,
    @Body() dto: DisbursementCancellationDto,
    @CurrentUser() user: StaffPrincipal,
  ) {
    return this.aftercare.cancelDisbursement(caseRef, tranche, dto, user);
  }

  @Post('disbursements/:tranche/handover')
  @Roles('case-worker', 'supervisor')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Close a paid tranche with its handover certificate (voucher) or invoice (vendor payment)' })
  handover(
    @Param('caseRef') caseRef: string,
    @WholeNumberParam('tranche', 1, 1000) tranche: number,
    @Body() dto: HandoverDto,
    @CurrentUser() user: StaffPrincipal,
  ) {
    return this.aftercare.recordHandover(caseRef, tranche, dto, user);
  }

  @Post('disbursements/:tranche/voucher-check')
  @Roles('finance-officer')
  @RepeatableWrite('recomputed')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      'Record what the payment provider says of a voucher it refused to void at closure (awaiting=voucher-check)',
  })
  voucherCheck(
    @Param('caseRef') caseRef: string,
    @WholeNumberParam('tranche', 1, 1000) tranche: number,
    @Body() dto: VoucherCheckDto,
    @CurrentUser() user: StaffPrincipal,
  ) {
    return this.closedCases.voucherCheck(caseRef, tranche, dto, user);
  }

  @Post('monitoring-visits')
  @Roles('monitor', 'case-worker', 'supervisor')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: "Record a follow-up visit's sustainability survey; the scores are computed and kept" })
  visit(@Param('caseRef') caseRef: string, @Body() dto: MonitoringVisitDto, @CurrentUser() user: StaffPrincipal) {
    return this.aftercare.recordVisit(caseRef, dto, user);
  }

  @Post('closure')
  @Roles('supervisor')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Close the case: completed after the last follow-up, or earlier with its outcome' })
  close(@Param('caseRef') caseRef: string, @Body() dto: ClosureDto, @CurrentUser() user: StaffPrincipal) {
    return this.aftercare.close(caseRef, dto, user);
  }
}
