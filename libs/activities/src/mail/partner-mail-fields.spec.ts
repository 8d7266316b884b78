import { DEFAULT_REINTEGRATION_POLICY, type Itinerary } from '@avrr/contracts';
import type { EscortEntity, PartnerEntity, ReturnCaseEntity } from '@avrr/persistence';
import * as accommodation from '../accommodation/accommodation-mail';
import * as aftercare from '../aftercare/aftercare-mail';
import * as booking from '../booking/agency-mail';
import * as travelDocument from '../partner-mail/travel-document-mail';
import * as travelAssistance from '../travel-assistance/travel-assistance-mail';
import { PARTNER_MAIL_FIELDS, type MailField, type PartnerMail } from './partner-mail-fields';

/** A case with everything a partner must not see: a victim of trafficking and torture with a medical need. */
const returnCase = {
  caseRef: 'MAIL-TABLE-1',
  destinationCountry: 'PK',
  destinationCity: 'Multan',
  targetGroup: 'victim-of-trafficking',
  vulnerabilities: ['victim-of-trafficking', 'victim-of-torture', 'medical-need'],
  persons: [
    { role: 'returnee', givenName: 'Zainab', familyName: 'Qureshi', dateOfBirth: '1987-03-09', nationality: 'AF' },
  ],
} as unknown as ReturnCaseEntity;
const partner = { name: 'Partner', email: 'partner@example.org', place: 'OTP' } as PartnerEntity;
/** The consulate of the returnee's nationality, the one asked for the travel document. */
const consulate = { ...partner, place: 'AF' } as PartnerEntity;
const itinerary: Itinerary = {
  bookingRef: 'K7XQ2M',
  segments: [{ flight: 'PK708', from: 'IST', to: 'LHE', departsAt: '2027-01-12T06:40:00Z' }],
} as Itinerary;
const at = '2027-01-10T10:00:00Z';
const escort = { kind: 'medical', givenName: 'Elena', familyName: 'Popescu' } as EscortEntity;

/** Every partner e-mail, rendered for that case: the map's type makes a new template name its table entry. */
const RENDERED: Record<PartnerMail, () => { subject: string; text: string }> = {
  travelDocumentRequest: () => travelDocument.travelDocumentRequest(returnCase, consulate, at),
  travelDocumentReminder: () => travelDocument.travelDocumentReminder(returnCase, consulate, 1),
  handedOverNotice: () => travelDocument.handedOverNotice(returnCase.caseRef, partner, 'a travel document'),
  travelDocumentCancellation: () => travelDocument.travelDocumentCancellation(returnCase, partner),
  travelDocumentEscalation: () => travelDocument.travelDocumentEscalation(returnCase, partner, at),
  escalationSettled: () =>
    travelDocument.escalationSettled(returnCase.caseRef, 'travel document from the consulate', at),
  bookingRequest: () =>
    booking.bookingRequest(
      returnCase.caseRef,
      partner,
      returnCase.persons.map((p) => ({ ...p, type: 'adult' as const })),
      itinerary.segments,
    ),
  bookingReminder: () => booking.bookingReminder(returnCase.caseRef, partner, 1),
  bookingEscalation: () => booking.bookingEscalation(returnCase.caseRef, partner, at),
  bookingCancellation: () =>
    booking.bookingCancellation(returnCase.caseRef, partner, 'K7XQ2M', 'rebooked', itinerary.segments),
  accommodationRequest: () => accommodation.accommodationRequest(returnCase, partner, '2027-01-10', '2027-01-12'),
  accommodationRevision: () => accommodation.accommodationRevision(returnCase, partner, '2027-01-10', '2027-01-14'),
  accommodationCancellation: () => accommodation.accommodationCancellation(returnCase, partner),
  airportAssistanceRequest: () =>
    travelAssistance.airportAssistanceRequest(returnCase, partner, 'departure', itinerary, escort),
  airportAssistanceCancellation: () =>
    travelAssistance.airportAssistanceCancellation(returnCase, partner, 'departure', 'withdrawn'),
  onwardTravelRequest: () => travelAssistance.onwardTravelRequest(returnCase, partner, itinerary, escort),
  onwardTravelCancellation: () => travelAssistance.onwardTravelCancellation(returnCase, partner, 'rebooked'),
  confirmationReminder: () =>
    travelAssistance.confirmationReminder(returnCase, partner, 'arrival', 1, itinerary.segments),
  confirmationEscalation: () => travelAssistance.confirmationEscalation(returnCase, partner, 'arrival', at),
  planRequest: () =>
    aftercare.planRequest(returnCase, partner, at, {
      total: '5000.00',
      currency: 'EUR',
      adults: 2,
      children: 1,
      perAdult: '2000.00',
      perChild: '1000.00',
    }),
  planReminder: () => aftercare.planReminder(returnCase, partner, 1),
  planEscalation: () => aftercare.planEscalation(returnCase, partner, at),
  visitRequest: () => aftercare.visitRequest(returnCase, partner, 1, at, DEFAULT_REINTEGRATION_POLICY.survey),
  visitReminder: () => aftercare.visitReminder(returnCase, partner, 1, 1),
  visitEscalation: () => aftercare.visitEscalation(returnCase, partner, 1, at),
  visitMissed: () => aftercare.visitMissed(returnCase, partner, 1, at),
  caseClosed: () => aftercare.caseClosed(returnCase, partner, 'lost-contact', { plan: true, visits: [2] }),
  voucherVoided: () => aftercare.voucherVoided(returnCase, partner, 1, 'V-1234ABCD', 'expired'),
  voucherIssued: () =>
    aftercare.voucherIssued(returnCase, partner, {
      tranche: 1,
      code: 'V-1234ABCD',
      amount: '300.00',
      currency: 'EUR',
      category: 'tools',
      expiresAt: at,
    }),
};

