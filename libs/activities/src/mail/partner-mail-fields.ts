/** What of a case a partner e-mail may carry besides the case reference, the partner's own name and dates. */
export type MailField =
  | 'names'
  | 'birthDates'
  | 'nationality'
  | 'destinationCity'
  | 'assistanceNeeds'
  | 'flights'
  | 'escort'
  | 'passengerTypes';

/**
 * Each partner e-mail carries only what its task needs: the one table, shown in the README, that every template
 * follows and `partner-mail-fields.spec.ts` checks. No e-mail carries protection needs (trafficking, torture),
 * the target group, health notes or document numbers. Cancellations, escalations and every reminder but the
 * consulate's (which repeats the request) and a confirmation's (which names the flights) identify the request by the
 * case reference alone.
 */
export const PARTNER_MAIL_FIELDS = {
  /** The consulate identifies its nationals to issue a document. */
  travelDocumentRequest: ['names', 'birthDates', 'nationality'],
  travelDocumentReminder: ['names', 'birthDates', 'nationality'],
  travelDocumentCancellation: [],
  travelDocumentEscalation: [],
  /** To supervisors an escalation went to: what was awaited, by the case reference. */
  escalationSettled: [],
  /** To a partner whose step was handed to another: the case reference says which. */
  handedOverNotice: [],
  /** The agency books the names as on the documents, each on its fare (a child's, an infant's). */
  bookingRequest: ['names', 'flights', 'passengerTypes'],
  bookingReminder: [],
  bookingEscalation: [],
  /** A missed connection: the flights of the booking to cancel, the flown ones standing. */
  bookingCancellation: ['flights'],
  /** The accommodation needs its guests' names, not why they travel. */
  accommodationRequest: ['names'],
  accommodationRevision: [],
  accommodationCancellation: [],
  /**
   * Airport teams need who to meet on which flights, what assistance (mobility, medical, a lone child) and who
   * escorts them.
   */
  airportAssistanceRequest: ['names', 'flights', 'assistanceNeeds', 'escort'],
  airportAssistanceCancellation: [],
  /**
   * The mission meets the travellers, and their escort, at the airport and takes them to their city: it assists them
   * as the airport teams do.
   */
  onwardTravelRequest: ['names', 'flights', 'destinationCity', 'assistanceNeeds', 'escort'],
  onwardTravelCancellation: [],
  /** The flights tell a team that assists many which trip it is asked about; names stay in the request. */
  confirmationReminder: ['flights'],
  confirmationEscalation: [],
  /** The mission plans reintegration per person: adults and children have different ceilings. */
  planRequest: ['names', 'birthDates', 'destinationCity'],
  planReminder: [],
  planEscalation: [],
  visitRequest: ['names', 'destinationCity'],
  /** The mission hands the voucher to the returnee: whom, where; the code is the voucher itself. */
  voucherIssued: ['names', 'destinationCity'],
  voucherVoided: [],
  visitReminder: [],
  visitEscalation: [],
  visitMissed: [],
  /** At closure: what it was asked for is no longer expected; the case reference says which. */
  caseClosed: [],
} as const satisfies Record<string, readonly MailField[]>;

export type PartnerMail = keyof typeof PARTNER_MAIL_FIELDS;

interface MailPerson {
  givenName: string;
  familyName: string;
  dateOfBirth?: string;
  nationality?: string;
  /** IATA's passenger type on the first flight. */
  type?: string;
}

/** One line per traveller with what the e-mail may carry of them. */
export function travellerLines(persons: MailPerson[], mail: PartnerMail): string[] {
  const fields: readonly MailField[] = PARTNER_MAIL_FIELDS[mail];
  return persons.map((p) =>
    [
      `- ${p.familyName.toUpperCase()}, ${p.givenName}`,
      ...(fields.includes('birthDates') ? [`born ${p.dateOfBirth}`] : []),
      ...(fields.includes('nationality') ? [`nationality ${p.nationality}`] : []),
      ...(fields.includes('passengerTypes') ? [`${p.type} fare`] : []),
    ].join('; '),
  );
}

interface MailEscort {
  kind: string;
  givenName: string;
  familyName: string;
}

/** The escort travelling with them, when the case has one and the e-mail may name them. */
export function escortLines(escort: MailEscort | null, mail: PartnerMail): string[] {
  const fields: readonly MailField[] = PARTNER_MAIL_FIELDS[mail];
  if (!escort || !fields.includes('escort')) return [];
  return [`Escort on the same flights (${escort.kind}): ${escort.familyName.toUpperCase()}, ${escort.givenName}`];
}
