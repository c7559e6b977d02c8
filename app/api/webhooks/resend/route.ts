// Resend delivery webhooks: signature-checked, recorded once.
import { getDb } from '@/db/client';
import { handleResendWebhook } from '@/lib/email/webhooks';
import { env } from '@/lib/env';
import { CROSS_SITE_REFUSED, isSameOriginPost } from '@/lib/http/origin';

export async function POST(request: Request) {
  // Resend's servers send no Origin; a browser sent here by another site does (the signature would fail too).
  if (!isSameOriginPost((name) => request.headers.get(name))) return CROSS_SITE_REFUSED();
  const raw = await request.text();
  const result = await handleResendWebhook(
    await getDb(),
    env().RESEND_WEBHOOK_SECRET,
    raw,
    { id: request.headers.get('svix-id'), timestamp: request.headers.get('svix-timestamp'), signature: request.headers.get('svix-signature') },
    new Date(),
  );
  if (result.ok) return Response.json({ status: result.status });
  const status = result.code === 'not_configured' ? 503 : 401;
  return Response.json({ error: result.code }, { status });
}
