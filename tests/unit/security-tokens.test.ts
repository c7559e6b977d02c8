import { createHmac, hkdfSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { leadStatus, type Lead } from '@/db/schema';
import { newReference, statusAfterRequest } from '@/lib/intake/rules';
import { windowStart } from '@/lib/security/rate-limit';
import { seal, signToken, unseal, verifyToken } from '@/lib/security/tokens';

const secret = 'unit-test-secret-at-least-thirty-two-characters';
const otherSecret = 'another-secret-at-least-thirty-two-characters!!';
const now = new Date('2026-12-01T17:00:00Z');
const inAnHour = new Date('2026-12-01T18:00:00Z');
const requestId = '6f1c2d3e-4b5a-4c6d-8e7f-901234567890';

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** `text` with the character at `i` replaced by one whose 6-bit value differs in its top bit (never a no-op). */
function changeCharacter(text: string, i: number): string {
  const at = BASE64URL.indexOf(text[i]!);
  const replacement = at === -1 ? 'A' : BASE64URL[at ^ 32]!;
  return text.slice(0, i) + replacement + text.slice(i + 1);
}

describe('signed tokens', () => {
  it('gives back the subject and expiry of a token it signed', () => {
    const token = signToken(secret, 'manage-booking', requestId, inAnHour);
    expect(token).toMatch(/^[\w-]+\.[\w-]+$/);
    expect(verifyToken(secret, 'manage-booking', token, now)).toEqual({ ok: true, subject: requestId, expiresAt: inAnHour });
  });

  it('refuses a token made for another purpose', () => {
    const confirmation = signToken(secret, 'confirmation', requestId, inAnHour);
    expect(verifyToken(secret, 'manage-booking', confirmation, now)).toEqual({ ok: false, code: 'wrong_purpose' });
  });

  it('refuses a token signed with another secret', () => {
    const token = signToken(otherSecret, 'manage-booking', requestId, inAnHour);
    expect(verifyToken(secret, 'manage-booking', token, now)).toEqual({ ok: false, code: 'bad_signature' });
  });

  it('accepts a token up to the millisecond before it expires, and refuses it from then on', () => {
    const token = signToken(secret, 'manage-booking', requestId, inAnHour);
    expect(verifyToken(secret, 'manage-booking', token, new Date(inAnHour.getTime() - 1))).toMatchObject({ ok: true });
    expect(verifyToken(secret, 'manage-booking', token, inAnHour)).toEqual({ ok: false, code: 'expired' });
    expect(verifyToken(secret, 'manage-booking', token, new Date(inAnHour.getTime() + 1))).toEqual({ ok: false, code: 'expired' });
  });

  it('never outlives the time asked for: expiry is kept in whole seconds, rounded down', () => {
    const token = signToken(secret, 'manage-booking', requestId, new Date(inAnHour.getTime() + 999));
    expect(verifyToken(secret, 'manage-booking', token, now)).toMatchObject({ ok: true, expiresAt: inAnHour });
    expect(verifyToken(secret, 'manage-booking', token, inAnHour)).toEqual({ ok: false, code: 'expired' });
  });

  it('refuses a token with any one character changed', () => {
    const token = signToken(secret, 'manage-booking', requestId, inAnHour);
    for (let i = 0; i < token.length; i++) {
      expect(verifyToken(secret, 'manage-booking', changeCharacter(token, i), now).ok, `character ${i}`).toBe(false);
    }
  });

  it("refuses one token's claims under another token's signature", () => {
    const mine = signToken(secret, 'manage-booking', requestId, inAnHour);
    const theirs = signToken(secret, 'manage-booking', 'someone-else', inAnHour);
    const forged = `${theirs.split('.')[0]}.${mine.split('.')[1]}`;
    expect(verifyToken(secret, 'manage-booking', forged, now)).toEqual({ ok: false, code: 'bad_signature' });
  });

  it.each([
    ['an empty string', ''],
    ['no signature', 'eyJwIjoibWFuYWdlLWJvb2tpbmcifQ'],
    ['an empty signature', 'eyJwIjoibWFuYWdlLWJvb2tpbmcifQ.'],
    ['three parts', 'a.b.c'],
  ])('calls %s malformed', (_label, token) => {
    expect(verifyToken(secret, 'manage-booking', token, now)).toEqual({ ok: false, code: 'malformed' });
  });

  it('refuses a truncated signature', () => {
    const token = signToken(secret, 'manage-booking', requestId, inAnHour);
    expect(verifyToken(secret, 'manage-booking', token.slice(0, -4), now)).toEqual({ ok: false, code: 'bad_signature' });
  });

  it('accepts one spelling of a signature only: the spare bits of its last character, or a stray character, make it refused', () => {
    const token = signToken(secret, 'manage-booking', requestId, inAnHour);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = token.at(-1)!;
    // A 32-byte signature is 43 characters: the last one carries 4 bits and 2 spare ones.
    const sameBits = [...alphabet].filter((c) => c !== last && alphabet.indexOf(c) >> 2 === alphabet.indexOf(last) >> 2);
    expect(sameBits).toHaveLength(3);
    for (const c of sameBits) {
      const variant = `${token.slice(0, -1)}${c}`;
      expect(Buffer.from(variant.split('.')[1]!, 'base64url')).toEqual(Buffer.from(token.split('.')[1]!, 'base64url'));
      expect(verifyToken(secret, 'manage-booking', variant, now)).toEqual({ ok: false, code: 'bad_signature' });
    }
    expect(verifyToken(secret, 'manage-booking', `${token}=`, now)).toEqual({ ok: false, code: 'bad_signature' });
    expect(verifyToken(secret, 'manage-booking', token, now)).toMatchObject({ ok: true });
  });

  it('calls a correctly signed body that is not JSON malformed rather than failing', () => {
    // Signed the way the module signs, to reach the parse step.
    const body = Buffer.from('not json').toString('base64url');
    const key = Buffer.from(hkdfSync('sha256', secret, 'clinic-consult', 'token', 32));
    const mac = createHmac('sha256', key).update(body).digest('base64url');
    expect(verifyToken(secret, 'manage-booking', `${body}.${mac}`, now)).toEqual({ ok: false, code: 'malformed' });
  });
});

describe('sealed values', () => {
  const draft = { step: 'pain', answers: { painArea: 'lower_back', treatmentsTried: ['medication'] }, note: 'Ça fait mal — 痛い' };

  it('opens what it sealed', () => {
    expect(unseal(secret, 'consult-draft', seal(secret, 'consult-draft', draft))).toEqual(draft);
    expect(unseal(secret, 'x', seal(secret, 'x', 7))).toBe(7);
    expect(unseal(secret, 'x', seal(secret, 'x', ''))).toBe('');
  });

  it('seals the same value differently each time, and never readably', () => {
    const a = seal(secret, 'consult-draft', draft);
    const b = seal(secret, 'consult-draft', draft);
    expect(a).not.toBe(b);
    expect(Buffer.from(a, 'base64url').toString('utf8')).not.toContain('lower_back');
  });

  it('refuses a value sealed under another label or secret', () => {
    const sealed = seal(secret, 'consult-draft', draft);
    expect(unseal(secret, 'other-cookie', sealed)).toBeNull();
    expect(unseal(otherSecret, 'consult-draft', sealed)).toBeNull();
  });

  it('refuses a sealed value with any one character changed', () => {
    const sealed = seal(secret, 'consult-draft', draft);
    for (let i = 0; i < sealed.length; i++) {
      expect(unseal(secret, 'consult-draft', changeCharacter(sealed, i)), `character ${i}`).toBeNull();
    }
  });

  it.each([
    ['an empty string', ''],
    ['plain text', 'not a sealed value'],
    ['too short to hold a nonce and tag', Buffer.alloc(28, 1).toString('base64url')],
    ['random bytes', Buffer.from(Array.from({ length: 64 }, (_, i) => (i * 37) % 256)).toString('base64url')],
    ['a truncated seal', 'x'.repeat(10)],
  ])('refuses %s', (_label, garbage) => {
    expect(unseal(secret, 'consult-draft', garbage)).toBeNull();
  });
});

describe('windowStart', () => {
  it.each([
    ['2026-12-01T17:00:00.000Z', 3_600, '2026-12-01T17:00:00.000Z'],
    ['2026-12-01T17:59:59.999Z', 3_600, '2026-12-01T17:00:00.000Z'],
    ['2026-12-01T18:00:00.000Z', 3_600, '2026-12-01T18:00:00.000Z'],
    ['2026-12-01T17:25:40.000Z', 900, '2026-12-01T17:15:00.000Z'],
    ['2026-12-01T17:25:40.000Z', 60, '2026-12-01T17:25:00.000Z'],
    ['2026-12-01T17:25:40.000Z', 86_400, '2026-12-01T00:00:00.000Z'],
  ])('puts %s in the %i-second window starting %s', (at, seconds, start) => {
    expect(windowStart(new Date(at), seconds).toISOString()).toBe(start);
  });

  it('gives every instance of one window the same start, so they count together', () => {
    const starts = new Set(
      Array.from({ length: 60 }, (_, minute) => windowStart(new Date(Date.UTC(2026, 11, 1, 17, minute, 30)), 3_600).getTime()),
    );
    expect(starts.size).toBe(1);
  });
});

describe('newReference', () => {
  const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

  it('is "CR-" and six characters read from the injected random numbers', () => {
    expect(newReference(() => 0)).toBe('CR-222222');
    expect(newReference((max) => max - 1)).toBe('CR-ZZZZZZ');
    const digits = [0, 8, 9, 21, 30, 1];
    expect(newReference(() => digits.shift()!)).toBe('CR-2ABQZ3');
  });

  it('draws each character from a 31-letter alphabet without 0, O, 1, I or L', () => {
    const seen: number[] = [];
    newReference((max) => {
      seen.push(max);
      return 0;
    });
    expect(seen).toEqual([31, 31, 31, 31, 31, 31]);
    let i = 0;
    const everyLetter = Array.from({ length: 6 }, () => newReference(() => i++ % 31).slice(3)).join('');
    expect(new Set(everyLetter)).toEqual(new Set(ALPHABET));
    expect(ALPHABET).not.toMatch(/[01OIL]/);
  });

  it('draws from the crypto random source by default', () => {
    const references = Array.from({ length: 200 }, () => newReference());
    for (const reference of references) expect(reference).toMatch(/^CR-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{6}$/);
    expect(new Set(references).size).toBe(200);
  });
});

describe('statusAfterRequest', () => {
  type Status = Lead['status'];
  const table: [current: Status, booked: Status, notBooked: Status][] = [
    ['new', 'scheduled', 'new'],
    ['contacted', 'scheduled', 'contacted'],
    ['scheduled', 'scheduled', 'scheduled'],
    ['consulted', 'consulted', 'consulted'],
    ['became_patient', 'became_patient', 'became_patient'],
    ['not_a_fit', 'scheduled', 'new'],
    ['no_response', 'scheduled', 'new'],
  ];

  it('covers every lead status', () => {
    expect(table.map(([status]) => status)).toEqual(leadStatus.enumValues);
  });

  it.each(table)('moves a %s lead to %s when they book, and to %s when they ask for a call', (current, booked, notBooked) => {
    expect(statusAfterRequest(current, true)).toBe(booked);
    expect(statusAfterRequest(current, false)).toBe(notBooked);
  });
});
