// `npm run fake:twilio`: the fake Twilio API on a fixed port for development. Point the app at it with the
// printed variables; read the texts at /_fake/messages?to=+1…; send a reply as a patient with POST /_fake/reply.
import { randomBytes } from 'node:crypto';
import { startFakeTwilio } from '../tests/support/fake-twilio';
import { closeOnSignal, explainPortInUse, run } from './support/fake-server';

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
  }).catch(explainPortInUse(port, 'FAKE_TWILIO_PORT'));
  console.log(`TWILIO_BASE_URL=${fake.url} TWILIO_ACCOUNT_SID=${fake.accountSid} TWILIO_AUTH_TOKEN=${fake.authToken} TWILIO_FROM_NUMBER=+13105550100`);
  console.log(`[fake-twilio] texts: ${fake.url}/_fake/messages?to=<+1…>`);
  console.log(`[fake-twilio] reply as a patient: curl -X POST ${fake.url}/_fake/reply -d '{"from":"+1…","body":"STOP"}'`);
  closeOnSignal(fake);
}

run(main);
