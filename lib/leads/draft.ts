// The request being filled in, kept sealed in the patient's own browser (an encrypted cookie) until it is
// complete: nothing reaches the database before the whole request is valid, and nothing typed is lost
// between steps, on a reload, or when going back.
import { randomUUID } from 'node:crypto';
import { seal, unseal } from '@/lib/security/tokens';

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
  /** Raw values as typed, by field name (checkbox groups as arrays). */
  values: Record<string, string | string[]>;
  /** A honeypot was filled in: the request is silently dropped at the end. */
  suspect?: boolean;
  /** The time that was just taken by someone else, to explain why the time step is shown again. */
  takenSlot?: string;
};

export function newDraft(attribution: Attribution, now: Date): Draft {
  return { v: 1, idempotencyKey: randomUUID(), startedAt: now.getTime(), attribution, values: {} };
}

export function sealDraft(secret: string, draft: Draft): string {
  return seal(secret, DRAFT_COOKIE, draft);
}

export function unsealDraft(secret: string, sealed: string | undefined, now: Date): Draft | null {
  if (!sealed) return null;
  const draft = unseal<Draft>(secret, DRAFT_COOKIE, sealed);
  if (!draft || draft.v !== 1) return null;
  if (now.getTime() - draft.startedAt > DRAFT_MAX_AGE_SECONDS * 1000) return null;
  return draft;
}

/**
 * The most the draft keeps of one answer, and of one checkbox group. Longer than any answer the form accepts
 * (a 2,000-character message with every line break sent as CRLF), so a real answer is kept whole and a
 * too-long one is still refused as too long; a tampered post of megabytes cannot grow the sealed cookie with it
 * (a cookie that big is dropped by browsers, and the draft with it).
 */
export const DRAFT_VALUE_MAX = 4_001;
export const DRAFT_CHOICES_MAX = 20;

/** Keeps the submitted fields of one step, as typed (within the limits above), over what the draft held. */
export function mergeStepValues(draft: Draft, fields: readonly string[], submitted: Record<string, unknown>): Draft {
  const values = { ...draft.values };
  for (const field of fields) {
    const v = submitted[field];
    if (Array.isArray(v)) {
      values[field] = v
        .filter((x): x is string => typeof x === 'string')
        .slice(0, DRAFT_CHOICES_MAX)
        .map((x) => x.slice(0, DRAFT_VALUE_MAX));
    } else if (typeof v === 'string') values[field] = v.slice(0, DRAFT_VALUE_MAX);
    else delete values[field];
  }
  return { ...draft, values };
}

/** A bot, judging by what a person never does: fill a hidden field, or finish the whole form in seconds. */
export function looksAutomated(draft: Draft, now: Date, minSeconds: number): boolean {
  return Boolean(draft.suspect) || now.getTime() - draft.startedAt < minSeconds * 1000;
}
