// Delivery status from Resend's webhooks: verified (svix signature and timestamp), recorded once per
// svix id (a replay is ignored), and written on the message and the lead's timeline. A hard bounce marks
// the lead's email as undeliverable so staff know to call.
import { eq } from 'drizzle-orm';
import { Resend } from 'resend';
import type { Database } from '@/db/client';
import { PG_UNIQUE_VIOLATION, pgErrorCode } from '@/db/errors';
import { emailEvents, emailMessages, leadActivities, leads } from '@/db/schema';

export type WebhookHeaders = { id: string | null; timestamp: string | null; signature: string | null };
export type WebhookResult =
  | { ok: true; status: 'recorded' | 'replayed' | 'ignored' }
  | { ok: false; code: 'unsigned' | 'bad_signature' | 'not_configured' };

type ResendEvent = {
  type: string;
  created_at: string;
  data: { email_id?: string; bounce?: { type?: string; subType?: string; message?: string } };
};

const STATUS_BY_EVENT = {
  'email.delivered': { status: 'delivered', activity: 'email_delivered' },
  'email.bounced': { status: 'bounced', activity: 'email_bounced' },
  'email.complained': { status: 'complained', activity: 'email_complained' },
  'email.failed': { status: 'failed', activity: 'email_failed' },
} as const;

/** Resend's own verifier (standard-webhooks): checks the signature and refuses stale timestamps (> 5 minutes). */
export function verifyResendWebhook(secret: string, rawBody: string, headers: WebhookHeaders): ResendEvent | null {
  if (!headers.id || !headers.timestamp || !headers.signature) return null;
  try {
    return new Resend('re_verify_only').webhooks.verify({
      payload: rawBody,
      headers: { id: headers.id, timestamp: headers.timestamp, signature: headers.signature },
      webhookSecret: secret,
    }) as unknown as ResendEvent;
  } catch {
    return null;
  }
}

export async function handleResendWebhook(
  db: Database,
  secret: string | undefined,
  rawBody: string,
  headers: WebhookHeaders,
  now: Date,
): Promise<WebhookResult> {
  if (!secret) return { ok: false, code: 'not_configured' };
  if (!headers.id || !headers.timestamp || !headers.signature) return { ok: false, code: 'unsigned' };
  const event = verifyResendWebhook(secret, rawBody, headers);
  if (!event) return { ok: false, code: 'bad_signature' };

  const providerId = event.data?.email_id;
  try {
    return await db.transaction(async (tx) => {
      const [message] = providerId
        ? await tx.select().from(emailMessages).where(eq(emailMessages.providerMessageId, providerId)).for('update')
        : [];
      await tx.insert(emailEvents).values({
        svixId: headers.id!,
        emailMessageId: message?.id ?? null,
        type: event.type,
        payload: event as unknown as Record<string, unknown>,
        receivedAt: now,
      });
      const mapping = STATUS_BY_EVENT[event.type as keyof typeof STATUS_BY_EVENT];
      if (!message || !mapping) return { ok: true, status: 'ignored' } as const;
      // A later "delivered" never hides an earlier bounce or complaint.
      const keep = (message.status === 'bounced' || message.status === 'complained') && mapping.status === 'delivered';
      if (!keep) {
        await tx
          .update(emailMessages)
          .set({ status: mapping.status, deliveredAt: mapping.status === 'delivered' ? new Date(event.created_at) : message.deliveredAt })
          .where(eq(emailMessages.id, message.id));
      }
      if (message.leadId) {
        const hard = event.type === 'email.bounced' && (event.data.bounce?.type ?? '').toLowerCase() === 'permanent';
        await tx.insert(leadActivities).values({
          leadId: message.leadId,
          type: mapping.activity,
          actorType: 'system',
          payload: { emailId: message.id, template: message.template, bounceType: event.data.bounce?.type ?? null, hard },
          occurredAt: now,
        });
        if (hard || event.type === 'email.complained') {
          await tx.update(leads).set({ emailUndeliverable: hard ? true : undefined, marketingConsent: false }).where(eq(leads.id, message.leadId));
        }
      }
      return { ok: true, status: 'recorded' } as const;
    });
  } catch (error) {
    // The same delivery sent twice (svix retries, or a replay): already recorded.
    if (pgErrorCode(error) === PG_UNIQUE_VIOLATION) return { ok: true, status: 'replayed' };
    throw error;
  }
}
