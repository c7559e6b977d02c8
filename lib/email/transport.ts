// Sending one message through Resend (the SDK, honouring RESEND_BASE_URL), and what its answer means
// for the outbox: sent, worth retrying (429, 5xx, network), or never going to work (other 4xx).
import { Resend } from 'resend';

export type OutgoingEmail = {
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  headers?: Record<string, string>;
  attachments?: { filename: string; content: Buffer; contentType?: string }[];
};

export type SendOutcome =
  | { ok: true; id: string }
  | { ok: false; retryable: boolean; retryAfterSeconds?: number; error: string };

export type Transport = { send(email: OutgoingEmail, idempotencyKey: string): Promise<SendOutcome> };

/** Resend's answer, as the outbox needs it (pure: tested without a network). */
export function classifyResendError(
  error: { name?: string; message?: string; statusCode?: number | null },
  headers: Record<string, string> | null,
): SendOutcome & { ok: false } {
  const status = error.statusCode ?? null;
  const retryAfter = Number(headers?.['retry-after']);
  // Resend answers 409 concurrent_idempotent_requests while an earlier attempt with the same key is still in flight.
  const retryable = status === null || status === 429 || status >= 500 || error.name === 'concurrent_idempotent_requests';
  return {
    ok: false,
    retryable,
    retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
    error: `${status ?? 'network'} ${error.name ?? 'error'}: ${error.message ?? ''}`.slice(0, 500),
  };
}

/** A transport over the real SDK. Constructed lazily: the SDK throws without a key and reads RESEND_BASE_URL once. */
export function resendTransport(apiKey: string, timeoutMs = 15_000): Transport {
  let client: Resend | undefined;
  return {
    async send(email, idempotencyKey) {
      client ??= new Resend(apiKey);
      const { data, error, headers } = await client.emails.send(
        {
          from: email.from,
          to: [email.to],
          subject: email.subject,
          html: email.html,
          text: email.text,
          headers: email.headers,
          attachments: email.attachments?.map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType })),
        },
        // The SDK passes extra options to fetch: a hung connection becomes a retryable network error.
        { idempotencyKey, signal: AbortSignal.timeout(timeoutMs) },
      );
      if (error || !data) return classifyResendError(error ?? { message: 'no data' }, headers ?? null);
      return { ok: true, id: data.id };
    },
  };
}
