import { CaseRetryEntity } from './case-retry.entity';
import { CaseStatusEntity } from './case-status.entity';
import { CaseStepEntity } from './case-step.entity';
import { DisbursementEntity } from './disbursement.entity';
import { MonitoringVisitEntity } from './monitoring-visit.entity';
import { ReintegrationPlanEntity } from './reintegration-plan.entity';
import { AccommodationEntity } from './accommodation.entity';
import { EscortEntity } from './escort.entity';
import { ItineraryEntity } from './itinerary.entity';
import { ReturnAllowanceEntity } from './return-allowance.entity';
import { TravelCheckEntity } from './travel-check.entity';
import { AuditEntryEntity } from './audit-entry.entity';
import { CasePersonEntity } from './case-person.entity';
import { CounsellingSessionEntity } from './counselling-session.entity';
import { SignInAttemptEntity } from './sign-in-attempt.entity';
import { StaffUserEntity } from './staff-user.entity';
import { PartnerEntity } from './partner.entity';
import { ProgrammeEntity, ProgrammePolicyEntity } from './programme.entity';
import { ReturnCaseEntity } from './return-case.entity';
import { OpsDigestEntity } from './ops-digest.entity';
import { PartnerHandoverEntity } from './partner-handover.entity';
import { SentMailEntity } from './sent-mail.entity';
import { TimelineEventEntity } from './timeline-event.entity';
import { TravelDocumentEntity } from './travel-document.entity';
import { ReportCaseEntity, ReportFactEntity, ReportTallyEntity } from './report.entities';

export * from './accommodation.entity';
export * from './case-retry.entity';
export * from './case-status.entity';
export * from './case-step.entity';
export * from './ops-digest.entity';
export * from './partner-handover.entity';
export * from './disbursement.entity';
export * from './monitoring-visit.entity';
export * from './reintegration-plan.entity';
export * from './escort.entity';
export * from './itinerary.entity';
export * from './return-allowance.entity';
export * from './travel-check.entity';
export * from './audit-entry.entity';
export * from './case-person.entity';
export * from './counselling-session.entity';
export * from './sign-in-attempt.entity';
export * from './staff-user.entity';
export * from './partner.entity';
export * from './programme.entity';
export * from './return-case.entity';
export * from './sent-mail.entity';
export * from './timeline-event.entity';
export * from './travel-document.entity';
export * from './report.entities';

export const ENTITIES = [
  CaseRetryEntity,
  CaseStatusEntity,
  CaseStepEntity,
  DisbursementEntity,
  MonitoringVisitEntity,
  ReintegrationPlanEntity,
  AccommodationEntity,
  EscortEntity,
  ItineraryEntity,
  ReturnAllowanceEntity,
  TravelCheckEntity,
  AuditEntryEntity,
  CasePersonEntity,
  CounsellingSessionEntity,
  SignInAttemptEntity,
  StaffUserEntity,
  PartnerEntity,
  ProgrammeEntity,
  ProgrammePolicyEntity,
  ReturnCaseEntity,
  SentMailEntity,
  OpsDigestEntity,
  PartnerHandoverEntity,
  TimelineEventEntity,
  TravelDocumentEntity,
  ReportCaseEntity,
  ReportFactEntity,
  ReportTallyEntity,
];
