// AUTH_SECRET rotation: what was signed or sealed with the old secret is accepted while AUTH_SECRET_PREVIOUS
// names it and refused once it is removed; everything new is made with the new secret; the format is unchanged.
import { createHmac, hkdfSync } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { seal, signToken, unseal, verifyToken } from '@/lib/security/tokens';

const oldSecret = 'the-old-secret-at-least-thirty-two-characters-long';
const newSecret = 'the-new-secret-at-least-thirty-two-characters-long';
const now = new Date('2026-12-01T17:00:00Z');
const inADay = new Date('2026-12-02T17:00:00Z');
const requestId = '6f1c2d3e-4b5a-4c6d-8e7f-901234567890';

/** The app's modules as a server configured with `vars` would load them (env() is read once per process). */
async function configuredWith(vars: { AUTH_SECRET: string; AUTH_SECRET_PREVIOUS?: string }) {
  vi.resetModules();
  vi.stubEnv('AUTH_SECRET', vars.AUTH_SECRET);
  vi.stubEnv('AUTH_SECRET_PREVIOUS', vars.AUTH_SECRET_PREVIOUS ?? '');
  vi.stubEnv('APP_URL', 'https://clinic.example.com');
  return {
    env: await import('@/lib/env'),
    links: await import('@/lib/booking/links'),
    unsubscribe: await import('@/lib/email/unsubscribe'),
    privateLinks: await import('@/lib/email/private-links'),
    auth: await import('@/lib/auth/config'),
  };
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe('tokens during a rotation (pure)', () => {
  it('checks a token against each secret given, and refuses it under a list without its secret', () => {
    const token = signToken(oldSecret, 'manage-booking', requestId, inADay);
    expect(verifyToken([newSecret, oldSecret], 'manage-booking', token, now)).toEqual({ ok: true, subject: requestId, expiresAt: inADay });
    expect(verifyToken([newSecret], 'manage-booking', token, now)).toEqual({ ok: false, code: 'bad_signature' });
    // Still single-purpose and expiring under the previous secret.
    expect(verifyToken([newSecret, oldSecret], 'unsubscribe', token, now)).toEqual({ ok: false, code: 'wrong_purpose' });
    expect(verifyToken([newSecret, oldSecret], 'manage-booking', token, inADay)).toEqual({ ok: false, code: 'expired' });
  });

  it('opens a value sealed under either secret, and nothing sealed under one it was not given', () => {
    const sealed = seal(oldSecret, 'label', { a: 1 });
    expect(unseal([newSecret, oldSecret], 'label', sealed)).toEqual({ a: 1 });
    expect(unseal([newSecret], 'label', sealed)).toBeNull();
    expect(unseal([newSecret, oldSecret], 'other-label', sealed)).toBeNull();
  });

  it('keeps the token format: HMAC-SHA256 under an HKDF key, body.signature in base64url', () => {
    const token = signToken(newSecret, 'unsubscribe', 'a@example.com', inADay);
    const [body, mac] = token.split('.');
    const key = Buffer.from(hkdfSync('sha256', newSecret, 'clinic-consult', 'token', 32));
    expect(mac).toBe(createHmac('sha256', key).update(body!).digest('base64url'));
    expect(JSON.parse(Buffer.from(body!, 'base64url').toString('utf8'))).toEqual({ p: 'unsubscribe', s: 'a@example.com', e: inADay.getTime() / 1000 });
  });
});

describe('the app during a rotation (AUTH_SECRET_PREVIOUS)', () => {
  it('accepts manage and unsubscribe links made with the old secret while it is set, and refuses them once it is unset', async () => {
    const oldManage = signToken(oldSecret, 'manage-booking', requestId, inADay);
    const oldUnsubscribe = signToken(oldSecret, 'unsubscribe', 'a@example.com', inADay);

    const during = await configuredWith({ AUTH_SECRET: newSecret, AUTH_SECRET_PREVIOUS: oldSecret });
    expect(during.env.authSecrets()).toEqual([newSecret, oldSecret]);
    expect(during.links.requestIdFromManageToken(oldManage, now)).toBe(requestId);
    expect(during.unsubscribe.emailFromUnsubscribeToken(oldUnsubscribe, now)).toBe('a@example.com');

    const after = await configuredWith({ AUTH_SECRET: newSecret });
    expect(after.env.authSecrets()).toEqual([newSecret]);
    expect(after.links.requestIdFromManageToken(oldManage, now)).toBeNull();
    expect(after.unsubscribe.emailFromUnsubscribeToken(oldUnsubscribe, now)).toBeNull();
  });

  it('makes new manage and unsubscribe links with the new secret only', async () => {
    const during = await configuredWith({ AUTH_SECRET: newSecret, AUTH_SECRET_PREVIOUS: oldSecret });
    const manage = during.links.manageToken(requestId, now);
    const unsubscribe = during.unsubscribe.unsubscribeUrl('a@example.com', now).split('/').at(-1)!;
    expect(verifyToken(newSecret, 'manage-booking', manage, now).ok).toBe(true);
    expect(verifyToken(oldSecret, 'manage-booking', manage, now)).toEqual({ ok: false, code: 'bad_signature' });
    expect(verifyToken(newSecret, 'unsubscribe', unsubscribe, now).ok).toBe(true);
    expect(verifyToken(oldSecret, 'unsubscribe', unsubscribe, now)).toEqual({ ok: false, code: 'bad_signature' });
  });

  it('opens email links sealed with the old secret while it is set; seals new ones with the new secret', async () => {
    const during = await configuredWith({ AUTH_SECRET: newSecret, AUTH_SECRET_PREVIOUS: oldSecret });
    const { sealPrivateLinks, openPrivateLinks } = during.privateLinks;
    const manageUrl = 'https://clinic.example.com/consult/manage/abc.def';
    const sealedBefore = sealPrivateLinks({ manageUrl }, oldSecret);
    expect(openPrivateLinks(sealedBefore, during.env.authSecrets())?.manageUrl).toBe(manageUrl);
    expect(openPrivateLinks(sealedBefore, [newSecret])).toBeNull();

    const sealedNow = sealPrivateLinks({ manageUrl }, during.env.authSecret());
    expect(openPrivateLinks(sealedNow, newSecret)?.manageUrl).toBe(manageUrl);
    expect(openPrivateLinks(sealedNow, oldSecret)).toBeNull();
  });

  it('gives Auth.js the new secret first: it opens an old session cookie, and makes new ones the old secret cannot open', async () => {
    const { encode, decode } = await import('next-auth/jwt');
    const salt = 'authjs.session-token';
    const during = await configuredWith({ AUTH_SECRET: newSecret, AUTH_SECRET_PREVIOUS: oldSecret });
    const secret = during.auth.baseAuthConfig().secret!;
    expect(secret).toEqual([newSecret, oldSecret]);

    const oldCookie = await encode({ token: { sub: 'staff-1' }, secret: oldSecret, salt });
    expect((await decode({ token: oldCookie, secret, salt }))?.sub).toBe('staff-1');

    const newCookie = await encode({ token: { sub: 'staff-2' }, secret, salt });
    expect((await decode({ token: newCookie, secret: newSecret, salt }))?.sub).toBe('staff-2');
    await expect(decode({ token: newCookie, secret: oldSecret, salt })).rejects.toThrow();

    const after = await configuredWith({ AUTH_SECRET: newSecret });
    expect(after.auth.baseAuthConfig().secret).toEqual([newSecret]);
    await expect(decode({ token: oldCookie, secret: after.auth.baseAuthConfig().secret!, salt })).rejects.toThrow();
  });

  it('refuses a previous secret shorter than 32 characters, naming the variable', async () => {
    const { parseEnv, ConfigError } = await import('@/lib/env');
    expect(() => parseEnv({ AUTH_SECRET: newSecret, AUTH_SECRET_PREVIOUS: 'short' })).toThrow(ConfigError);
    expect(() => parseEnv({ AUTH_SECRET: newSecret, AUTH_SECRET_PREVIOUS: 'short' })).toThrow(/AUTH_SECRET_PREVIOUS: must be at least 32/);
  });
});
