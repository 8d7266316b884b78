import { Injectable } from '@nestjs/common';
import type { OpsActivities, PartnerKind } from '@avrr/contracts';
import { PartnerDirectory } from '@avrr/persistence';

/** What the ops view reads: a partner's name (an organisation's, never a person's) for Temporal UI's details. */
@Injectable()
export class OpsViewActivities implements OpsActivities {
  constructor(private readonly partners: PartnerDirectory) {}

  async partnerName(kind: PartnerKind, place: string): Promise<string | null> {
    return (await this.partners.find(kind, place))?.name ?? null;
  }
}
