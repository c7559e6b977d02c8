// The fake Resend API, driven through the real SDK: what the app's transport will see from Resend.
import { Resend } from 'resend';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeWebhookSecret, signWebhook, startFakeResend, type FakeResend } from '../support/fake-resend';

/** The SDK reads RESEND_BASE_URL (and RESEND_DEBUG, which would console.error) once, in its constructor. */
function resendAt(baseUrl: string, key = 're_test'): Resend {
  const saved = { base: process.env.RESEND_BASE_URL, debug: process.env.RESEND_DEBUG };
  process.env.RESEND_BASE_URL = baseUrl;
  delete process.env.RESEND_DEBUG;
  try {
    return new Resend(key);
  } finally {
    restoreEnv('RESEND_BASE_URL', saved.base);
    restoreEnv('RESEND_DEBUG', saved.debug);
  }
}

function restoreEnv(name: string, value: string | undefined) {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

const SDK_NETWORK_ERROR = {
  name: 'application_error',
  statusCode: null,
  message: 'Unable to fetch data. The request could not be resolved.',
};

const welcome = {
  from: 'Clinic <hello@clinic.test>',
  to: ['pat@example.com'],
  subject: 'Your consultation request',
  html: '<p>We received your request.</p>',
  text: 'We received your request.',
};

let fake: FakeResend;
let resend: Resend;

beforeAll(async () => {
  fake = await startFakeResend();
  resend = resendAt(fake.url);
});

afterAll(async () => {
  await fake.close();
});

beforeEach(() => {
  fake.reset();
});

describe('fake Resend, through the real SDK', () => {
  it('records a sent message with its html, text, headers, tags and attachment bytes', async () => {
    const pdf = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0xfe, 0x80, 0x0a]);
    const { data, error } = await resend.emails.send(
      {
        ...welcome,
        to: 'Pat Doe <Pat@Example.com>',
        headers: { 'List-Unsubscribe': '<https://clinic.test/unsubscribe?t=abc>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
        attachments: [{ filename: 'appointment.pdf', content: pdf, contentType: 'application/pdf' }],
        tags: [{ name: 'kind', value: 'request_received' }],
      },
      { idempotencyKey: 'request-received/1' },
    );

    expect(error).toBeNull();
    const [message] = fake.messagesTo('pat@example.com');
    expect(message).toMatchObject({
      id: data?.id,
      from: 'Clinic <hello@clinic.test>',
      to: ['Pat Doe <Pat@Example.com>'],
      subject: 'Your consultation request',
      html: '<p>We received your request.</p>',
      text: 'We received your request.',
      headers: { 'List-Unsubscribe': '<https://clinic.test/unsubscribe?t=abc>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
      tags: [{ name: 'kind', value: 'request_received' }],
      idempotencyKey: 'request-received/1',
    });
    expect(message?.receivedAt).toBeInstanceOf(Date);
    expect(message?.attachments).toHaveLength(1);
    expect(message?.attachments[0]).toMatchObject({ filename: 'appointment.pdf', contentType: 'application/pdf' });
    expect(message?.attachments[0]?.content.equals(pdf)).toBe(true);
    expect(fake.messages()).toHaveLength(1);
    expect(fake.messagesTo('someone-else@example.com')).toEqual([]);
  });

  it('answers GET /emails/:id in Resend’s shape, and 404 for an unknown id', async () => {
    const sent = await resend.emails.send(welcome);
    const id = sent.data?.id ?? '';

    const { data, error } = await resend.emails.get(id);
    expect(error).toBeNull();
    expect(data).toMatchObject({
      object: 'email',
      id,
      to: ['pat@example.com'],
      from: welcome.from,
      subject: welcome.subject,
      html: welcome.html,
      text: welcome.text,
      last_event: 'sent',
    });
    expect(new Date(data?.created_at ?? '').getTime()).not.toBeNaN();

    const missing = await resend.emails.get('00000000-0000-4000-8000-000000000000');
    expect(missing.error).toMatchObject({ statusCode: 404, name: 'not_found' });
  });

  it('sends once for the same idempotency key, and refuses the key with a different payload', async () => {
    const first = await resend.emails.send(welcome, { idempotencyKey: 'welcome/42' });
    const second = await resend.emails.send(welcome, { idempotencyKey: 'welcome/42' });

    expect(first.error).toBeNull();
    expect(second.error).toBeNull();
    expect(second.data?.id).toBe(first.data?.id);
    expect(fake.messages()).toHaveLength(1);
    expect(fake.requests).toBe(2);

    const changed = await resend.emails.send({ ...welcome, subject: 'Something else' }, { idempotencyKey: 'welcome/42' });
    expect(changed.data).toBeNull();
    expect(changed.error).toEqual({
      statusCode: 409,
      name: 'invalid_idempotent_request',
      message: 'Same idempotency key used with a different request payload.',
    });
    expect(fake.messages()).toHaveLength(1);
  });

  it.each([500, 503] as const)('returns a %i as an error value twice, without retrying itself, then sends', async (status) => {
    fake.failNext(2, { status });

    const first = await resend.emails.send(welcome, { idempotencyKey: 'retry/1' });
    expect(fake.requests).toBe(1); // the SDK made one request: no retry of its own
    const second = await resend.emails.send(welcome, { idempotencyKey: 'retry/1' });
    const third = await resend.emails.send(welcome, { idempotencyKey: 'retry/1' });

    for (const failed of [first, second]) {
      expect(failed.data).toBeNull();
      expect(failed.error).toEqual({
        statusCode: status,
        name: status === 500 ? 'internal_server_error' : 'application_error',
        message: expect.any(String),
      });
      expect(failed.headers).toMatchObject({ 'content-type': 'application/json; charset=utf-8' });
    }
    expect(third.error).toBeNull();
    expect(fake.messages().map((m) => m.id)).toEqual([third.data?.id]);
    expect(fake.requests).toBe(3);
  });

  it('returns a 429 whose retry-after is only in the response headers, not in the error object', async () => {
    fake.failNext(1, { status: 429, retryAfterSeconds: 7 });
    fake.failNext(1, { status: 429 });

    const limited = await resend.emails.send(welcome);
    expect(limited.data).toBeNull();
    expect(limited.error).toEqual({
      statusCode: 429,
      name: 'rate_limit_exceeded',
      message: expect.stringContaining('Too many requests'),
    });
    expect(Object.keys(limited.error ?? {}).sort()).toEqual(['message', 'name', 'statusCode']);
    expect(limited.headers?.['retry-after']).toBe('7');

    const withoutHint = await resend.emails.send(welcome);
    expect(withoutHint.error?.statusCode).toBe(429);
    expect(withoutHint.headers).not.toHaveProperty('retry-after');
    expect(fake.messages()).toEqual([]);
  });

  it('holds a request open in timeout mode; a caller-side abort returns a network error instead of hanging', async () => {
    fake.failNext(1, { timeout: true });

    const started = Date.now();
    const hung = await resend.emails.send(welcome, { signal: AbortSignal.timeout(300) });

    expect(Date.now() - started).toBeLessThan(5_000);
    // The SDK swallows the abort: no throw, statusCode null, no headers.
    expect(hung).toEqual({ data: null, error: SDK_NETWORK_ERROR, headers: null });
    expect(fake.messages()).toEqual([]);
    expect(fake.requests).toBe(1);

    const next = await resend.emails.send(welcome);
    expect(next.error).toBeNull();
  }, 10_000);

  it('in accepted-timeout mode records the message, so a retry with the same key gets the same id', async () => {
    fake.failNext(1, { timeout: true, accepted: true });

    const lost = await resend.emails.send(welcome, { idempotencyKey: 'lost/1', signal: AbortSignal.timeout(300) });
    expect(lost.error).toEqual(SDK_NETWORK_ERROR);
    const retried = await resend.emails.send(welcome, { idempotencyKey: 'lost/1' });

    expect(retried.error).toBeNull();
    expect(fake.messages().map((m) => m.id)).toEqual([retried.data?.id]);
  }, 10_000);

  it('reports an unreachable server as the same network error', async () => {
    const gone = await startFakeResend();
    const client = resendAt(gone.url);
    await gone.close();

    expect(await client.emails.send(welcome)).toEqual({ data: null, error: SDK_NETWORK_ERROR, headers: null });
  });

  it('answers 401 missing_api_key without a bearer token, and the SDK refuses to start without a key', async () => {
    const viaSdk = await resend.emails.send(welcome, { headers: { Authorization: '' } });
    expect(viaSdk.error).toEqual({ statusCode: 401, name: 'missing_api_key', message: 'Missing API key in the authorization header.' });

    const bare = await fetch(`${fake.url}/emails`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer ' },
      body: JSON.stringify(welcome),
    });
    expect(bare.status).toBe(401);
    expect(await bare.json()).toMatchObject({ statusCode: 401, name: 'missing_api_key' });
    expect(fake.messages()).toEqual([]);
    expect(fake.requests).toBe(2);

    const savedKey = process.env.RESEND_API_KEY;
    delete process.env.RESEND_API_KEY;
    try {
      expect(() => new Resend()).toThrow(/Missing API key/);
    } finally {
      restoreEnv('RESEND_API_KEY', savedKey);
    }
  });

  it('answers 422 missing_required_field when the subject is empty', async () => {
    const { error } = await resend.emails.send({ ...welcome, subject: '' });
    expect(error).toEqual({ statusCode: 422, name: 'missing_required_field', message: 'Missing `subject` field.' });
    expect(fake.messages()).toEqual([]);
  });

  it('refuses, for good, mail to a domain it was told to reject, and sends everyone else’s', async () => {
    const rejecting = await startFakeResend({ rejectDomains: ['Rejected.test'] });
    try {
      const client = resendAt(rejecting.url);
      const { error } = await client.emails.send({ ...welcome, to: ['Pat <pat@rejected.TEST>'] });
      expect(error).toEqual({ statusCode: 422, name: 'validation_error', message: 'Invalid `to` field: pat@rejected.test cannot receive email.' });
      const { error: none } = await client.emails.send({ ...welcome, to: ['pat@not-rejected.test'] });
      expect(none).toBeNull();
      expect(rejecting.messages().map((m) => m.to)).toEqual([['pat@not-rejected.test']]);
    } finally {
      await rejecting.close();
    }
  });

  it('lets a browser test or a developer read the inbox, arrange failures and reset over HTTP', async () => {
    await resend.emails.send({ ...welcome, subject: 'First' });
    await resend.emails.send({
      ...welcome,
      subject: 'Second',
      attachments: [{ filename: 'visit.ics', content: Buffer.from('BEGIN:VCALENDAR') }],
    });
    await resend.emails.send({ ...welcome, to: 'other@example.com', subject: 'Elsewhere' });

    const inbox = (await (await fetch(`${fake.url}/_fake/messages?to=pat@example.com`)).json()) as {
      subject: string;
      attachments: { filename: string; content: string; size: number }[];
    }[];
    expect(inbox.map((m) => m.subject)).toEqual(['Second', 'First']);
    expect(inbox[0]?.attachments).toEqual([expect.objectContaining({ filename: 'visit.ics', size: 15 })]);
    expect(Buffer.from(inbox[0]?.attachments[0]?.content ?? '', 'base64').toString()).toBe('BEGIN:VCALENDAR');

    const arranged = await fetch(`${fake.url}/_fake/fail`, { method: 'POST', body: JSON.stringify({ count: 1, status: 503 }) });
    expect(await arranged.json()).toEqual({ pending: 1 });
    expect((await resend.emails.send(welcome)).error?.statusCode).toBe(503);

    const refused = await fetch(`${fake.url}/_fake/fail`, { method: 'POST', body: JSON.stringify({ count: 1, status: 418 }) });
    expect(refused.status).toBe(422);

    await fetch(`${fake.url}/_fake/reset`, { method: 'POST' });
    expect(fake.messages()).toEqual([]);
    expect(fake.requests).toBe(0);
  });
});

