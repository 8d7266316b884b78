import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { BookingChannel, FlightSegment } from '@avrr/contracts';
import { ReturnCaseEntity } from './return-case.entity';

/** A booking of the case's flights; a rebooking cancels the old one and adds a new one. */
@Entity('itineraries')
@Unique('itineraries_case_ref_booking_ref_key', ['caseRef', 'bookingRef'])
export class ItineraryEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'case_ref', type: 'varchar', length: 40 })
  caseRef!: string;

  @ManyToOne(() => ReturnCaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_ref', foreignKeyConstraintName: 'itineraries_case_ref_fkey' })
  returnCase?: ReturnCaseEntity;

  @Column({ name: 'booking_ref', type: 'varchar', length: 40 })
  bookingRef!: string;

  @Column({ type: 'varchar', length: 20 })
  channel!: BookingChannel;

  @Column({ type: 'jsonb' })
  segments!: FlightSegment[];

  @Column({ type: 'varchar', length: 20 })
  /** `partly-cancelled`: its flights not flown cancelled (a missed connection rebooked), the others flown. */
  status!: 'booked' | 'cancelled' | 'partly-cancelled';

  @CreateDateColumn({ name: 'booked_at', type: 'timestamptz' })
  bookedAt!: Date;

  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true })
  cancelledAt!: Date | null;
}
