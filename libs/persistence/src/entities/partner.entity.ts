import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { PartnerKind } from '@avrr/contracts';

/**
 * A partner organisation that receives requests by e-mail: one per kind and place. The place is a country
 * (ISO 3166-1 alpha-2) for a consulate of that country or the IOM mission in it, an airport (IATA) for an
 * airport assistance team, and an agency code for a travel agency.
 */
@Entity('partners')
@Unique('partners_kind_place', ['kind', 'place'])
export class PartnerEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 30 })
  kind!: PartnerKind;

  @Column({ type: 'varchar', length: 10 })
  place!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 254 })
  email!: string;
}
