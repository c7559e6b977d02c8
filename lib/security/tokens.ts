// Signed, expiring, single-purpose tokens (patient manage links) and sealed values (the form draft
// cookie). Pure: the secret and `now` are arguments.
// Key rotation: making a token or sealing a value takes one secret (the current AUTH_SECRET); checking and
// opening take the secrets still accepted (current first, then AUTH_SECRET_PREVIOUS), so what was made before
// a rotation keeps working until the previous secret is removed. The tokens' format does not change.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

export type TokenPurpose = 'manage-booking' | 'confirmation' | 'unsubscribe';
type Payload = { p: TokenPurpose; s: string; e: number };

function key(secret: string, label: string, length = 32): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'clinic-consult', label, length));
}

/** A key for one purpose derived from the app's secret (HKDF), e.g. for keyed hashes kept in the database. */
export const deriveKey = (secret: string, label: string): Buffer => key(secret, `derived:${label}`);

const b64 = (b: Buffer) => b.toString('base64url');

/** One secret, or the secrets accepted during a rotation (the current one first). */
export type Secrets = string | readonly string[];
const asList = (secrets: Secrets): readonly string[] => (typeof secrets === 'string' ? [secrets] : secrets);

/** The token's signature under one secret, as it is written in the token. */
const signatureOf = (secret: string, body: string) => b64(createHmac('sha256', key(secret, 'token')).update(body).digest());

/** Whether `given` is the signature of `body` under one of `secrets` (every one is tried: no early exit by key). */
function signedByOneOf(secrets: Secrets, body: string, given: string): boolean {
  const mac = Buffer.from(given);
  let found = false;
  for (const secret of asList(secrets)) {
    const expected = Buffer.from(signatureOf(secret, body));
    if (mac.length === expected.length && timingSafeEqual(mac, expected)) found = true;
  }
  return found;
}

/** A token saying "`subject` may do `purpose` until `expiresAt`". */
export function signToken(secret: string, purpose: TokenPurpose, subject: string, expiresAt: Date): string {
  const body = b64(Buffer.from(JSON.stringify({ p: purpose, s: subject, e: Math.floor(expiresAt.getTime() / 1000) } satisfies Payload)));
  return `${body}.${signatureOf(secret, body)}`;
}

export type VerifyResult = { ok: true; subject: string; expiresAt: Date } | { ok: false; code: 'malformed' | 'bad_signature' | 'wrong_purpose' | 'expired' };

/** Checks a token against the secrets still accepted (a token made under AUTH_SECRET_PREVIOUS passes while it is set). */
export function verifyToken(secrets: Secrets, purpose: TokenPurpose, token: string, now: Date): VerifyResult {
  const [body, mac, extra] = token.split('.');
  if (!body || !mac || extra !== undefined) return { ok: false, code: 'malformed' };
  // Compared as text, not decoded: base64url decoding ignores stray characters and the last character's spare
  // bits, so another spelling of the same signature would otherwise pass as a second valid token.
  if (!signedByOneOf(secrets, body, mac)) return { ok: false, code: 'bad_signature' };
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
export function unseal<T>(secrets: Secrets, label: string, sealed: string): T | null {
  for (const secret of asList(secrets)) {
    const value = unsealWith<T>(secret, label, sealed);
    if (value !== null) return value;
  }
  return null;
}

function unsealWith<T>(secret: string, label: string, sealed: string): T | null {
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
