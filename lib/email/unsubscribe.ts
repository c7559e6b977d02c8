// One-click unsubscribe from follow-up and marketing email (RFC 8058): a signed link per address.
// Transactional messages (booking confirmations, reminders) still go.
import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { emailMessages, emailSuppressions, leads } from '@/db/schema';
import { appUrl, authSecret, authSecrets } from '@/lib/env';
import { signToken, verifyToken } from '@/lib/security/tokens';
import { recordEmailEvent } from '@/lib/timeline/write';

/** How long an unsubscribe link works: the longest-lived token signed with AUTH_SECRET (docs/operations.md). */
export const UNSUBSCRIBE_LINK_DAYS = 365;

export function unsubscribeUrl(email: string, now: Date = new Date()): string {
  const token = signToken(authSecret(), 'unsubscribe', email.trim().toLowerCase(), new Date(now.getTime() + UNSUBSCRIBE_LINK_DAYS * 86_400_000));
  return `${appUrl()}/api/unsubscribe/${token}`;
}

export function emailFromUnsubscribeToken(token: string, now: Date): string | null {
  const result = verifyToken(authSecrets(), 'unsubscribe', token, now);
  return result.ok ? result.subject : null;
}

/** Suppresses the address, cancels its pending follow-ups, withdraws marketing consent; idempotent. */
export async function unsubscribe(db: Database, email: string, now: Date): Promise<void> {
  const normalized = email.trim().toLowerCase();
  await db.transaction(async (tx) => {
    const inserted = await tx
      .insert(emailSuppressions)
      .values({ emailNormalized: normalized, reason: 'unsubscribed', createdAt: now })
      .onConflictDoNothing()
      .returning();
    await tx
      .update(emailMessages)
      .set({ status: 'cancelled', lastError: 'unsubscribed' })
      .where(and(eq(emailMessages.toAddress, email), eq(emailMessages.status, 'pending'), inArray(emailMessages.category, ['follow_up', 'marketing'])));
    const people = await tx
      .update(leads)
      .set({ marketingConsent: false })
      .where(eq(leads.emailNormalized, normalized))
      .returning({ id: leads.id });
    if (inserted.length) {
      for (const p of people) {
        await recordEmailEvent(tx, { leadId: p.id, type: 'unsubscribed', actorType: 'patient', payload: {}, occurredAt: now });
      }
    }
  });
}
