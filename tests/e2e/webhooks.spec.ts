import { expect, test } from '@playwright/test';
import { E2E_WEBHOOK_SECRET } from '../support/e2e-server-config';
import { makeWebhookSecret, signWebhook } from '../support/fake-resend';

const event = { type: 'email.delivered', created_at: new Date().toISOString(), data: { email_id: 'not-ours', to: ['a@example.com'] } };

test.describe('the Resend webhook', { tag: '@api' }, () => {
  test('refuses an unsigned call and one signed with another secret', async ({ request }) => {
    const unsigned = await request.post('/api/webhooks/resend', { data: event });
    expect(unsigned.status()).toBe(401);
    expect(await unsigned.json()).toEqual({ error: 'unsigned' });
    const forged = signWebhook(makeWebhookSecret(), event);
    const res = await request.post('/api/webhooks/resend', { data: forged.body, headers: forged.headers });
    expect(res.status()).toBe(401);
    expect(await res.json()).toEqual({ error: 'bad_signature' });
  });

  test('accepts a signed call once and recognises its replay', async ({ request }) => {
    const signed = signWebhook(E2E_WEBHOOK_SECRET, event);
    const first = await request.post('/api/webhooks/resend', { data: signed.body, headers: signed.headers });
    expect(first.status()).toBe(200);
    expect(await first.json()).toEqual({ status: 'ignored' });
    const replay = await request.post('/api/webhooks/resend', { data: signed.body, headers: signed.headers });
    expect(await replay.json()).toEqual({ status: 'replayed' });
  });
});
