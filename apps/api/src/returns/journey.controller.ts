import { Body, Controller, HttpCode, HttpStatus, Param, Post, UseInterceptors } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/access.decorators';
import { NoFields } from '../common/no-fields';
import { CurrentUser, type StaffPrincipal } from '../auth/principal';
import {
  AccommodationDto,
  FlightsDto,
  ItineraryDto,
  RebookingDto,
  TransitDto,
  TravelCheckDto,
} from './dto/journey.dto';
import { JourneyService } from './journey.service';
import { ReturnView } from './return-view';
import { CaseViewTag } from './case-view-tag.interceptor';

/** Each step answers the case as it stands after it, or 409 (nothing changed) when its stage does not allow it. */
@ApiTags('journey')
@Controller('returns/:caseRef')
@Roles('case-worker', 'supervisor')
@ApiOkResponse({ type: ReturnView })
@ApiBadRequestResponse({ description: 'A field breaks a rule; the message names it' })
@ApiConflictResponse({ description: 'The case is not at this step; nothing was changed' })
@UseInterceptors(CaseViewTag)
export class JourneyController {
  constructor(private readonly journey: JourneyService) {}

  @Post('fit-to-travel')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: "Record the doctor's fit-to-travel confirmation (where a need requires it)" })
  fitToTravel(@Param('caseRef') caseRef: string, @Body() dto: TravelCheckDto, @CurrentUser() user: StaffPrincipal) {
    return this.journey.recordTravelCheck(caseRef, 'fit-to-travel', dto, user);
  }

  @Post('family-tracing')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Record family tracing (before an unaccompanied child may be booked)' })
  familyTracing(@Param('caseRef') caseRef: string, @Body() dto: TravelCheckDto, @CurrentUser() user: StaffPrincipal) {
    return this.journey.recordTravelCheck(caseRef, 'family-tracing', dto, user);
  }

  @Post('flights')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: "Choose the flights (and the escort, where needed): they are booked through the programme's channel",
  })
  flights(@Param('caseRef') caseRef: string, @Body() dto: FlightsDto, @CurrentUser() user: StaffPrincipal) {
    return this.journey.chooseFlights(caseRef, dto, user);
  }

  @Post('itinerary')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Record the itinerary the agency sent back after an e-mailed booking request' })
  itinerary(@Param('caseRef') caseRef: string, @Body() dto: ItineraryDto, @CurrentUser() user: StaffPrincipal) {
    return this.journey.recordItinerary(caseRef, dto, user);
  }

  @Post('accommodation')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Arrange temporary accommodation before departure; arranged again, the new nights replace the first',
  })
  accommodation(@Param('caseRef') caseRef: string, @Body() dto: AccommodationDto, @CurrentUser() user: StaffPrincipal) {
    return this.journey.arrangeAccommodation(caseRef, dto, user);
  }

  @Post('rebooking')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Replace the booked flights (schedule change, missed flight); partners are told' })
  rebooking(@Param('caseRef') caseRef: string, @Body() dto: RebookingDto, @CurrentUser() user: StaffPrincipal) {
    return this.journey.rebook(caseRef, dto, user);
  }

  @Post('departure')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Departure confirmed, return allowance handed to each adult; no withdrawal after it' })
  departure(@Param('caseRef') caseRef: string, @NoFields() _: void, @CurrentUser() user: StaffPrincipal) {
    return this.journey.confirmDeparture(caseRef, user);
  }

  @Post('transit')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: "A transit airport's team confirmed the connection" })
  transit(@Param('caseRef') caseRef: string, @Body() dto: TransitDto, @CurrentUser() user: StaffPrincipal) {
    return this.journey.confirmTransit(caseRef, dto.airport, user);
  }

  @Post('arrival')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'The mission confirmed arrival through immigration and customs' })
  arrival(@Param('caseRef') caseRef: string, @NoFields() _: void, @CurrentUser() user: StaffPrincipal) {
    return this.journey.confirmArrival(caseRef, user);
  }

  @Post('onward-travel')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'The mission confirmed arrival at the final destination' })
  onwardTravel(@Param('caseRef') caseRef: string, @NoFields() _: void, @CurrentUser() user: StaffPrincipal) {
    return this.journey.confirmOnwardTravel(caseRef, user);
  }
}
