import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { mailConfig, paymentConfig, travelConfig, type PaymentConfig, type TravelConfig } from '@avrr/config';
import { CaseRecords, PartnerDirectory, ProgrammePolicies } from '@avrr/persistence';
import { AccommodationService } from './accommodation/accommodation.activities';
import { AftercareMailService } from './aftercare/aftercare-mail.activities';
import { PaymentApi, PaymentsNotConfigured } from './payments/payment-api.adapter';
import { PAYMENTS, type PaymentPort } from './payments/payment.port';
import { PaymentsService } from './payments/payments.activities';
import { AgencyEmailBooking } from './booking/agency-email.adapter';
import { AgencyApiBooking } from './booking/agency-api.adapter';
import { BookingNotConfigured } from './booking/booking-not-configured';
import { BookingService } from './booking/booking.activities';
import { FLIGHT_BOOKING_API, type FlightBookingApi } from './booking/flight-booking.port';
import { CaseRecordsActivities } from './case-records/case-records.activities';
import { Mailer } from './mail/mailer';
import { SentMailLog } from './mail/sent-mail-log';
import { OpsDigestService } from './ops/ops-digest.activities';
import { OpsViewActivities } from './ops/ops-view.activities';
import { PartnerMailService } from './partner-mail/partner-mail.activities';
import { PartnerLookup } from './partner-lookup';
import { TravelAssistanceService } from './travel-assistance/travel-assistance.activities';

/** The activities' services; needs the PersistenceModule's DataSource in the importing application. */
@Module({
  imports: [
    ConfigModule.forFeature(mailConfig),
    ConfigModule.forFeature(travelConfig),
    ConfigModule.forFeature(paymentConfig),
  ],
  providers: [
    CaseRecords,
    PartnerDirectory,
    ProgrammePolicies,
    AgencyEmailBooking,
    AccommodationService,
    AftercareMailService,
    PaymentsService,
    {
      provide: PAYMENTS,
      inject: [paymentConfig.KEY],
      useFactory: (config: PaymentConfig): PaymentPort =>
        config.api ? new PaymentApi(config.api) : new PaymentsNotConfigured(),
    },
    Mailer,
    SentMailLog,
    CaseRecordsActivities,
    PartnerMailService,
    BookingService,
    TravelAssistanceService,
    PartnerLookup,
    OpsViewActivities,
    OpsDigestService,
    {
      provide: FLIGHT_BOOKING_API,
      inject: [travelConfig.KEY],
      useFactory: (config: TravelConfig): FlightBookingApi =>
        config.agencyApi ? new AgencyApiBooking(config.agencyApi) : new BookingNotConfigured(),
    },
  ],
  exports: [
    CaseRecordsActivities,
    PartnerMailService,
    BookingService,
    TravelAssistanceService,
    AccommodationService,
    AftercareMailService,
    PaymentsService,
    OpsViewActivities,
    OpsDigestService,
  ],
})
export class ActivitiesModule {}
