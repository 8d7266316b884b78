import { CasePersonEntity } from './case-person.entity';
import { PartnerEntity } from './partner.entity';
import { ProgrammeEntity, ProgrammePolicyEntity } from './programme.entity';
import { ReturnCaseEntity } from './return-case.entity';
import { SentMailEntity } from './sent-mail.entity';
import { TimelineEventEntity } from './timeline-event.entity';
import { TravelDocumentEntity } from './travel-document.entity';

export {
  CasePersonEntity,
  PartnerEntity,
  ProgrammeEntity,
  ProgrammePolicyEntity,
  ReturnCaseEntity,
  SentMailEntity,
  TimelineEventEntity,
  TravelDocumentEntity,
};
export type { CasePersonRole } from './case-person.entity';
export type { PartnerKindColumn } from './partner.entity';
export type { TravelDocumentType } from './travel-document.entity';

export const ENTITIES = [
  CasePersonEntity,
  PartnerEntity,
  ProgrammeEntity,
  ProgrammePolicyEntity,
  ReturnCaseEntity,
  SentMailEntity,
  TimelineEventEntity,
  TravelDocumentEntity,
];