describe('signed webhooks', () => {
  const event = { type: 'email.delivered', created_at: '2026-12-01T17:00:00.000Z', data: { email_id: 'b1946ac9' } };

  function verify(body: string, headers: Record<string, string>, webhookSecret: string) {
    return new Resend('re_x').webhooks.verify({
      payload: body,
      headers: { id: headers['svix-id'] ?? '', timestamp: headers['svix-timestamp'] ?? '', signature: headers['svix-signature'] ?? '' },
      webhookSecret,
    });
  }

  it('signs a webhook that Resend’s own verifier accepts', () => {
    const secret = makeWebhookSecret();
    const { body, headers } = signWebhook(secret, event, { id: 'msg_test_1' });

    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(headers).toMatchObject({ 'svix-id': 'msg_test_1', 'svix-timestamp': expect.stringMatching(/^\d+$/) });
    expect(headers['svix-signature']).toMatch(/^v1,/);
    expect(verify(body, headers, secret)).toEqual(event);
  });

  it('is refused when the body, the secret or the age is wrong', () => {
    const secret = makeWebhookSecret();
    const { body, headers } = signWebhook(secret, event);
    const stale = signWebhook(secret, event, { timestamp: new Date(Date.now() - 10 * 60_000) });

    expect(() => verify(body.replace('delivered', 'bounced'), headers, secret)).toThrow();
    expect(() => verify(body, headers, makeWebhookSecret())).toThrow();
    expect(() => verify(stale.body, stale.headers, secret)).toThrow(/too old/i);
  });
});
