// A local stand-in for the parts of Resend's HTTP API the app uses (POST /emails, GET /emails/:id), so tests
// and development send "real" email through the real SDK (RESEND_BASE_URL) and can read what was sent.
// Also signs webhooks the way Resend does (svix / standard-webhooks), for testing the webhook route.
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export type SentAttachment = {
  filename: string | null;
  /** Decoded bytes (Resend takes attachment content as base64). Empty when the attachment was given by `path`. */
  content: Buffer;
  contentType: string | null;
  /** A remote attachment: Resend fetches the URL itself; the fake only records it. */
  path: string | null;
};

export type SentMessage = {
  id: string;
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  replyTo: string[];
  subject: string;
  html: string | null;
  text: string | null;
  headers: Record<string, string>;
  attachments: SentAttachment[];
  tags: { name: string; value: string }[];
  idempotencyKey: string | null;
  receivedAt: Date;
};

export type FakeFailure =
  | { status: 500 | 429 | 503; retryAfterSeconds?: number }
  /**
   * Hold the request open and never answer. With `accepted: true` the message is recorded first (Resend
   * sent it, the answer was lost): a retry with the same idempotency key then gets the same id back.
   */
  | { timeout: true; accepted?: boolean };

export type FakeResend = {
  /** Base URL without a trailing slash, for RESEND_BASE_URL. */
  url: string;
  /** Everything recorded, oldest first. */
  messages(): SentMessage[];
  /** Messages with this address in `to` (case-insensitive; `Name <a@b>` matches `a@b`), oldest first. */
  messagesTo(address: string): SentMessage[];
  /** The next n POST /emails fail this way (queued after any failures already pending). */
  failNext(n: number, failure: FakeFailure): void;
  /** Forget messages, idempotency keys, pending failures and the request count. */
  reset(): void;
  close(): Promise<void>;
  /** POST /emails received, including failed and rejected ones. */
  readonly requests: number;
};

export type FakeResendOptions = {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Called for each newly recorded message (the dev script prints them). */
  onMessage?: (message: SentMessage) => void;
  /**
   * Recipients at these domains are refused with 422 validation_error, as Resend refuses a `to` it cannot
   * send to: a failure the outbox must not retry. Lets a test make one message fail without touching others.
   */
  rejectDomains?: string[];
};

type ResendErrorName =
  | 'missing_api_key'
  | 'invalid_idempotency_key'
  | 'invalid_idempotent_request'
  | 'validation_error'
  | 'missing_required_field'
  | 'not_found'
  | 'method_not_allowed'
  | 'rate_limit_exceeded'
  | 'internal_server_error'
  | 'application_error';

type Reply = { status: number; body: unknown; headers?: Record<string, string> };

const MAX_BODY_BYTES = 50 * 1024 * 1024; // Resend allows 40 MB of attachments per email
const FAILURE_STATUSES = [500, 429, 503] as const;

/** Resend's error body: `{ statusCode, message, name }` (the SDK hands it back as `error` unchanged). */
function errorReply(status: number, name: ResendErrorName, message: string, headers?: Record<string, string>): Reply {
  return { status, body: { statusCode: status, message, name }, headers };
}

function injectedFailure(failure: { status: 500 | 429 | 503; retryAfterSeconds?: number }): Reply {
  if (failure.status === 429) {
    const headers = failure.retryAfterSeconds === undefined ? undefined : { 'retry-after': String(failure.retryAfterSeconds) };
    return errorReply(
      429,
      'rate_limit_exceeded',
      'Too many requests. You can only make 2 requests per second. See rate limit response headers for more information.',
      headers,
    );
  }
  if (failure.status === 503) return errorReply(503, 'application_error', 'Service unavailable. Please try again later.');
  return errorReply(500, 'internal_server_error', 'An unexpected error occurred.');
}

function send(res: ServerResponse, reply: Reply): void {
  const json = JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(json),
    ...reply.headers,
  });
  res.end(json);
}

async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function hasApiKey(req: IncomingMessage): boolean {
  return /^Bearer\s+\S+/i.test(req.headers.authorization ?? '');
}

