import type { Type } from '@nestjs/common';
import type { ReturnActivities } from '@avrr/contracts';
import { AccommodationService } from './accommodation/accommodation.activities';
import { AftercareMailService } from './aftercare/aftercare-mail.activities';
import { PaymentsService } from './payments/payments.activities';
import { BookingService } from './booking/booking.activities';
import { CaseRecordsActivities } from './case-records/case-records.activities';
import { OpsDigestService } from './ops/ops-digest.activities';
import { OpsViewActivities } from './ops/ops-view.activities';
import { PartnerMailService } from './partner-mail/partner-mail.activities';
import { TravelAssistanceService } from './travel-assistance/travel-assistance.activities';

/** Binds the services' methods into the object the worker registers, named as the workflows call them. */
export function createActivities(resolve: <T>(service: Type<T>) => T): ReturnActivities {
  const caseRecords = resolve(CaseRecordsActivities);
  const partnerMail = resolve(PartnerMailService);
  const booking = resolve(BookingService);
  const assistance = resolve(TravelAssistanceService);
  const accommodation = resolve(AccommodationService);
  const aftercare = resolve(AftercareMailService);
  const payments = resolve(PaymentsService);
  const ops = resolve(OpsViewActivities);
  const digests = resolve(OpsDigestService);
  return {
    recordStage: caseRecords.recordStage.bind(caseRecords),
    recordClosure: caseRecords.recordClosure.bind(caseRecords),
    recordWithdrawn: caseRecords.recordWithdrawn.bind(caseRecords),
    travelPlan: caseRecords.travelPlan.bind(caseRecords),
    reintegrationPolicy: caseRecords.reintegrationPolicy.bind(caseRecords),
    recordEvent: caseRecords.recordEvent.bind(caseRecords),
    recordMissedVisit: caseRecords.recordMissedVisit.bind(caseRecords),
    requestTravelDocument: partnerMail.requestTravelDocument.bind(partnerMail),
    remindTravelDocument: partnerMail.remindTravelDocument.bind(partnerMail),
    escalateTravelDocument: partnerMail.escalateTravelDocument.bind(partnerMail),
    tellEscalationSettled: partnerMail.tellEscalationSettled.bind(partnerMail),
    cancelTravelDocumentRequest: partnerMail.cancelTravelDocumentRequest.bind(partnerMail),
    tellHandedOver: partnerMail.tellHandedOver.bind(partnerMail),
    bookFlights: booking.bookFlights.bind(booking),
    remindAgency: booking.remindAgency.bind(booking),
    escalateAgency: booking.escalateAgency.bind(booking),
    cancelBooking: booking.cancelBooking.bind(booking),
    cancelOrder: booking.cancelOrder.bind(booking),
    requestAirportAssistance: assistance.requestAirportAssistance.bind(assistance),
    cancelAirportAssistance: assistance.cancelAirportAssistance.bind(assistance),
    requestOnwardTravel: assistance.requestOnwardTravel.bind(assistance),
    cancelOnwardTravel: assistance.cancelOnwardTravel.bind(assistance),
    remindConfirmation: assistance.remindConfirmation.bind(assistance),
    escalateConfirmation: assistance.escalateConfirmation.bind(assistance),
    requestAccommodation: accommodation.requestAccommodation.bind(accommodation),
    reviseAccommodation: accommodation.reviseAccommodation.bind(accommodation),
    cancelAccommodation: accommodation.cancelAccommodation.bind(accommodation),
    requestPlan: aftercare.requestPlan.bind(aftercare),
    remindPlan: aftercare.remindPlan.bind(aftercare),
    escalatePlan: aftercare.escalatePlan.bind(aftercare),
    requestVisit: aftercare.requestVisit.bind(aftercare),
    remindVisit: aftercare.remindVisit.bind(aftercare),
    escalateVisit: aftercare.escalateVisit.bind(aftercare),
    tellVisitMissed: aftercare.tellVisitMissed.bind(aftercare),
    tellClosed: aftercare.tellClosed.bind(aftercare),
    disburse: payments.disburse.bind(payments),
    expireVoucher: payments.expireVoucher.bind(payments),
    cancelDisbursement: payments.cancelDisbursement.bind(payments),
    partnerName: ops.partnerName.bind(ops),
    sendOpsDigests: digests.sendOpsDigests.bind(digests),
  };
}
