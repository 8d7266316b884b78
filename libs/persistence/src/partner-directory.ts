import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PartnerEntity, type PartnerKindColumn } from './entities';

@Injectable()
export class PartnerDirectory {
  constructor(private readonly dataSource: DataSource) {}

  find(kind: PartnerKindColumn, country: string): Promise<PartnerEntity | null> {
    return this.dataSource.manager.findOne(PartnerEntity, { where: { kind, country } });
  }

  /** Adds or replaces the partner of a kind for a country. */
  async upsert(partner: Omit<PartnerEntity, 'id'>): Promise<void> {
    await this.dataSource.manager.upsert(PartnerEntity, partner, ['kind', 'country']);
  }
}
