// The sandbox payment provider as a process of its own (docker-compose's `payments` service):
//   PORT (default 4020), HOST (default 0.0.0.0), PAYMENT_API_KEY (required).
import { startPaymentSandbox } from './payment-sandbox';

const apiKey = process.env.PAYMENT_API_KEY;
if (!apiKey) {
  console.error('PAYMENT_API_KEY must be set: the sandbox answers only calls that carry it');
  process.exit(1);
}
void startPaymentSandbox({ port: Number(process.env.PORT ?? 4020), host: process.env.HOST ?? '0.0.0.0', apiKey }).then(
  (provider) => {
    console.log(`Sandbox payment provider listening on port ${process.env.PORT ?? 4020}`);
    const stop = () => void provider.stop().then(() => process.exit(0));
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  },
);
