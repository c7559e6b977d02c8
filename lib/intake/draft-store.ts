// The consultation form's drafts in the database (consult_drafts): one encrypted row per person filling in the
// form, found by the hash of their cookie's token and readable only with that token (lib/intake/draft.ts). Rows
// go when the request is sent, when the person starts again, and when housekeeping finds them expired.
import { and, eq, gt, lte } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { consultDrafts } from '@/db/schema';
import { decryptDraft, draftExpiresAt, draftId, encryptDraft, type Draft } from './draft';

/**
 * The draft behind this token, or null when there is none, it has expired, or it cannot be read with the token.
 * `secrets`: AUTH_SECRET first, then during a rotation the previous one (a draft started before the switch).
 */
export async function loadDraft(db: Executor, secrets: string | readonly string[], token: string, now: Date): Promise<Draft | null> {
  const [row] = await db
    .select({ sealed: consultDrafts.sealed })
    .from(consultDrafts)
    .where(and(eq(consultDrafts.id, draftId(token)), gt(consultDrafts.expiresAt, now)));
  if (!row) return null;
  const sealed = Buffer.from(row.sealed, 'base64url');
  for (const secret of typeof secrets === 'string' ? [secrets] : secrets) {
    const draft = decryptDraft(secret, token, sealed, now);
    if (draft) return draft;
  }
  return null;
}

/** Writes the draft behind this token (a new row, or over the one there). Returns the stored row's size in bytes. */
export async function saveDraft(db: Executor, secret: string, token: string, draft: Draft): Promise<number> {
  const sealed = encryptDraft(secret, token, draft).toString('base64url');
  const expiresAt = draftExpiresAt(draft);
  await db
    .insert(consultDrafts)
    .values({ id: draftId(token), sealed, expiresAt })
    .onConflictDoUpdate({ target: consultDrafts.id, set: { sealed, expiresAt, updatedAt: new Date() } });
  return sealed.length;
}

export async function deleteDraft(db: Executor, token: string): Promise<void> {
  await db.delete(consultDrafts).where(eq(consultDrafts.id, draftId(token)));
}

/** Deletes every draft past its expiry; returns how many. */
export async function pruneExpiredDrafts(db: Executor, now: Date): Promise<number> {
  const gone = await db.delete(consultDrafts).where(lte(consultDrafts.expiresAt, now)).returning({ id: consultDrafts.id });
  return gone.length;
}
