// Signed, expiring, single-purpose tokens (patient manage links) and sealed values (the form draft
// cookie). Pure: the secret and `now` are arguments.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

export type TokenPurpose = 'manage-booking' | 'confirmation' | 'unsubscribe';
type Payload = { p: TokenPurpose; s: string; e: number };

function key(secret: string, label: string, length = 32): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'clinic-consult', label, length));
}

/** A key for one purpose derived from the app's secret (HKDF), e.g. for keyed hashes kept in the database. */
export const deriveKey = (secret: string, label: string): Buffer => key(secret, `derived:${label}`);

const b64 = (b: Buffer) => b.toString('base64url');

/** A token saying "`subject` may do `purpose` until `expiresAt`". */
export function signToken(secret: string, purpose: TokenPurpose, subject: string, expiresAt: Date): string {
  const body = b64(Buffer.from(JSON.stringify({ p: purpose, s: subject, e: Math.floor(expiresAt.getTime() / 1000) } satisfies Payload)));
  const mac = createHmac('sha256', key(secret, 'token')).update(body).digest();
  return `${body}.${b64(mac)}`;
}

export type VerifyResult = { ok: true; subject: string; expiresAt: Date } | { ok: false; code: 'malformed' | 'bad_signature' | 'wrong_purpose' | 'expired' };

export function verifyToken(secret: string, purpose: TokenPurpose, token: string, now: Date): VerifyResult {
  const [body, mac, extra] = token.split('.');
  if (!body || !mac || extra !== undefined) return { ok: false, code: 'malformed' };
  // Compared as text, not decoded: base64url decoding ignores stray characters and the last character's spare
  // bits, so another spelling of the same signature would otherwise pass as a second valid token.
  const expected = Buffer.from(b64(createHmac('sha256', key(secret, 'token')).update(body).digest()));
  const given = Buffer.from(mac);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, code: 'bad_signature' };
  let payload: Payload;
  try {
    payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Payload;
  } catch {
    return { ok: false, code: 'malformed' };
  }
  if (payload.p !== purpose) return { ok: false, code: 'wrong_purpose' };
  if (typeof payload.e !== 'number' || payload.e * 1000 <= now.getTime()) return { ok: false, code: 'expired' };
  return { ok: true, subject: payload.s, expiresAt: new Date(payload.e * 1000) };
}

/** Encrypts and authenticates a JSON value (AES-256-GCM): the browser can hold it but neither read nor change it. */
export function seal(secret: string, label: string, value: unknown): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key(secret, `seal:${label}`), iv);
  const data = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return b64(Buffer.concat([iv, cipher.getAuthTag(), data]));
}

/** The sealed value, or null if it was tampered with, sealed under another label or secret, or is garbage. */
export function unseal<T>(secret: string, label: string, sealed: string): T | null {
  try {
    const raw = Buffer.from(sealed, 'base64url');
    if (raw.length < 29) return null;
    const decipher = createDecipheriv('aes-256-gcm', key(secret, `seal:${label}`), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    const text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}