/** How each field shows in an e-mail when it is there. */
const SHOWN_AS: Record<MailField, string[]> = {
  names: ['Zainab', 'QURESHI', 'Qureshi'],
  birthDates: ['1987-03-09'],
  nationality: ['nationality AF'],
  destinationCity: ['Multan'],
  assistanceNeeds: ['medical-need'],
  flights: ['PK708'],
  escort: ['POPESCU, Elena', 'Popescu'],
  passengerTypes: ['adult fare'],
};
const NEVER = ['trafficking', 'torture', 'victim', 'health-needs'];

describe('what each partner e-mail carries', () => {
  it('has a row in the table for every template the partner-mail modules export', () => {
    const exported = [accommodation, aftercare, booking, travelDocument, travelAssistance].flatMap((m) =>
      Object.entries(m)
        .filter(([, value]) => typeof value === 'function')
        .map(([name]) => name),
    );
    expect(exported.sort()).toEqual(Object.keys(PARTNER_MAIL_FIELDS).sort());
  });

  it.each(Object.keys(PARTNER_MAIL_FIELDS) as PartnerMail[])('%s carries what the table says, nothing more', (mail) => {
    const { subject, text } = RENDERED[mail]();
    const content = `${subject}\n${text}`;
    const allowed: readonly MailField[] = PARTNER_MAIL_FIELDS[mail];
    for (const [field, shown] of Object.entries(SHOWN_AS) as [MailField, string[]][]) {
      if (allowed.includes(field))
        expect([mail, field, content]).toEqual([mail, field, expect.stringContaining(shown[0])]);
      else
        for (const value of shown)
          expect([mail, field, content]).not.toEqual([mail, field, expect.stringContaining(value)]);
    }
    for (const value of NEVER) expect(content).not.toContain(value);
  });

  it('asks a consulate about its own nationals only, never a traveller of another nationality', () => {
    const family = {
      ...returnCase,
      persons: [
        ...returnCase.persons,
        { role: 'dependant', givenName: 'Ada', familyName: 'Bello', dateOfBirth: '2012-01-01', nationality: 'GB' },
      ],
    } as unknown as ReturnCaseEntity;
    for (const { text } of [
      travelDocument.travelDocumentRequest(family, consulate, at),
      travelDocument.travelDocumentReminder(family, consulate, 1),
    ]) {
      expect(text).toContain('QURESHI, Zainab');
      expect(text).not.toContain('Bello');
      expect(text).not.toContain('2012-01-01');
    }
  });
});
