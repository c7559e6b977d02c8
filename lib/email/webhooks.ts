// Delivery status from Resend's webhooks: verified (svix signature and timestamp), recorded once per
// svix id (a replay is ignored), and written on the message and the lead's timeline. A hard bounce marks
// the lead's email as undeliverable so staff know to call.
import { eq } from 'drizzle-orm';
import { Resend } from 'resend';
import { z } from '@/lib/zod';
import type { Database } from '@/db/client';
import { PG_UNIQUE_VIOLATION, pgErrorCode } from '@/db/errors';
import { emailEvents, emailMessages, leads } from '@/db/schema';
import { recordEmailEvent } from '@/lib/timeline/write';

export type WebhookHeaders = { id: string | null; timestamp: string | null; signature: string | null };
export type WebhookResult =
  | { ok: true; status: 'recorded' | 'replayed' | 'ignored' }
  | { ok: false; code: 'unsigned' | 'bad_signature' | 'not_configured' };

const STATUS_BY_EVENT = {
  'email.delivered': { status: 'delivered', activity: 'email_delivered' },
  'email.bounced': { status: 'bounced', activity: 'email_bounced' },
  'email.complained': { status: 'complained', activity: 'email_complained' },
  'email.failed': { status: 'failed', activity: 'email_failed' },
} as const;

/**
 * The shape of an event this code reads. Resend signs what it sends, but a signed event that is not this
 * shape (or that the database could not store as JSON: a NUL, half a surrogate pair) is answered as ignored
 * and not stored, never as a server error (which would only make Resend send it again).
 */
const eventShape = z.looseObject({
  type: z.string().min(1).max(100),
  created_at: z.iso.datetime({ offset: true }),
  data: z.looseObject({
    email_id: z.string().min(1).max(200).optional(),
    bounce: z.looseObject({ type: z.string().max(100).optional() }).optional(),
  }),
});
/** A svix message id: printable ASCII (it is stored and compared as text). */
const SVIX_ID = /^[\x21-\x7e]{1,200}$/;

/** True when every string in a JSON value can be stored in a jsonb column (no NUL, no lone surrogate). */
function storableJson(value: unknown): boolean {
  if (typeof value === 'string') return !/\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(value);
  if (Array.isArray(value)) return value.every(storableJson);
  if (value && typeof value === 'object') return Object.entries(value).every(([k, v]) => storableJson(k) && storableJson(v));
  return true;
}

/**
 * Resend's own verifier (standard-webhooks): checks the signature and refuses stale timestamps (> 5 minutes).
 * Returns the signed payload, still to be checked against eventShape.
 */
export function verifyResendWebhook(secret: string, rawBody: string, headers: WebhookHeaders): unknown {
  if (!headers.id || !headers.timestamp || !headers.signature) return null;
  try {
    return new Resend('re_verify_only').webhooks.verify({
      payload: rawBody,
      headers: { id: headers.id, timestamp: headers.timestamp, signature: headers.signature },
      webhookSecret: secret,
    });
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
  const verified = verifyResendWebhook(secret, rawBody, headers);
  if (!verified) return { ok: false, code: 'bad_signature' };
  const shaped = eventShape.safeParse(verified);
  if (!shaped.success || !SVIX_ID.test(headers.id) || !storableJson(verified)) return { ok: true, status: 'ignored' };
  const event = shaped.data;

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
        payload: event,
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
        await recordEmailEvent(tx, {
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
