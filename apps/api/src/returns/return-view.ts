import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  BOOKING_CHANNELS,
  CASE_OUTCOMES,
  DISBURSEMENT_METHODS,
  PARTNER_KINDS,
  TRAVEL_CHECKS,
  RETURN_STAGES,
  TARGET_GROUPS,
  type CaseOutcome,
  type ReturnStage,
  type Waiting,
} from '@avrr/contracts';

export class WaitingView implements Waiting {
  @ApiProperty({ example: 'travel document from the consulate' }) what!: string;
  @ApiPropertyOptional({ enum: PARTNER_KINDS, example: 'consulate' }) partner?: Waiting['partner'];
  @ApiPropertyOptional({
    example: 'IST',
    description: "Where that partner is, an airport's IATA code for its team; without it, the case's country's",
  })
  place?: string;
  @ApiPropertyOptional({
    format: 'date-time',
    description:
      'Set while the partner is not asked yet: when it will be (a follow-up); no one is waited on until then',
  })
  askedOn?: string;
  @ApiProperty({ type: String, format: 'date-time' }) since!: string;
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
  @ApiProperty({
    example: '*****4567',
    description: 'The last 4 characters, behind a mask that does not tell the length',
  })
  documentNumber!: string;
  @ApiProperty() expiresOn!: string;
  @ApiProperty() recordedBy!: string;
  @ApiProperty({ type: String, format: 'date-time' }) recordedAt!: string;
}

export class TimelineEntryView {
  @ApiProperty({ type: String, format: 'date-time' }) at!: string;
  @ApiProperty({ example: 'travel-document-requested' }) kind!: string;
  @ApiProperty() summary!: string;
  @ApiProperty({ description: 'A staff id, or "system" for the workflow' }) actor!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: "The staff member's display name (a local account's); null for the workflow",
  })
  actorName!: string | null;
}

export class WorkflowView {
  @ApiProperty({ example: 'return-RO-2026-0001' }) workflowId!: string;
  @ApiProperty() runId!: string;
  @ApiProperty({ example: 'RUNNING' }) status!: string;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'Set when the workflow was terminated, failed or timed out in Temporal, with the reason',
  })
  endedAbnormally!: string | null;
}

export class PendingStepView {
  @ApiProperty({ example: 'declaration' }) step!: string;
  @ApiProperty({ type: String, format: 'date-time' }) since!: string;
}

export class TravelCheckView {
  @ApiProperty({ enum: [...TRAVEL_CHECKS, 'restricted'] }) check!: string;
  @ApiProperty() doneOn!: string;
  @ApiProperty() note!: string;
  @ApiProperty() recordedBy!: string;
}

export class EscortView {
  @ApiProperty({ enum: ['medical', 'humanitarian', 'restricted'] }) kind!: string;
  @ApiProperty() givenName!: string;
  @ApiProperty() familyName!: string;
}

export class SegmentView {
  @ApiProperty({ example: 'RO201' }) flight!: string;
  @ApiProperty({ example: 'OTP' }) from!: string;
  @ApiProperty({ example: 'IST' }) to!: string;
  @ApiProperty({ type: String, format: 'date-time' }) departsAt!: string;
}

export class ItineraryView {
  @ApiProperty() bookingRef!: string;
  @ApiProperty({ enum: BOOKING_CHANNELS }) channel!: string;
  @ApiProperty({ type: [SegmentView] }) segments!: SegmentView[];
  @ApiProperty({
    enum: ['booked', 'cancelled', 'partly-cancelled'],
    description: 'partly-cancelled: the flights not flown cancelled after a missed connection, the others flown',
  })
  status!: string;
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
  @ApiProperty({ type: String, format: 'date-time' }) handedOverAt!: string;
}

export class PlanView {
  @ApiProperty({ type: [Object], example: [{ category: 'business-set-up', description: 'Tools', amount: '1500.00' }] })
  items!: { category: string; description: string; amount: string }[];
  @ApiProperty({ example: '1500.00' }) total!: string;
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiProperty() submittedBy!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) approvedBy!: string | null;
}

export class BudgetView {
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiProperty({ example: '1500.00', description: "The approved plan's total" }) approved!: string;
  @ApiProperty({ example: '1000.00', description: 'Tranches not expired or cancelled' }) committed!: string;
  @ApiProperty({ example: '500.00' }) remaining!: string;
}

export class DisbursementView {
  @ApiProperty() tranche!: number;
  @ApiProperty({ enum: DISBURSEMENT_METHODS }) method!: string;
  @ApiProperty({ example: '600.00' }) amount!: string;
  @ApiProperty() currency!: string;
  @ApiProperty({ enum: ['requested', 'approved', 'paid', 'closed', 'expired', 'cancelled'] }) status!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) vendorCategory!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) vendorName!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) invoiceRef!: string | null;
  @ApiProperty() requestedBy!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) approvedBy!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) voucherCode!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) paymentRef!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date-time' }) expiresAt!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) handoverRef!: string | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'Who cancelled it unpaid: a staff id, or "system" (the provider refused it, or the case closed)',
  })
  cancelledBy!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Why it was cancelled unpaid' })
  cancelReason!: string | null;
}

export class VisitView {
  @ApiProperty() followUp!: number;
  @ApiProperty({ enum: ['done', 'missed'] }) status!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) visitedOn!: string | null;
  @ApiPropertyOptional({ nullable: true, example: { economic: 0.6, social: 0.5, psychosocial: 0.7, composite: 0.6 } })
  scores!: Record<string, number> | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) policyVersion!: number | null;
  @ApiPropertyOptional({ type: String, nullable: true }) surveyVersion!: string | null;
  @ApiProperty({ description: 'A staff id, or "system" for a missed visit' }) recordedBy!: string;
}

export class ReintegrationView {
  @ApiPropertyOptional({ type: PlanView, nullable: true }) plan!: PlanView | null;
  @ApiPropertyOptional({ type: BudgetView, nullable: true }) budget!: BudgetView | null;
  @ApiProperty({ type: [DisbursementView] }) disbursements!: DisbursementView[];
  @ApiProperty({ type: [VisitView] }) visits!: VisitView[];
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
  @ApiPropertyOptional({
    enum: CASE_OUTCOMES,
    nullable: true,
    description:
      "Set once the case is closed; a withdrawal's as soon as it is accepted, while what was booked is cancelled",
  })
  outcome!: CaseOutcome | null;
  @ApiPropertyOptional({ type: String, nullable: true }) outcomeReason!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'YYYY-MM-DD' }) declarationSignedOn!: string | null;
  @ApiProperty({ type: [CounsellingView] }) counselling!: CounsellingView[];
  @ApiPropertyOptional({ type: String, format: 'date-time' }) stageSince!: string | null;
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
  @ApiProperty({ type: ReintegrationView }) reintegration!: ReintegrationView;
  @ApiProperty({
    type: [PendingStepView],
    description: 'Steps recorded but not yet decided by the workflow (it was unreachable): settled automatically',
  })
  pendingSteps!: PendingStepView[];
  @ApiPropertyOptional({ type: WorkflowView, nullable: true }) workflow!: WorkflowView | null;
  @ApiProperty({ type: [TimelineEntryView] }) timeline!: TimelineEntryView[];
}

/** A document number's last 4 characters behind a mask of fixed length: the mask does not tell how long it is. */
export function maskDocumentNumber(number: string): string {
  return `*****${number.slice(-4)}`;
}
