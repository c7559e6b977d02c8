// The request being filled in, kept sealed in the patient's own browser (an encrypted cookie) until it is
// complete: nothing reaches the database before the whole request is valid, and nothing typed is lost
// between steps, on a reload, or when going back.
import { randomUUID } from 'node:crypto';
import { seal, unseal } from '@/lib/security/tokens';
import { clampAnswer, MULTI_VALUE_FIELDS } from './schema';

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

/** The most answers the draft keeps for one checkbox group (the form offers far fewer). */
export const DRAFT_CHOICES_MAX = 20;

/**
 * Keeps the submitted fields of one step, as typed, over what the draft held. An answer too long to be accepted
 * is kept cut short (still too long: see clampAnswer), so a tampered post cannot grow the sealed cookie.
 */
export function mergeStepValues(draft: Draft, fields: readonly string[], submitted: Record<string, unknown>): Draft {
  const values = { ...draft.values };
  for (const field of fields) {
    // A repeated key is kept only for a checkbox group; for any other field the first value counts (as in schema.ts).
    const v = Array.isArray(submitted[field]) && !isMultiValueField(field) ? (submitted[field] as unknown[])[0] : submitted[field];
    if (Array.isArray(v)) {
      values[field] = v
        .filter((x): x is string => typeof x === 'string')
        .slice(0, DRAFT_CHOICES_MAX)
        .map((x) => clampAnswer(field, x));
    } else if (typeof v === 'string') values[field] = clampAnswer(field, v);
    else delete values[field];
  }
  return { ...draft, values };
}

/** A bot, judging by what a person never does: fill a hidden field, or finish the whole form in seconds. */
export function looksAutomated(draft: Draft, now: Date, minSeconds: number): boolean {
  return Boolean(draft.suspect) || now.getTime() - draft.startedAt < minSeconds * 1000;
}
