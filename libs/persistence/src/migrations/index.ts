import { InitialSchema1764000000000 } from './1764000000000-initial-schema';
import { StaffAndAudit1764100000000 } from './1764100000000-staff-and-audit';
import { ProgrammePolicyAndPartnerPlaces1764200000000 } from './1764200000000-programme-policy-and-partner-places';
import { IntakeDeclarationClosure1764300000000 } from './1764300000000-intake-declaration-closure';
import { SentMailRecipients1764400000000 } from './1764400000000-sent-mail-recipients';
import { TravelArrangements1764500000000 } from './1764500000000-travel-arrangements';
import { ReintegrationAndMonitoring1764600000000 } from './1764600000000-reintegration-and-monitoring';
import { CaseStepLedger1765000000000 } from './1765000000000-case-step-ledger';
import { OpsDigests1765200000000 } from './1765200000000-ops-digests';
import { PartnerHandovers1765200000001 } from './1765200000001-partner-handovers';
import { ReportingProjection1765600000000 } from './1765600000000-reporting-projection';
import { IdentityProviderActorIds1765100000000 } from './1765100000000-identity-provider-actor-ids';
import { StaffAccessVersionAndSignInAttempts1765110000000 } from './1765110000000-staff-access-version-and-sign-in-attempts';
import { CaseListIndexes1765400000000 } from './1765400000000-case-list-indexes';
import { CaseStatuses1765714000000 } from './1765714000000-case-statuses';
import { CaseRetries1765714000001 } from './1765714000001-case-retries';
import { ImportedCaseCountries1765800000000 } from './1765800000000-imported-case-countries';
import { CaseChangeNotifications1765900000000 } from './1765900000000-case-change-notifications';
import { CaseViewNotifications1766000000000 } from './1766000000000-case-view-notifications';
import { ReportTallyReads1766100000000 } from './1766100000000-report-tally-reads';
import { VoucherCodesOutOfTimeline1766200000000 } from './1766200000000-voucher-codes-out-of-timeline';
import { RepeatableWrites1766300000000 } from './1766300000000-repeatable-writes';
import { TrancheCancellations1766400000000 } from './1766400000000-tranche-cancellations';
import { KeptAnswers1766500000000 } from './1766500000000-kept-answers';
import { AuditTargets1766600000000 } from './1766600000000-audit-targets';

/** Every migration, in order. Listed by hand so the list is the same under ts-node, Jest and a bundle. */
export const MIGRATIONS = [
  InitialSchema1764000000000,
  StaffAndAudit1764100000000,
  ProgrammePolicyAndPartnerPlaces1764200000000,
  IntakeDeclarationClosure1764300000000,
  SentMailRecipients1764400000000,
  TravelArrangements1764500000000,
  ReintegrationAndMonitoring1764600000000,
  CaseStepLedger1765000000000,
  IdentityProviderActorIds1765100000000,
  StaffAccessVersionAndSignInAttempts1765110000000,
  OpsDigests1765200000000,
  PartnerHandovers1765200000001,
  CaseListIndexes1765400000000,
  ReportingProjection1765600000000,
  CaseStatuses1765714000000,
  CaseRetries1765714000001,
  ImportedCaseCountries1765800000000,
  CaseChangeNotifications1765900000000,
  CaseViewNotifications1766000000000,
  ReportTallyReads1766100000000,
  VoucherCodesOutOfTimeline1766200000000,
  RepeatableWrites1766300000000,
  TrancheCancellations1766400000000,
  KeptAnswers1766500000000,
  AuditTargets1766600000000,
];
