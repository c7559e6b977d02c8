// Cookie plumbing for the consultation form: the sealed draft, the sealed confirmation, the first-touch
// attribution, and the client's IP (hashed) for rate limits. Server-only.
import 'server-only';
import { createHash } from 'node:crypto';
import { cookies, headers } from 'next/headers';
import { DRAFT_COOKIE, DRAFT_MAX_AGE_SECONDS, sealDraft, unsealDraft, type Attribution, type Draft } from '@/lib/leads/draft';
import { authSecret, clientIpSource } from '@/lib/env';
import { clientIpFrom } from '@/lib/security/client-ip';
import { seal, unseal } from '@/lib/security/tokens';

const CONFIRMATION_COOKIE = 'consult_done';
const CONFIRMATION_PATH = '/consult/confirmation';
export const FIRST_TOUCH_COOKIE = 'first_touch';

const base = { httpOnly: true, sameSite: 'lax' as const, secure: process.env.NODE_ENV === 'production', path: '/' };

export async function readDraft(now: Date): Promise<Draft | null> {
  return unsealDraft(authSecret(), (await cookies()).get(DRAFT_COOKIE)?.value, now);
}

export async function writeDraft(draft: Draft): Promise<void> {
  (await cookies()).set(DRAFT_COOKIE, sealDraft(authSecret(), draft), { ...base, maxAge: DRAFT_MAX_AGE_SECONDS });
}

export async function clearDraft(): Promise<void> {
  (await cookies()).delete(DRAFT_COOKIE);
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
  return raw ? unseal<Confirmation>(authSecret(), CONFIRMATION_COOKIE, raw) : null;
}

/** The landing page and outside referrer of this visit, recorded by proxy.ts on the first page seen. */
export async function readFirstTouch(): Promise<Pick<Attribution, 'landingPage' | 'referrer'>> {
  const raw = (await cookies()).get(FIRST_TOUCH_COOKIE)?.value;
  if (!raw) return {};
  try {
    const parsed = JSON.parse(raw) as { l?: unknown; r?: unknown };
    return {
      landingPage: typeof parsed.l === 'string' ? parsed.l : undefined,
      referrer: typeof parsed.r === 'string' ? parsed.r : undefined,
    };
  } catch {
    return {};
  }
}

/** The client's address, hashed with the app's secret: enough to count requests, useless to read. */
export async function clientIpKey(): Promise<string | null> {
  const h = await headers();
  const ip = clientIpFrom((name) => h.get(name), clientIpSource());
  if (!ip) return null;
  return createHash('sha256').update(`${authSecret()}:${ip}`).digest('base64url').slice(0, 22);
}
