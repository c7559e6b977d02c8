// A local stand-in for the parts of Twilio's REST API the app uses through the real SDK (TWILIO_BASE_URL):
// POST and GET /2010-04-01/Accounts/{sid}/Messages.json, with Basic auth checked. It records what was sent,
// fails on request (429/5xx, a hung request, a request accepted and then hung), refuses numbers Twilio would
// (21211 not a valid number, 21610 opted out), and posts signed webhooks back to the app: delivery reports to
// each message's StatusCallback, and replies from a patient to the inbound webhook. Tests drive it in process
// or over HTTP (/_fake/…), so e2e tests can read the texts and send replies.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';

export type FakeText = {
  sid: string;
  to: string;
  from: string | null;
  messagingServiceSid: string | null;
  body: string;
  statusCallback: string | null;
  status: string;
  dateCreated: Date;
};

export type FakeTwilioFailure = { status: 429 | 500 | 503 } | { timeout: true; accepted?: boolean };

export type FakeTwilio = {
  url: string;
  accountSid: string;
  authToken: string;
  texts(): FakeText[];
  textsTo(number: string): FakeText[];
  failNext(n: number, failure: FakeTwilioFailure): void;
  /** POST requests to Messages.json received, failed ones included. */
  readonly requests: number;
  /** A reply from `from`, posted signed to the app's inbound webhook; the app's HTTP status and body. */
  reply(from: string, body: string): Promise<{ status: number; body: string }>;
  /** A delivery report for a sent text, posted signed to its StatusCallback. */
  report(sid: string, status: string, errorCode?: string): Promise<{ status: number; body: string }>;
  reset(): void;
  close(): Promise<void>;
};

export type FakeTwilioOptions = {
  port?: number;
  accountSid?: string;
  authToken?: string;
  /** The app's inbound webhook URL (APP_URL + /api/webhooks/twilio/inbound). */
  inboundUrl?: string;
  /** Post "sent" then "delivered" (or "undelivered" 30005 for these numbers) to each accepted text's callback. */
  autoReport?: { undeliverable?: string[] };
  onText?: (text: FakeText) => void;
  /**
   * Model Twilio's own opt-out handling (on by default at Twilio): after STOP it refuses texts to the number
   * with 21610 until START. Off here by default: the account the app expects leaves keywords to the app.
   */
  twilioOptOut?: boolean;
  /** The fake's clock for each text's date_created (tests pass their fixed time). */
  clock?: () => Date;
};

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
};

const twilioError = (res: ServerResponse, status: number, code: number, message: string) =>
  json(res, status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

function resource(t: FakeText, accountSid: string) {
  return {
    sid: t.sid,
    account_sid: accountSid,
    to: t.to,
    from: t.from,
    messaging_service_sid: t.messagingServiceSid,
    body: t.body,
    status: t.status,
    num_segments: '1',
    num_media: '0',
    direction: 'outbound-api',
    api_version: '2010-04-01',
    price: null,
    price_unit: 'USD',
    error_code: null,
    error_message: null,
    date_created: t.dateCreated.toUTCString(),
    date_updated: t.dateCreated.toUTCString(),
    date_sent: null,
    uri: `/2010-04-01/Accounts/${accountSid}/Messages/${t.sid}.json`,
    subresource_uris: {},
  };
}

/** Posts form fields to a URL signed as Twilio signs webhooks (X-Twilio-Signature). */
export async function postSigned(url: string, params: Record<string, string>, authToken: string, headers: Record<string, string> = {}) {
  const signature = twilio.getExpectedTwilioSignature(authToken, url, params);
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': signature, ...headers },
    body: new URLSearchParams(params).toString(),
  });
  return { status: res.status, body: await res.text() };
}

