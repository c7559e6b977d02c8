// Cookie plumbing for the consultation form: the draft's token (the draft itself is a row encrypted with it,
// lib/intake/draft-store.ts), the sealed confirmation, and the client's IP (hashed) for rate limits. (Where the
// person came from is not a cookie: lib/intake/attribution.ts.) Server-only.
import 'server-only';
import { createHash } from 'node:crypto';
import { cookies, headers } from 'next/headers';
import { getDb } from '@/db/client';
import { DRAFT_COOKIE, DRAFT_MAX_AGE_SECONDS, isDraftToken, newDraftToken, type Draft } from '@/lib/intake/draft';
import { deleteDraft, loadDraft, saveDraft } from '@/lib/intake/draft-store';
import { authSecret, authSecrets, clientIpSource } from '@/lib/env';
import { failureKind } from '@/lib/http/failure';
import { requestLogger } from '@/lib/log';
import { clientIpFrom } from '@/lib/security/client-ip';
import { seal, unseal } from '@/lib/security/tokens';

const CONFIRMATION_COOKIE = 'consult_done';
const CONFIRMATION_PATH = '/consult/confirmation';

const base = { httpOnly: true, sameSite: 'lax' as const, secure: process.env.NODE_ENV === 'production', path: '/' };

async function draftToken(): Promise<string | null> {
  const value = (await cookies()).get(DRAFT_COOKIE)?.value;
  return isDraftToken(value) ? value : null;
}

/** The draft behind the cookie, or null. Throws when the database cannot be reached (the caller says so). */
export async function readDraft(now: Date): Promise<Draft | null> {
  const token = await draftToken();
  return token ? loadDraft(await getDb(), authSecrets(), token, now) : null;
}

/** Saves the draft behind the cookie (there must be one: readDraft found it). Throws when the database fails. */
export async function writeDraft(draft: Draft): Promise<void> {
  const token = await draftToken();
  if (!token) throw new Error('no draft cookie');
  await saveDraft(await getDb(), authSecret(), token, draft);
}

/** A new draft under a new token (any earlier one is deleted): "Start now" and "Start again". */
export async function startDraft(draft: Draft): Promise<void> {
  await clearDraft();
  const token = newDraftToken();
  await saveDraft(await getDb(), authSecret(), token, draft);
  (await cookies()).set(DRAFT_COOKIE, token, { ...base, maxAge: DRAFT_MAX_AGE_SECONDS });
}

/**
 * Forgets the draft: its cookie at once, its row as soon as the database answers (sent, or started again). Never
 * throws: a row left behind cannot be read without the cookie's token, and housekeeping deletes it once expired.
 */
export async function clearDraft(): Promise<void> {
  const token = await draftToken();
  (await cookies()).delete(DRAFT_COOKIE);
  if (!token) return;
  try {
    await deleteDraft(await getDb(), token);
  } catch (error) {
    (await requestLogger('consult')).warn({ event: 'draft_delete_failed', failure: failureKind(error) }, 'draft row left to expire');
  }
}

/** What the confirmation page shows: the request, and the email address typed on it (never one stored before). */
export type Confirmation = { requestId: string; email: string } | { dropped: true };

/** Short-lived and scoped to the confirmation page: on a shared computer the next person must not see it. */
export async function writeConfirmation(value: Confirmation): Promise<void> {
  (await cookies()).set(CONFIRMATION_COOKIE, seal(authSecret(), CONFIRMATION_COOKIE, value), {
    ...base,
    path: CONFIRMATION_PATH,
    maxAge: 10 * 60,
  });
}

export async function clearConfirmation(): Promise<void> {
  (await cookies()).set(CONFIRMATION_COOKIE, '', { ...base, path: CONFIRMATION_PATH, maxAge: 0 });
}

export async function readConfirmation(): Promise<Confirmation | null> {
  const raw = (await cookies()).get(CONFIRMATION_COOKIE)?.value;
  return raw ? unseal<Confirmation>(authSecrets(), CONFIRMATION_COOKIE, raw) : null;
}

/** The confirmation a draft marked sent gives (the reload after a lost answer), or null. Never throws. */
export async function sentFromDraft(now: Date): Promise<Confirmation | null> {
  try {
    return (await readDraft(now))?.sent ?? null;
  } catch {
    return null;
  }
}

/** The client's address, hashed with the app's secret: enough to count requests, useless to read. */
export async function clientIpKey(): Promise<string | null> {
  const h = await headers();
  const ip = clientIpFrom((name) => h.get(name), clientIpSource());
  if (!ip) return null;
  return createHash('sha256').update(`${authSecret()}:${ip}`).digest('base64url').slice(0, 22);
}
