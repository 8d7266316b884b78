import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Query,
  Req,
  Res,
  UnauthorizedException,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiNotModifiedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../auth/access.decorators';
import { NoFields } from '../common/no-fields';
import { CurrentUser, type AuthenticatedRequest, type StaffPrincipal } from '../auth/principal';
import { StaffAccess } from '../auth/staff-access';
import { CASE_READERS } from '../auth/roles';
import { ListReturnsQueryDto, ReturnListView } from './dto/list-returns.dto';
import { RecordTravelDocumentDto } from './dto/record-travel-document.dto';
import { CounsellingDto, DeclarationDto } from './dto/steps.dto';
import { StartReturnDto } from './dto/start-return.dto';
import { ReturnView } from './return-view';
import { CaseList } from './case-list';
import { CaseViews, viewTag } from './case-views';
import { ReturnsService } from './returns.service';
import { CaseViewTag } from './case-view-tag.interceptor';
import { RepeatableWrite } from '../steps/repeatable-writes';
import { AuditedRead } from '../audit/audit-trail.interceptor';

/** The longest a case view waits for a change: well inside the idle timeouts of proxies. */
const MAX_WAIT_SECONDS = 25;

/** RFC 7240's `wait` preference, in seconds (0 without one); a preference the server cannot honour is ignored. */
function waitPreference(prefer: string | undefined): number {
  const seconds = /(?:^|[,;\s])wait\s*=\s*(\d+)\s*(?:[,;]|$)/i.exec(prefer ?? '')?.[1];
  return seconds ? Math.min(Number(seconds), MAX_WAIT_SECONDS) : 0;
}

const tagged = (view: ReturnView) => ({ view, tag: viewTag(view) });

@ApiTags('returns')
@Controller('returns')
@UseInterceptors(CaseViewTag)
export class ReturnsController {
  constructor(
    private readonly returns: ReturnsService,
    private readonly views: CaseViews,
    private readonly cases: CaseList,
    private readonly staffAccess: StaffAccess,
  ) {}