export async function startFakeTwilio(options: FakeTwilioOptions = {}): Promise<FakeTwilio> {
  const accountSid = options.accountSid ?? `AC${randomBytes(16).toString('hex')}`;
  const authToken = options.authToken ?? randomBytes(16).toString('hex');
  let texts: FakeText[] = [];
  let failures: FakeTwilioFailure[] = [];
  const optedOut = new Set<string>();
  let requests = 0;
  const hung = new Set<ServerResponse>();
  const path = `/2010-04-01/Accounts/${accountSid}/Messages.json`;

  const report = async (sid: string, status: string, errorCode?: string) => {
    const text = texts.find((t) => t.sid === sid);
    if (!text?.statusCallback) return { status: 0, body: 'no callback' };
    text.status = status;
    const params: Record<string, string> = { AccountSid: accountSid, MessageSid: sid, SmsSid: sid, MessageStatus: status, SmsStatus: status, To: text.to, ApiVersion: '2010-04-01' };
    if (text.from) params.From = text.from;
    if (errorCode) params.ErrorCode = errorCode;
    return postSigned(text.statusCallback, params, authToken);
  };

  const create = async (req: IncomingMessage, res: ServerResponse) => {
    requests++;
    const form = new URLSearchParams(await readBody(req));
    const failure = failures.shift();
    const to = form.get('To') ?? '';
    const body = form.get('Body') ?? '';
    if (failure && 'status' in failure) return twilioError(res, failure.status, failure.status === 429 ? 20429 : 20500, 'Injected failure');
    if (!/^\+1\d{10}$/.test(to)) return twilioError(res, 400, 21211, `The 'To' number ${to} is not a valid phone number.`);
    if (optedOut.has(to)) return twilioError(res, 400, 21610, 'Attempt to send to unsubscribed recipient');
    if (!body || (!form.get('From') && !form.get('MessagingServiceSid'))) return twilioError(res, 400, 21602, 'Message body is required.');
    const accept = () => {
      const text: FakeText = {
        sid: `SM${randomBytes(16).toString('hex')}`,
        to,
        from: form.get('From'),
        messagingServiceSid: form.get('MessagingServiceSid'),
        body,
        statusCallback: form.get('StatusCallback'),
        status: 'queued',
        dateCreated: options.clock?.() ?? new Date(),
      };
      texts.push(text);
      options.onText?.(text);
      if (options.autoReport && text.statusCallback) {
        const bad = options.autoReport.undeliverable?.includes(to);
        setTimeout(() => {
          void report(text.sid, 'sent')
            .then(() => report(text.sid, bad ? 'undelivered' : 'delivered', bad ? '30005' : undefined))
            .catch(() => {});
        }, 50);
      }
      return text;
    };
    if (failure && 'timeout' in failure) {
      if (failure.accepted) accept();
      hung.add(res);
      return;
    }
    json(res, 201, resource(accept(), accountSid));
  };

  const list = (url: URL, res: ServerResponse) => {
    const to = url.searchParams.get('To');
    const size = Number(url.searchParams.get('PageSize') ?? 50);
    const found = texts.filter((t) => !to || t.to === to).reverse().slice(0, size);
    json(res, 200, {
      messages: found.map((t) => resource(t, accountSid)),
      page: 0,
      page_size: size,
      start: 0,
      end: Math.max(0, found.length - 1),
      first_page_uri: `${path}?PageSize=${size}&Page=0`,
      previous_page_uri: null,
      next_page_uri: null,
      uri: `${path}?PageSize=${size}&Page=0`,
    });
  };

  const control = async (url: URL, req: IncomingMessage, res: ServerResponse) => {
    if (url.pathname === '/_fake/messages') {
      const to = url.searchParams.get('to');
      return json(res, 200, texts.filter((t) => !to || t.to === to));
    }
    if (url.pathname === '/_fake/reply' && req.method === 'POST') {
      const { from, body } = JSON.parse(await readBody(req)) as { from: string; body: string };
      return json(res, 200, await fake.reply(from, body));
    }
    if (url.pathname === '/_fake/report' && req.method === 'POST') {
      const { sid, status, errorCode } = JSON.parse(await readBody(req)) as { sid: string; status: string; errorCode?: string };
      return json(res, 200, await report(sid, status, errorCode));
    }
    return json(res, 404, { error: 'not found' });
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const handle = async () => {
      if (url.pathname.startsWith('/_fake/')) return control(url, req, res);
      const auth = req.headers.authorization ?? '';
      const expected = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
      if (url.pathname !== path) return twilioError(res, 404, 20404, 'The requested resource was not found');
      if (auth !== expected) return twilioError(res, 401, 20003, 'Authenticate');
      if (req.method === 'POST') return create(req, res);
      if (req.method === 'GET') return list(url, res);
      return twilioError(res, 405, 20004, 'Method not allowed');
    };
    handle().catch((error: unknown) => json(res, 500, { error: (error as Error).message }));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  const fake: FakeTwilio = {
    url: `http://127.0.0.1:${port}`,
    accountSid,
    authToken,
    texts: () => [...texts],
    textsTo: (number) => texts.filter((t) => t.to === number),
    failNext(n, failure) {
      for (let i = 0; i < n; i++) failures.push(failure);
    },
    get requests() {
      return requests;
    },
    async reply(from, body) {
      if (!options.inboundUrl) throw new Error('fake Twilio: no inboundUrl to post the reply to');
      const word = body.trim().toUpperCase();
      if (options.twilioOptOut && ['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT'].includes(word)) optedOut.add(from);
      if (options.twilioOptOut && ['START', 'UNSTOP', 'YES'].includes(word)) optedOut.delete(from);
      const sid = `SM${randomBytes(16).toString('hex')}`;
      return postSigned(options.inboundUrl, { AccountSid: accountSid, MessageSid: sid, SmsSid: sid, From: from, To: '+13105550100', Body: body, NumMedia: '0', ApiVersion: '2010-04-01' }, authToken);
    },
    report,
    reset() {
      texts = [];
      failures = [];
      optedOut.clear();
      requests = 0;
    },
    async close() {
      for (const res of hung) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return fake;
}
