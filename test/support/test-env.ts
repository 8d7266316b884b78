/** What the global setup started, handed to the test files through the environment. */
export interface TestStack {
  temporalAddress: string;
  /** Temporal UI, served by the dev server. */
  temporalUiUrl: string;
  databaseUrl: string;
  smtpUrl: string;
  mailCatcherUrl: string;
  workflowBundlePath: string;
  jwtSecret: string;
  travelAgencyUrl: string;
  travelAgencyApiKey: string;
  paymentUrl: string;
  paymentApiKey: string;
}

const KEYS: Record<keyof TestStack, string> = {
  temporalAddress: 'TEMPORAL_ADDRESS',
  temporalUiUrl: 'TEMPORAL_UI_URL',
  databaseUrl: 'DATABASE_URL',
  smtpUrl: 'SMTP_URL',
  mailCatcherUrl: 'MAIL_CATCHER_URL',
  workflowBundlePath: 'TEMPORAL_WORKFLOW_BUNDLE',
  jwtSecret: 'AUTH_JWT_SECRET',
  travelAgencyUrl: 'TRAVEL_AGENCY_API_URL',
  travelAgencyApiKey: 'TRAVEL_AGENCY_API_KEY',
  paymentUrl: 'PAYMENT_API_URL',
  paymentApiKey: 'PAYMENT_API_KEY',
};

export function exportTestStack(stack: TestStack): void {
  for (const [field, variable] of Object.entries(KEYS)) process.env[variable] = stack[field as keyof TestStack];
  // Spec files run side by side on two cores: the workflow gets longer than in production to decide a step.
  process.env.STEP_DEADLINE_MS ??= '4000';
  // Test policies remind in seconds, so that a test sees reminders happen.
  process.env.POLICY_SHORTEST_REMINDER ??= 'PT2S';
}

export function testStack(): TestStack {
  const entries = Object.entries(KEYS).map(([field, variable]) => {
    const value = process.env[variable];
    if (!value) throw new Error(`${variable} is not set: run the tests through jest with the global setup`);
    return [field, value];
  });
  return Object.fromEntries(entries) as TestStack;
}

/** The programme and consulates every test may use; tests that need another policy publish their own. */
export const TEST_PROGRAMME = 'TEST-FAST';
export const TEST_CONSULATES = {
  PK: { name: 'Consulate of Pakistan', email: 'consulate.pk@partners.test' },
  NG: { name: 'Consulate of Nigeria', email: 'consulate.ng@partners.test' },
  GE: { name: 'Consulate of Georgia', email: 'consulate.ge@partners.test' },
};

/** The partners who assist on the way in the tests' journeys: Bucharest -> Istanbul -> Lahore / Lagos / Tbilisi. */
export const TEST_JOURNEY_PARTNERS = [
  { kind: 'airport-assistance', place: 'OTP', name: 'Otopeni assistance', email: 'assist.otp@partners.test' },
  { kind: 'airport-assistance', place: 'IST', name: 'Istanbul transit team', email: 'assist.ist@partners.test' },
  { kind: 'airport-assistance', place: 'DOH', name: 'Doha transit team', email: 'assist.doh@partners.test' },
  { kind: 'mission', place: 'PK', name: 'IOM Pakistan', email: 'mission.pk@partners.test' },
  { kind: 'mission', place: 'NG', name: 'IOM Nigeria', email: 'mission.ng@partners.test' },
  { kind: 'accommodation', place: 'RO', name: 'Bucharest transit house', email: 'stay.ro@partners.test' },
  { kind: 'travel-agency', place: 'TEST', name: 'Test travel agency', email: 'bookings@agency.test' },
  { kind: 'travel-agency', place: 'OTHER', name: 'Other travel agency', email: 'bookings@other-agency.test' },
] as const;
