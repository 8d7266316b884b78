import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { PartnerKind } from '@avrr/contracts';
import { preparedQuery } from './prepared-query';
import { PartnerEntity } from './entities';

@Injectable()
export class PartnerDirectory {
  constructor(private readonly dataSource: DataSource) {}

  find(kind: PartnerKind, place: string): Promise<PartnerEntity | null> {
    return this.dataSource.manager.findOne(PartnerEntity, { where: { kind, place } });
  }

  /** Handovers followed from a place: a chain longer than this (or a loop) ends where these hops lead. */
  static readonly MAX_HOPS = 4;

  /**
   * The partner a case's step of this kind at `place` goes to, in one round trip: a step a supervisor handed over
   * (perhaps more than once) goes to the partner it was last handed to. Answers that place, and its partner if the
   * directory has one.
   */
  async forCase(
    caseRef: string,
    kind: PartnerKind,
    place: string,
  ): Promise<{ place: string; partner: PartnerEntity | null }> {
    const [row] = await preparedQuery<PartnerEntity & { place: string }>(
      this.dataSource.manager,
      `WITH RECURSIVE hops (place, n) AS (
         SELECT $3::varchar, 0
         UNION ALL
         SELECT h.to_place, hops.n + 1 FROM partner_handovers h
         JOIN hops ON h.case_ref = $1 AND h.kind = $2 AND h.from_place = hops.place
         WHERE hops.n < $4
       ),
       last AS (SELECT place FROM hops ORDER BY n DESC LIMIT 1)
       SELECT last.place, p.id, p.kind, p.name, p.email FROM last
       LEFT JOIN partners p ON p.kind = $2 AND p.place = last.place`,
      [caseRef, kind, place, PartnerDirectory.MAX_HOPS],
    );
    const partner = row.id ? Object.assign(new PartnerEntity(), row) : null;
    return { place: row.place, partner };
  }

  /**
   * Adds or replaces the partner of a kind for a place, and answers what this request wrote (another request writing
   * the same place at the same time answers its own).
   */
  async upsert(partner: Omit<PartnerEntity, 'id'>): Promise<PartnerEntity> {
    const [row] = await preparedQuery<PartnerEntity>(
      this.dataSource.manager,
      `INSERT INTO partners (kind, place, name, email) VALUES ($1, $2, $3, $4)
       ON CONFLICT (kind, place) DO UPDATE SET name = EXCLUDED.name, email = EXCLUDED.email
       RETURNING id, kind, place, name, email`,
      [partner.kind, partner.place, partner.name, partner.email],
    );
    return Object.assign(new PartnerEntity(), row);
  }
}
