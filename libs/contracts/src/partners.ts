/** The kinds of partner that receive requests, each found by its place (see the partner directory). */
export const PARTNER_KINDS = ['consulate', 'mission', 'airport-assistance', 'travel-agency', 'accommodation'] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];
