import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

export type PartnerKindColumn = 'consulate';

/** A partner organisation that receives requests by e-mail, e.g. the consulate of a country of origin. */
@Entity('partners')
@Unique('partners_kind_country', ['kind', 'country'])
export class PartnerEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 30 })
  kind!: PartnerKindColumn;

  /** ISO 3166-1 alpha-2: for a consulate, the country whose documents it issues. */
  @Column({ type: 'char', length: 2 })
  country!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 254 })
  email!: string;
}
