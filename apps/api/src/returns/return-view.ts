import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  BOOKING_CHANNELS,
  CASE_OUTCOMES,
  TRAVEL_CHECKS,
  RETURN_STAGES,
  TARGET_GROUPS,
  type CaseOutcome,
  type ReturnStage,
  type Waiting,
} from '@avrr/contracts';

export class WaitingView implements Waiting {
  @ApiProperty({ example: 'travel document from the consulate' }) what!: string;
  @ApiPropertyOptional({ example: 'consulate' }) partner?: Waiting['partner'];
  @ApiProperty({ format: 'date-time' }) since!: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'None while the case waits on its own staff' })
  dueAt?: string;
  @ApiProperty() remindersSent!: number;
  @ApiPropertyOptional({ format: 'date-time' }) escalatedAt?: string;
}

export class CounsellingView {
  @ApiProperty() heldOn!: string;
  @ApiProperty({ type: [String] }) topics!: string[];
  @ApiProperty({ description: 'Staff id' }) counsellor!: string;
}

export class PersonView {
  @ApiProperty({ enum: ['returnee', 'dependant'] }) role!: string;
  @ApiProperty() givenName!: string;
  @ApiProperty() familyName!: string;
  @ApiProperty() dateOfBirth!: string;
  @ApiProperty() nationality!: string;
}

export class TravelDocumentView {
  @ApiProperty() documentType!: string;
  @ApiProperty({ example: '*****4567', description: 'All but the last 4 characters masked' }) documentNumber!: string;
  @ApiProperty() expiresOn!: string;
  @ApiProperty() recordedBy!: string;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
}

export class TimelineEntryView {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ example: 'travel-document-requested' }) kind!: string;
  @ApiProperty() summary!: string;
  @ApiProperty({ description: 'A staff id, or "system" for the workflow' }) actor!: string;
}

export class WorkflowView {
  @ApiProperty({ example: 'return-RO-2026-0001' }) workflowId!: string;
  @ApiProperty() runId!: string;
  @ApiProperty({ example: 'RUNNING' }) status!: string;
}

export class TravelCheckView {
  @ApiProperty({ enum: TRAVEL_CHECKS }) check!: string;
  @ApiProperty() doneOn!: string;
  @ApiProperty() note!: string;
  @ApiProperty() recordedBy!: string;
}

export class EscortView {
  @ApiProperty({ enum: ['medical', 'humanitarian'] }) kind!: string;
  @ApiProperty() givenName!: string;
  @ApiProperty() familyName!: string;
}

export class SegmentView {
  @ApiProperty({ example: 'RO201' }) flight!: string;
  @ApiProperty({ example: 'OTP' }) from!: string;
  @ApiProperty({ example: 'IST' }) to!: string;
  @ApiProperty({ format: 'date-time' }) departsAt!: string;
}

export class ItineraryView {
  @ApiProperty() bookingRef!: string;
  @ApiProperty({ enum: BOOKING_CHANNELS }) channel!: string;
  @ApiProperty({ type: [SegmentView] }) segments!: SegmentView[];
  @ApiProperty({ enum: ['booked', 'cancelled'] }) status!: string;
}

export class AccommodationView {
  @ApiProperty() from!: string;
  @ApiProperty() until!: string;
  @ApiProperty({ enum: ['arranged', 'cancelled'] }) status!: string;
}

export class AllowanceView {
  @ApiProperty({ description: 'Given name of the adult who received it' }) givenName!: string;
  @ApiProperty({ example: '100.00' }) amount!: string;
  @ApiProperty({ example: 'USD' }) currency!: string;
  @ApiProperty({ format: 'date-time' }) handedOverAt!: string;
}

export class ReturnView {
  @ApiProperty() caseRef!: string;
  @ApiProperty() programmeCode!: string;
  @ApiProperty() policyVersion!: number;
  @ApiProperty() hostCountry!: string;
  @ApiProperty() destinationCountry!: string;
  @ApiProperty() destinationCity!: string;
  @ApiProperty({ enum: TARGET_GROUPS }) targetGroup!: string;
  @ApiProperty({ type: [String] }) vulnerabilities!: string[];
  @ApiProperty({ enum: RETURN_STAGES }) stage!: ReturnStage | null;
  @ApiPropertyOptional({ enum: CASE_OUTCOMES, nullable: true }) outcome!: CaseOutcome | null;
  @ApiPropertyOptional({ nullable: true }) outcomeReason!: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'YYYY-MM-DD' }) declarationSignedOn!: string | null;
  @ApiProperty({ type: [CounsellingView] }) counselling!: CounsellingView[];
  @ApiPropertyOptional({ format: 'date-time' }) stageSince!: string | null;
  @ApiPropertyOptional({ type: WaitingView, nullable: true }) waitingFor!: WaitingView | null;
  @ApiProperty({
    type: [String],
    example: ['requestTravelDocument: no consulate for BJ in the partner directory (attempt 3)'],
    description: 'What the return is stuck on: steps that keep failing and are being retried',
  })
  blockedBy!: string[];
  @ApiProperty({ type: [PersonView] }) persons!: PersonView[];
  @ApiPropertyOptional({ type: TravelDocumentView, nullable: true }) travelDocument!: TravelDocumentView | null;
  @ApiProperty({ type: [TravelCheckView] }) travelChecks!: TravelCheckView[];
  @ApiPropertyOptional({ type: EscortView, nullable: true }) escort!: EscortView | null;
  @ApiProperty({ type: [ItineraryView], description: 'Every booking, newest first: the first one booked is current' })
  itineraries!: ItineraryView[];
  @ApiPropertyOptional({ type: AccommodationView, nullable: true }) accommodation!: AccommodationView | null;
  @ApiProperty({ type: [AllowanceView] }) allowances!: AllowanceView[];
  @ApiPropertyOptional({ type: WorkflowView, nullable: true }) workflow!: WorkflowView | null;
  @ApiProperty({ type: [TimelineEntryView] }) timeline!: TimelineEntryView[];
}

export function maskDocumentNumber(number: string): string {
  return '*'.repeat(Math.max(0, number.length - 4)) + number.slice(-4);
}
