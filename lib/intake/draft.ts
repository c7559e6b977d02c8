// The request being filled in. Nothing reaches the patient record before the whole request is valid, and nothing
// typed is lost between steps, on a reload, or when going back: the answers so far live in a server-side row
// (consult_drafts, lib/intake/draft-store.ts) encrypted with a key only the person's browser holds. The browser
// keeps a random token in a small cookie; the row is found by the token's hash and read with a key derived from
// the token, so the database alone cannot read a half-filled health form (docs/decisions/0013). Pure: the
// token, the app's secret and `now` are arguments.
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes, randomUUID } from 'node:crypto';
import { MULTI_VALUE_FIELDS, storableAnswer } from './schema';

const isMultiValueField = (field: string) => (MULTI_VALUE_FIELDS as readonly string[]).includes(field);

export const DRAFT_COOKIE = 'consult_draft';
export const DRAFT_MAX_AGE_SECONDS = 4 * 3_600;

export type Attribution = {
  sourcePage?: string;
  landingPage?: string;
  referrer?: string;
  utmSource?: string;
  utmMedium?: string;
  utmCampaign?: string;
  utmTerm?: string;
  utmContent?: string;
};

export type Draft = {
  v: 1;
  idempotencyKey: string;
  startedAt: number;
  attribution: Attribution;
  /** Values as typed, by field name (checkbox groups as arrays); only ones within their field's limit. */
  values: Record<string, string | string[]>;
  /** A honeypot was filled in: the request is silently dropped at the end. */
  suspect?: boolean;
  /** The time that was just taken by someone else, to explain why the time step is shown again. */
  takenSlot?: string;
  /**
   * The request this draft became. Kept (without the answers) until the draft expires, so a patient whose answer
   * to "Accept and send" was lost (the connection or the server went) and who reloads a step is shown the
   * confirmation of the request already stored, never the form to fill in again (a second request).
   */
  sent?: { requestId: string; email: string };
};

/** The draft once its request is stored: the answers dropped (the request holds them), the request named. */
export function sentDraft(draft: Draft, sent: { requestId: string; email: string }): Draft {
  return { v: 1, idempotencyKey: draft.idempotencyKey, startedAt: draft.startedAt, attribution: draft.attribution, values: {}, sent };
}

export function newDraft(attribution: Attribution, now: Date): Draft {
  return { v: 1, idempotencyKey: randomUUID(), startedAt: now.getTime(), attribution, values: {} };
}

export const draftExpiresAt = (draft: Pick<Draft, 'startedAt'>): Date => new Date(draft.startedAt + DRAFT_MAX_AGE_SECONDS * 1000);

export const isDraftExpired = (draft: Pick<Draft, 'startedAt'>, now: Date): boolean => now.getTime() >= draftExpiresAt(draft).getTime();

// ---------------------------------------------------------------- the token and the sealed row

/** 256 random bits, base64url (43 characters): the cookie's whole content. */
export const newDraftToken = (): string => randomBytes(32).toString('base64url');

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;
export const isDraftToken = (value: unknown): value is string => typeof value === 'string' && TOKEN_SHAPE.test(value);

/** The row's key: a hash of the token (the token itself is never stored). */
export const draftId = (token: string): string => createHash('sha256').update(`consult-draft:${token}`).digest('base64url');

const AAD = Buffer.from('consult-draft:v1');

/**
 * The row's key: HKDF of the token, salted with the app's secret. Without the browser's token the row cannot
 * be read (nor without the app's secret), and each draft has its own key.
 */
function draftKey(secret: string, token: string): Buffer {
  return Buffer.from(hkdfSync('sha256', token, secret, 'consult-draft:v1', 32));
}

/** The draft encrypted and authenticated (AES-256-GCM) under the token's key: iv (12) | tag (16) | ciphertext. */
export function encryptDraft(secret: string, token: string, draft: Draft): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', draftKey(secret, token), iv);
  cipher.setAAD(AAD);
  const data = Buffer.concat([cipher.update(JSON.stringify(draft), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), data]);
}

/** The draft, or null when the row was altered, belongs to another token or secret, is garbage or has expired. */
export function decryptDraft(secret: string, token: string, sealed: Uint8Array, now: Date): Draft | null {
  let draft: Draft;
  try {
    const raw = Buffer.from(sealed);
    if (raw.length < 29) return null;
    const decipher = createDecipheriv('aes-256-gcm', draftKey(secret, token), raw.subarray(0, 12));
    decipher.setAAD(AAD);
    decipher.setAuthTag(raw.subarray(12, 28));
    draft = JSON.parse(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8')) as Draft;
  } catch {
    return null;
  }
  if (!draft || draft.v !== 1 || typeof draft.startedAt !== 'number' || isDraftExpired(draft, now)) return null;
  return draft;
}

// ---------------------------------------------------------------- what a post changes

/** The most answers the draft keeps for one checkbox group (the form offers far fewer). */
export const DRAFT_CHOICES_MAX = 20;

/**
 * The submitted fields of one step as the person typed them, to check and to show again: one value per field
 * (a repeated key counts only for a checkbox group, as in schema.ts), at most DRAFT_CHOICES_MAX per group,
 * non-strings ignored. Nothing here is cut short: an answer too long is shown as typed, with its error.
 */
export function typedValues(fields: readonly string[], submitted: Record<string, unknown>): Record<string, string | string[]> {
  const typed: Record<string, string | string[]> = {};
  for (const field of fields) {
    const v = Array.isArray(submitted[field]) && !isMultiValueField(field) ? (submitted[field] as unknown[])[0] : submitted[field];
    if (Array.isArray(v)) typed[field] = v.filter((x): x is string => typeof x === 'string').slice(0, DRAFT_CHOICES_MAX);
    else if (typeof v === 'string') typed[field] = v;
  }
  return typed;
}

/**
 * Keeps the typed answers of one step over what the draft held. A field left empty (or unticked) is dropped; an
 * answer longer than its field allows is refused (the draft keeps what it had), so only valid-length values are
 * ever stored, whatever is posted.
 */
export function mergeStepValues(draft: Draft, fields: readonly string[], typed: Record<string, string | string[]>): Draft {
  const values = { ...draft.values };
  for (const field of fields) {
    const v = typed[field];
    if (Array.isArray(v)) {
      values[field] = v.map((x) => storableAnswer(field, x)).filter((x): x is string => x !== null);
    } else if (typeof v === 'string') {
      const kept = storableAnswer(field, v);
      if (kept !== null) values[field] = kept;
    } else delete values[field];
  }
  return { ...draft, values };
}

/** A bot, judging by what a person never does: fill a hidden field, or finish the whole form in seconds. */
export function looksAutomated(draft: Draft, now: Date, minSeconds: number): boolean {
  return Boolean(draft.suspect) || now.getTime() - draft.startedAt < minSeconds * 1000;
}
