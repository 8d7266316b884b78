// The sandbox travel agency as a process of its own (docker-compose's `travel-agency` service):
//   PORT (default 4010), HOST (default 0.0.0.0), TRAVEL_AGENCY_API_KEY (required).
import { startTravelAgencySandbox } from './travel-agency-sandbox';

const apiKey = process.env.TRAVEL_AGENCY_API_KEY;
if (!apiKey) {
  console.error('TRAVEL_AGENCY_API_KEY must be set: the sandbox answers only calls that carry it');
  process.exit(1);
}
void startTravelAgencySandbox({
  port: Number(process.env.PORT ?? 4010),
  host: process.env.HOST ?? '0.0.0.0',
  apiKey,
}).then((agency) => {
  console.log(`Sandbox travel agency listening on port ${process.env.PORT ?? 4010}`);
  const stop = () => void agency.stop().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
});