  @Post()
  @Roles('case-worker', 'supervisor')
  @RepeatableWrite('recomputed')
  @ApiOperation({ summary: 'Open a case and start its return (repeating the same start returns the same return)' })
  @ApiUnprocessableEntityResponse({
    description:
      "The programme's policy refuses the return (a closed destination, an ineligible target group); the message says why",
  })
  @ApiCreatedResponse({ type: ReturnView, description: 'A new return was started' })
  @ApiOkResponse({ type: ReturnView, description: 'The return with this case reference already exists' })
  @ApiBadRequestResponse({ description: 'A field breaks a rule; the message names it' })
  @ApiConflictResponse({ description: 'The case reference is used by a different return' })
  @ApiServiceUnavailableResponse({
    description:
      'The case is kept but its workflow not yet started: send the same request again (or the sweeper starts it)',
  })
  async start(
    @Body() dto: StartReturnDto,
    @CurrentUser() user: StaffPrincipal,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ReturnView> {
    const { created, view } = await this.returns.start(dto, user);
    res.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    return view;
  }

  @Get()
  @Roles(...CASE_READERS)
  @ApiOperation({
    summary: 'Cases your grant covers, newest first: filter by stage, destination, programme; page by cursor',
  })
  @ApiOkResponse({ type: ReturnListView })
  list(@Query() query: ListReturnsQueryDto, @CurrentUser() user: StaffPrincipal): Promise<ReturnListView> {
    return this.cases.list(query, user);
  }

  @Get(':caseRef')
  @Roles(...CASE_READERS)
  @AuditedRead()
  @ApiOperation({ summary: 'Where a return stands: stage, what it waits for and since when, timeline' })
  @ApiHeader({ name: 'if-none-match', required: false, description: 'The ETag of the view you have' })
  @ApiHeader({
    name: 'prefer',
    required: false,
    description: `wait=N (at most ${MAX_WAIT_SECONDS}): with If-None-Match, answer once the view changes, or after N seconds`,
  })
  @ApiOkResponse({ type: ReturnView, description: 'The view, with its ETag' })
  @ApiNotModifiedResponse({ description: 'The view is still the one If-None-Match names' })
  @ApiNotFoundResponse({ description: 'No return with this case reference' })
  async view(
    @Param('caseRef') caseRef: string,
    @CurrentUser() user: StaffPrincipal,
    @Res({ passthrough: true }) res: Response,
    @Req() req: AuthenticatedRequest,
    @Headers('if-none-match') ifNoneMatch?: string,
    @Headers('prefer') prefer?: string,
  ): Promise<ReturnView | undefined> {
    const seen = ifNoneMatch?.split(',').map((tag) => tag.trim()) ?? [];
    const wait = waitPreference(prefer);
    const waiting = seen.length > 0 && wait > 0;
    const { view, tag } = waiting
      ? await this.views.viewOnceChanged(caseRef, user, seen, wait * 1000)
      : tagged(await this.views.view(caseRef, user));
    // A user disabled, or whose roles or grant changed, while the request waited is not answered the case.
    if (waiting && !(await this.staffAccess.stillAllows(req))) {
      throw new UnauthorizedException('your access was changed or withdrawn: sign in again');
    }
    res.setHeader('ETag', tag);
    if (waiting) res.setHeader('Preference-Applied', `wait=${wait}`);
    // Answered here, not by Express: fetch() adds `Cache-Control: no-cache` to a request with If-None-Match, and
    // Express then never answers 304, though that directive is for caches, not for the origin (RFC 9111).
    if (seen.includes(tag)) {
      res.status(HttpStatus.NOT_MODIFIED);
      return undefined;
    }
    return view;
  }

  @Post(':caseRef/travel-document')
  @Roles('case-worker', 'supervisor')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Record the travel document the consulate issued' })
  @ApiOkResponse({ type: ReturnView })
  @ApiNotFoundResponse({ description: 'No return with this case reference' })
  @ApiConflictResponse({ description: 'The case is not waiting for a travel document; nothing was changed' })
  recordTravelDocument(
    @Param('caseRef') caseRef: string,
    @Body() dto: RecordTravelDocumentDto,
    @CurrentUser() user: StaffPrincipal,
  ): Promise<ReturnView> {
    return this.returns.recordTravelDocument(caseRef, dto, user);
  }

  @Post(':caseRef/counselling')
  @Roles('case-worker', 'supervisor')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Log a counselling session (until the declaration is signed); the counsellor is you' })
  @ApiOkResponse({ type: ReturnView })
  @ApiConflictResponse({ description: 'The case is past counselling; nothing was changed' })
  recordCounselling(
    @Param('caseRef') caseRef: string,
    @Body() dto: CounsellingDto,
    @CurrentUser() user: StaffPrincipal,
  ): Promise<ReturnView> {
    return this.returns.recordCounselling(caseRef, dto, user);
  }

  @Post(':caseRef/declaration')
  @Roles('case-worker', 'supervisor')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Record the signed voluntary-return declaration: partners may be asked from now on' })
  @ApiOkResponse({ type: ReturnView })
  @ApiConflictResponse({ description: 'The case is not waiting for its declaration; nothing was changed' })
  recordDeclaration(
    @Param('caseRef') caseRef: string,
    @Body() dto: DeclarationDto,
    @CurrentUser() user: StaffPrincipal,
  ): Promise<ReturnView> {
    return this.returns.recordDeclaration(caseRef, dto, user);
  }

  @Post(':caseRef/withdrawal')
  @Roles('case-worker', 'supervisor')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'The returnee withdraws: requests are cancelled, partners told, the case closes' })
  @ApiOkResponse({ type: ReturnView })
  @ApiConflictResponse({ description: 'Too late to withdraw, or already withdrawn; nothing was changed' })
  withdraw(
    @Param('caseRef') caseRef: string,
    @NoFields() _: void,
    @CurrentUser() user: StaffPrincipal,
  ): Promise<ReturnView> {
    return this.returns.withdraw(caseRef, user);
  }
}
