// Sending one text through Twilio (the real SDK; TWILIO_BASE_URL points it at a local fake in tests and
// development), finding a text Twilio accepted on an earlier try whose answer was lost, and what Twilio's
// answer means for the outbox: sent, worth retrying (429, 5xx, network), or never going to work (other 4xx).
import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';

export type OutgoingText = { to: string; body: string; statusCallback?: string };

export type TextSendOutcome =
  | { ok: true; sid: string }
  | { ok: false; retryable: boolean; error: string; errorCode: string | null };

export type TextTransport = {
  send(text: OutgoingText): Promise<TextSendOutcome>;
  /** A text with this body to this number that Twilio accepted at or after `since`, not one of `known` (our rows' sids). */
  findAccepted(text: OutgoingText, since: Date, known: (sid: string) => Promise<boolean>): Promise<string | null>;
};

export type TwilioSettings = {
  accountSid: string;
  authToken: string;
  messagingServiceSid?: string;
  from?: string;
  /** http://127.0.0.1:port of a fake; unset: Twilio's own hosts. */
  baseUrl?: string;
  timeoutMs?: number;
};

/**
 * The SDK's own HTTP client (axios, its auth and its error handling), with each request's origin replaced by
 * the fake's. The SDK's `edge`/`region` options only rename the twilio.com host, so a custom RequestClient is
 * the SDK's documented way to send elsewhere (ClientOpts.httpClient).
 */
class BaseUrlRequestClient extends twilio.RequestClient {
  constructor(
    private readonly origin: string,
    opts: ConstructorParameters<typeof twilio.RequestClient>[0],
  ) {
    super(opts);
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    const target = new URL(opts.uri);
    return super.request<TData>({ ...opts, uri: `${this.origin}${target.pathname}${target.search}` });
  }
}

/** Twilio's answer as the outbox needs it (pure: tested without a network). */
export function classifyTwilioError(error: unknown): TextSendOutcome & { ok: false } {
  const e = error as { status?: number; code?: number | string; message?: string; isAxiosError?: boolean };
  const status = typeof e.status === 'number' ? e.status : null;
  const code = e.code !== undefined && typeof e.code === 'number' ? String(e.code) : null;
  // No HTTP status: the request never got an answer (refused, reset, timed out): the outcome is unknown.
  const retryable = status === null || status === 429 || status >= 500;
  const label = status === null ? `network ${typeof e.code === 'string' ? e.code : 'error'}` : `${status}${code ? ` ${code}` : ''}`;
  return { ok: false, retryable, error: `${label}: ${e.message ?? ''}`.slice(0, 500), errorCode: code };
}

/** A transport over the real SDK, made once per worker. */
export function twilioTransport(settings: TwilioSettings): TextTransport {
  const timeout = settings.timeoutMs ?? 15_000;
  const httpClient = settings.baseUrl
    ? new BaseUrlRequestClient(new URL(settings.baseUrl).origin, { timeout, keepAlive: false })
    : new twilio.RequestClient({ timeout });
  const client = twilio(settings.accountSid, settings.authToken, { httpClient });
  const sender = settings.messagingServiceSid ? { messagingServiceSid: settings.messagingServiceSid } : { from: settings.from! };
  return {
    async send(text) {
      try {
        const message = await client.messages.create({ to: text.to, body: text.body, ...sender, ...(text.statusCallback ? { statusCallback: text.statusCallback } : {}) });
        return { ok: true, sid: message.sid };
      } catch (error) {
        return classifyTwilioError(error);
      }
    },
    async findAccepted(text, since, known) {
      // Not Twilio's DateSent filter: a text still queued there has no send date yet. The newest 50 to the
      // number, created since the first try (a minute of slack for the two clocks).
      const page = await client.messages.list({ to: text.to, limit: 50 });
      const from = since.getTime() - 60_000;
      for (const m of page) {
        if (m.body === text.body && m.dateCreated && m.dateCreated.getTime() >= from && !(await known(m.sid))) return m.sid;
      }
      return null;
    },
  };
}
