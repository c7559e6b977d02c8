// The outbox worker's context for integration tests: the real Resend SDK pointed at a fake Resend, the real
// renderer, and a demo clinic's brand. Tests override what they need (e.g. how unsubscribe links are made).
import type { Database } from '@/db/client';
import { renderEmail } from '@/lib/email/render';
import { resendTransport } from '@/lib/email/transport';
import type { WorkerContext } from '@/lib/email/worker';
import type { FakeResend } from './fake-resend';

export const TEST_APP_URL = 'http://localhost:3000';

export async function workerContextFor(db: Database, fake: FakeResend, overrides: Partial<WorkerContext> = {}): Promise<WorkerContext> {
  const previous = process.env.RESEND_BASE_URL;
  process.env.RESEND_BASE_URL = fake.url;
  const transport = resendTransport('re_test_key');
  // The SDK reads RESEND_BASE_URL when the client is first made: make it now, then restore the variable.
  await transport.send({ from: 'a@example.com', to: 'warmup@example.com', subject: 'warm up', html: '<p>x</p>', text: 'x' }, 'warmup');
  if (previous === undefined) delete process.env.RESEND_BASE_URL;
  else process.env.RESEND_BASE_URL = previous;
  return {
    db,
    transport,
    from: 'Clinic <appointments@example.com>',
    brand: { clinicName: 'Demo Clinic', clinicPhone: '(310) 555-0142', clinicAddress: '1 Demo St', appUrl: TEST_APP_URL },
    unsubscribeUrl: (email) => `${TEST_APP_URL}/api/unsubscribe/test-${encodeURIComponent(email)}`,
    render: renderEmail,
    sendRatePerSecond: 1000,
    random: () => 0.5,
    ...overrides,
  };
}