/** The bare address of `Name <a@b>` or `a@b`, lower-cased. */
function bareAddress(value: string): string {
  const angle = /<([^>]+)>/.exec(value);
  return (angle?.[1] ?? value).trim().toLowerCase();
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function addressList(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function parseAttachments(value: unknown): SentAttachment[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).map((a) => ({
    filename: stringOrNull(a.filename),
    content: typeof a.content === 'string' ? Buffer.from(a.content, 'base64') : Buffer.alloc(0),
    contentType: stringOrNull(a.content_type),
    path: stringOrNull(a.path),
  }));
}

function parseHeaders(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

function parseTags(value: unknown): { name: string; value: string }[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter(isRecord)
    .map((t) => ({ name: String(t.name ?? ''), value: String(t.value ?? '') }));
}

/** The shape GET /emails/:id answers with. */
function emailResource(m: SentMessage) {
  return {
    object: 'email',
    id: m.id,
    to: m.to,
    from: m.from,
    cc: m.cc.length ? m.cc : null,
    bcc: m.bcc.length ? m.bcc : null,
    reply_to: m.replyTo.length ? m.replyTo : null,
    subject: m.subject,
    html: m.html,
    text: m.text,
    created_at: m.receivedAt.toISOString(),
    scheduled_at: null,
    last_event: 'sent',
    tags: m.tags,
  };
}

/** The inbox as JSON for /_fake/messages: attachment bytes as base64. */
function messageJson(m: SentMessage) {
  return {
    ...m,
    receivedAt: m.receivedAt.toISOString(),
    attachments: m.attachments.map((a) => ({ ...a, size: a.content.length, content: a.content.toString('base64') })),
  };
}

function parseFailureRequest(body: unknown): { count: number; failure: FakeFailure } | string {
  if (!isRecord(body)) return 'expected a JSON object';
  const count = body.count;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) return '`count` must be a non-negative integer';
  if (body.timeout === true) return { count, failure: { timeout: true, accepted: body.accepted === true } };
  const status = body.status ?? 500;
  if (!FAILURE_STATUSES.includes(status as 500)) return '`status` must be 500, 429 or 503';
  const retryAfter = body.retryAfterSeconds;
  if (retryAfter !== undefined && (typeof retryAfter !== 'number' || retryAfter < 0)) {
    return '`retryAfterSeconds` must be a non-negative number';
  }
  return { count, failure: { status: status as 500 | 429 | 503, retryAfterSeconds: retryAfter } };
}

export async function startFakeResend(options: FakeResendOptions = {}): Promise<FakeResend> {
  let sent: SentMessage[] = [];
  let byId = new Map<string, SentMessage>();
  // Resend answers a repeated Idempotency-Key with the first answer, and refuses it with another payload.
  let byIdempotencyKey = new Map<string, { payload: string; id: string }>();
  let failures: FakeFailure[] = [];
  let requests = 0;
  const rejectDomains = (options.rejectDomains ?? []).map((d) => d.toLowerCase());

  function acceptEmail(req: IncomingMessage, raw: string): Reply {
    if (!hasApiKey(req)) return errorReply(401, 'missing_api_key', 'Missing API key in the authorization header.');

    const keyHeader = req.headers['idempotency-key'];
    const idempotencyKey = typeof keyHeader === 'string' ? keyHeader : null;
    if (idempotencyKey !== null && (idempotencyKey.length < 1 || idempotencyKey.length > 256)) {
      return errorReply(400, 'invalid_idempotency_key', 'The key must be between 1-256 chars.');
    }

    let payload: unknown;
    try {
      payload = JSON.parse(raw);
    } catch {
      return errorReply(400, 'validation_error', 'Invalid JSON body.');
    }
    if (!isRecord(payload)) return errorReply(400, 'validation_error', 'Expected a JSON object.');
    for (const field of ['from', 'to', 'subject'] as const) {
      const value = payload[field];
      const present = field === 'to' && Array.isArray(value) ? value.some(nonEmptyString) : nonEmptyString(value);
      if (!present) return errorReply(422, 'missing_required_field', `Missing \`${field}\` field.`);
    }
    const rejected = addressList(payload.to).find((to) => rejectDomains.some((domain) => bareAddress(to).endsWith(`@${domain}`)));
    if (rejected) return errorReply(422, 'validation_error', `Invalid \`to\` field: ${bareAddress(rejected)} cannot receive email.`);

    const canonical = JSON.stringify(payload);
    if (idempotencyKey !== null) {
      const earlier = byIdempotencyKey.get(idempotencyKey);
      if (earlier && earlier.payload !== canonical) {
        return errorReply(409, 'invalid_idempotent_request', 'Same idempotency key used with a different request payload.');
      }
      if (earlier) return { status: 200, body: { id: earlier.id } };
    }

    const message: SentMessage = {
      id: randomUUID(),
      from: payload.from as string,
      to: addressList(payload.to),
      cc: addressList(payload.cc),
      bcc: addressList(payload.bcc),
      replyTo: addressList(payload.reply_to),
      subject: payload.subject as string,
      html: stringOrNull(payload.html),
      text: stringOrNull(payload.text),
      headers: parseHeaders(payload.headers),
      attachments: parseAttachments(payload.attachments),
      tags: parseTags(payload.tags),
      idempotencyKey,
      receivedAt: new Date(),
    };
    sent.push(message);
    byId.set(message.id, message);
    if (idempotencyKey !== null) byIdempotencyKey.set(idempotencyKey, { payload: canonical, id: message.id });
    options.onMessage?.(message);
    return { status: 200, body: { id: message.id } };
  }

  function failNext(n: number, failure: FakeFailure): void {
    if (!Number.isInteger(n) || n < 0) throw new Error(`failNext: n must be a non-negative integer, got ${n}`);
    for (let i = 0; i < n; i++) failures.push(failure);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake-resend.local');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const method = req.method ?? 'GET';

    if (path === '/emails') {
      if (method !== 'POST') return send(res, errorReply(405, 'method_not_allowed', 'Method is not allowed for the requested path.'));
      requests++;
      const raw = await readBody(req);
      if (raw === null) return send(res, errorReply(413, 'validation_error', 'Request body too large.'));
      const failure = failures.shift();
      if (failure && 'timeout' in failure) {
        if (failure.accepted) acceptEmail(req, raw);
        return; // never answer: the socket stays open until the client gives up or the server closes
      }
      return send(res, failure ? injectedFailure(failure) : acceptEmail(req, raw));
    }

    const emailMatch = /^\/emails\/([^/]+)$/.exec(path);
    if (emailMatch) {
      if (method !== 'GET') return send(res, errorReply(405, 'method_not_allowed', 'Method is not allowed for the requested path.'));
      if (!hasApiKey(req)) return send(res, errorReply(401, 'missing_api_key', 'Missing API key in the authorization header.'));
      const message = byId.get(decodeURIComponent(emailMatch[1] ?? ''));
      return send(res, message ? { status: 200, body: emailResource(message) } : errorReply(404, 'not_found', 'Email not found'));
    }

    // Test-only endpoints: a browser test or a developer reads the inbox and arranges failures over HTTP.
    if (path === '/_fake/messages' && method === 'GET') {
      const to = url.searchParams.get('to');
      const list = (to ? messagesTo(to) : sent.slice()).reverse();
      return send(res, { status: 200, body: list.map(messageJson) });
    }
    if (path === '/_fake/fail' && method === 'POST') {
      const raw = await readBody(req);
      let body: unknown;
      try {
        body = JSON.parse(raw ?? '');
      } catch {
        return send(res, errorReply(400, 'validation_error', 'Invalid JSON body.'));
      }
      const parsed = parseFailureRequest(body);
      if (typeof parsed === 'string') return send(res, errorReply(422, 'validation_error', parsed));
      failNext(parsed.count, parsed.failure);
      return send(res, { status: 200, body: { pending: failures.length } });
    }
    if (path === '/_fake/reset' && method === 'POST') {
      reset();
      return send(res, { status: 200, body: { ok: true } });
    }

    return send(res, errorReply(404, 'not_found', 'The requested endpoint does not exist.'));
  }

  function messagesTo(address: string): SentMessage[] {
    const wanted = bareAddress(address);
    return sent.filter((m) => m.to.some((to) => bareAddress(to) === wanted));
  }

  function reset(): void {
    sent = [];
    byId = new Map();
    byIdempotencyKey = new Map();
    failures = [];
    requests = 0;
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, errorReply(500, 'internal_server_error', `fake-resend: ${(error as Error).message}`));
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    messages: () => sent.slice(),
    messagesTo,
    failNext,
    reset,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive sockets and requests held open by timeout mode would otherwise keep close() waiting.
        server.closeAllConnections();
      }),
    get requests() {
      return requests;
    },
  };
}

/** A webhook signing secret in Resend's format. */
export function makeWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

/**
 * A webhook body and the headers Resend sends with it, signed as Resend (svix) signs: HMAC-SHA256 over
 * `${id}.${unixSeconds}.${body}` with the secret, in the standard-webhooks format.
 */
export function signWebhook(
  secret: string,
  payload: unknown,
  options: { id?: string; timestamp?: Date } = {},
): { body: string; headers: Record<string, string> } {
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const id = options.id ?? `msg_${randomBytes(16).toString('hex')}`;
  const timestamp = options.timestamp ?? new Date();
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'svix-id': id,
      'svix-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
      'svix-signature': new Webhook(secret).sign(id, timestamp, body),
    },
  };
}
