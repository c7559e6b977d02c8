// The Twilio webhook routes' shared request handling: same-origin check (Twilio's servers send no Origin; a
// browser sent here by another site does), the posted fields, the signature's URL (APP_URL + path: the one
// Twilio was given, whatever a proxy in front rewrote), and the answers.
import { getDb } from '@/db/client';
import { appUrl, env } from '@/lib/env';
import { CROSS_SITE_REFUSED, isSameOriginPost } from '@/lib/http/origin';
import { handleInboundText, handleTextStatus, isReplayRace, type TwilioWebhookResult } from './webhooks';

/** The most a Twilio webhook posts (a 1,600-character text and its fields) with room to spare. */
const MAX_BODY = 64 * 1024;

async function fields(request: Request): Promise<Record<string, string> | null> {
  const raw = await request.text();
  if (raw.length > MAX_BODY) return null;
  return Object.fromEntries(new URLSearchParams(raw));
}

function answer(result: TwilioWebhookResult, twiml: boolean): Response {
  if (!result.ok) return Response.json({ error: result.code }, { status: result.code === 'not_configured' ? 503 : 403 });
  // An empty TwiML answer: Twilio sends nothing back itself; the outbox sends any reply.
  if (twiml) return new Response('<?xml version="1.0" encoding="UTF-8"?><Response></Response>', { headers: { 'Content-Type': 'text/xml', 'X-Result': result.status } });
  return Response.json({ status: result.status });
}

export async function twilioWebhook(request: Request, kind: 'inbound' | 'status', path: string): Promise<Response> {
  if (!isSameOriginPost((name) => request.headers.get(name))) return CROSS_SITE_REFUSED();
  const params = await fields(request);
  if (!params) return Response.json({ error: 'too_large' }, { status: 413 });
  const signed = { authToken: env().TWILIO_AUTH_TOKEN, url: `${appUrl()}${path}`, signature: request.headers.get('x-twilio-signature'), params };
  const db = await getDb();
  try {
    const result =
      kind === 'inbound'
        ? await handleInboundText(db, signed, new Date())
        : await handleTextStatus(db, signed, request.headers.get('i-twilio-idempotency-token'), new Date());
    return answer(result, kind === 'inbound');
  } catch (error) {
    // Two copies of one delivery at once: the second lost the race on the event's key.
    if (isReplayRace(error)) return answer({ ok: true, status: 'replayed' }, kind === 'inbound');
    throw error;
  }
}
