// `npm run fake:twilio`: the fake Twilio API on a fixed port for development. Point the app at it with the
// printed variables; read the texts at /_fake/messages?to=+1…; send a reply as a patient with POST /_fake/reply.
import { randomBytes } from 'node:crypto';
import { startFakeTwilio } from '../tests/support/fake-twilio';

async function main() {
  const raw = process.env.FAKE_TWILIO_PORT ?? '3040';
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`FAKE_TWILIO_PORT must be a port number, got "${raw}"`);
  const appUrl = (process.env.APP_URL ?? 'http://localhost:3000').replace(/\/+$/, '');
  const fake = await startFakeTwilio({
    port,
    accountSid: `AC${'0'.repeat(32)}`,
    authToken: process.env.FAKE_TWILIO_AUTH_TOKEN ?? randomBytes(16).toString('hex'),
    inboundUrl: `${appUrl}/api/webhooks/twilio/inbound`,
    autoReport: {},
    onText: (t) => console.log(`[fake-twilio] ${t.sid} to ${t.to}: ${t.body}`),
  }).catch((error: NodeJS.ErrnoException) => {
    throw error.code === 'EADDRINUSE' ? new Error(`Port ${port} is in use: set FAKE_TWILIO_PORT to another port`) : error;
  });
  console.log(`TWILIO_BASE_URL=${fake.url} TWILIO_ACCOUNT_SID=${fake.accountSid} TWILIO_AUTH_TOKEN=${fake.authToken} TWILIO_FROM_NUMBER=+13105550100`);
  console.log(`[fake-twilio] texts: ${fake.url}/_fake/messages?to=<+1…>`);
  console.log(`[fake-twilio] reply as a patient: curl -X POST ${fake.url}/_fake/reply -d '{"from":"+1…","body":"STOP"}'`);
  const shutdown = () => {
    fake.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
