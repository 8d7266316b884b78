import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { PartnerKind } from '@avrr/contracts';
import { PartnerEntity, PartnerHandoverEntity } from './entities';

@Injectable()
export class PartnerDirectory {
  constructor(private readonly dataSource: DataSource) {}

  find(kind: PartnerKind, place: string): Promise<PartnerEntity | null> {
    return this.dataSource.manager.findOne(PartnerEntity, { where: { kind, place } });
  }

  /** Where a case's step of this kind at `place` was handed over to, if a supervisor handed it over. */
  async handedOverTo(caseRef: string, kind: PartnerKind, place: string): Promise<string | null> {
    const handover = await this.dataSource.manager.findOneBy(PartnerHandoverEntity, {
      caseRef,
      kind,
      fromPlace: place,
    });
    return handover?.toPlace ?? null;
  }

  /** Adds or replaces the partner of a kind for a place. */
  async upsert(partner: Omit<PartnerEntity, 'id'>): Promise<PartnerEntity> {
    await this.dataSource.manager.upsert(PartnerEntity, partner, ['kind', 'place']);
    return (await this.find(partner.kind, partner.place)) as PartnerEntity;
  }
}
