// `npx tsx scripts/fake-resend.ts`: the fake Resend API on a fixed port for development. Point the app at it
// with the printed variables; read the inbox at /_fake/messages?to=address.
import { startFakeResend } from '../tests/support/fake-resend';
import { closeOnSignal, explainPortInUse, run } from './support/fake-server';

async function main() {
  const raw = process.env.FAKE_RESEND_PORT ?? '3030';
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`FAKE_RESEND_PORT must be a port number, got "${raw}"`);

  const fake = await startFakeResend({
    port,
    onMessage: (m) => console.log(`[fake-resend] ${m.id} to ${m.to.join(', ')}: ${m.subject}`),
  }).catch(explainPortInUse(port, 'FAKE_RESEND_PORT'));

  console.log(`RESEND_BASE_URL=${fake.url} RESEND_API_KEY=re_fake`);
  console.log(`[fake-resend] inbox: ${fake.url}/_fake/messages?to=<address>`);
  closeOnSignal(fake);
}

run(main);
