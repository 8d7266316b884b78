import { InitialSchema1764000000000 } from './1764000000000-initial-schema';
import { StaffAndAudit1764100000000 } from './1764100000000-staff-and-audit';
import { ProgrammePolicyAndPartnerPlaces1764200000000 } from './1764200000000-programme-policy-and-partner-places';
import { IntakeDeclarationClosure1764300000000 } from './1764300000000-intake-declaration-closure';
import { SentMailRecipients1764400000000 } from './1764400000000-sent-mail-recipients';
import { TravelArrangements1764500000000 } from './1764500000000-travel-arrangements';
import { ReintegrationAndMonitoring1764600000000 } from './1764600000000-reintegration-and-monitoring';

/** Every migration, in order. Listed by hand so the list is the same under ts-node, Jest and a bundle. */
export const MIGRATIONS = [
  InitialSchema1764000000000,
  StaffAndAudit1764100000000,
  ProgrammePolicyAndPartnerPlaces1764200000000,
  IntakeDeclarationClosure1764300000000,
  SentMailRecipients1764400000000,
  TravelArrangements1764500000000,
  ReintegrationAndMonitoring1764600000000,
];
