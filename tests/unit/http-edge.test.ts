// The request edge's pure rules: request ids, which form posts come from the clinic's own pages (agreeing
// with Next.js's own server-action check), and where the problem page may send a person back to.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ACTION_BODY_LIMIT,
  addressedHost,
  isBodyLongerThan,
  isFromThisSite,
  isOversizedPost,
  isPlainFormPost,
  isSameOriginPost,
  tooLargeBackPath,
  tooLargePage,
} from '@/lib/http/origin';
import { STEPS } from '@/lib/intake/steps';
import { QueryFailed, withoutQueryValues } from '@/db/errors';
import { failureKind } from '@/lib/http/failure';
import { problemPath, readProblemQuery, safeBackPath } from '@/lib/http/problem';
import { isRequestId, requestIdFor } from '@/lib/http/request-id';

const headers = (h: Record<string, string>) => (name: string) => h[name] ?? null;

describe('request ids', () => {
  it('keeps a well-formed id from a proxy and makes a new one otherwise', () => {
    expect(requestIdFor('lb-1234abcd')).toBe('lb-1234abcd');
    expect(requestIdFor(null, () => 'made-00000001')).toBe('made-00000001');
    for (const bad of ['short', 'has space 123', '<script>alert(1)</script>', 'x'.repeat(65), 'line\nbreak1234']) {
      expect(requestIdFor(bad, () => 'made-00000002')).toBe('made-00000002');
    }
    expect(isRequestId(crypto.randomUUID())).toBe(true);
    const made = new Set(Array.from({ length: 1000 }, () => requestIdFor(null)));
    expect(made.size).toBe(1000);
    for (const id of made) expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(isRequestId(['a-12345678'])).toBe(false);
  });
});

describe('form posts from the clinic’s own pages', () => {
  it('reads the addressed host as Next.js does: the first x-forwarded-host, else host', () => {
    expect(addressedHost(headers({ host: 'internal:3000', 'x-forwarded-host': 'clinic.example, proxy.local' }))).toBe('clinic.example');
    expect(addressedHost(headers({ host: 'clinic.example' }))).toBe('clinic.example');
  });

  it.each([
    [{ host: 'clinic.example', origin: 'https://clinic.example' }, true],
    [{ host: 'internal:3000', 'x-forwarded-host': 'clinic.example', origin: 'https://clinic.example' }, true],
    [{ host: 'clinic.example' }, true], // no Origin: a request made by hand carries nobody else's cookies
    [{ host: 'clinic.example', origin: 'null' }, false], // what a no-referrer page's own form sends
    [{ host: 'clinic.example', origin: 'https://evil.example' }, false],
    [{ host: 'clinic.example', origin: 'https://clinic.example.evil.example' }, false],
    [{ host: 'clinic.example', origin: 'not a url' }, false],
    [{ host: 'clinic.example:8443', origin: 'https://clinic.example' }, false],
    // Fetch metadata: a browser saying another site sent the post is believed, with or without an Origin.
    [{ host: 'clinic.example', 'sec-fetch-site': 'cross-site' }, false],
    [{ host: 'clinic.example', 'sec-fetch-site': 'same-site' }, false],
    [{ host: 'clinic.example', origin: 'https://clinic.example', 'sec-fetch-site': 'cross-site' }, false],
    [{ host: 'clinic.example', origin: 'https://clinic.example', 'sec-fetch-site': 'same-origin' }, true],
    [{ host: 'clinic.example', 'sec-fetch-site': 'none' }, true],
  ])('%o → same origin: %s', (h, expected) => {
    expect(isSameOriginPost(headers(h))).toBe(expected);
  });

  it('knows a post bigger than a server action accepts (Next.js would answer it with a bare 500)', () => {
    expect(isOversizedPost('POST', headers({ 'content-length': String(ACTION_BODY_LIMIT + 1) }))).toBe(true);
    expect(isOversizedPost('POST', headers({ 'content-length': String(ACTION_BODY_LIMIT) }))).toBe(false);
    expect(isOversizedPost('POST', headers({}))).toBe(false);
    expect(isOversizedPost('GET', headers({ 'content-length': '99999999' }))).toBe(false);
    expect(isOversizedPost('POST', headers({ 'content-length': 'lots' }))).toBe(false);
  });

  it('measures a chunked body only until it is too big', async () => {
    const chunks = (n: number, size: number) => {
      let pulled = 0;
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (pulled === n) return controller.close();
          pulled++;
          controller.enqueue(new Uint8Array(size));
        },
      });
      return { stream, pulled: () => pulled };
    };
    const big = chunks(1_000, 64 * 1024);
    expect(await isBodyLongerThan(big.stream, ACTION_BODY_LIMIT)).toBe(true);
    expect(big.pulled()).toBeLessThan(20);
    expect(await isBodyLongerThan(chunks(16, 64 * 1024).stream, ACTION_BODY_LIMIT)).toBe(false);
    expect(await isBodyLongerThan(null, ACTION_BODY_LIMIT)).toBe(false);
  });

  it('sends a person whose post was too big back to their consultation step, else to the form’s start', () => {
    const from = (referer: string | null, host = 'clinic.example') => tooLargeBackPath(headers({ host, ...(referer ? { referer } : {}) }));
    for (const step of STEPS) expect(from(`https://clinic.example${step.path}`)).toBe(step.path);
    expect(from('https://clinic.example/consult/pain?returnTo=check&x=1')).toBe('/consult/pain?returnTo=check');
    expect(from('https://clinic.example/consult/pain?next=//evil.example')).toBe('/consult/pain');
    expect(from('https://evil.example/consult/pain')).toBe('/consult');
    expect(from('https://clinic.example/dashboard')).toBe('/consult');
    expect(from('https://clinic.example/consult/manage/abc')).toBe('/consult');
    expect(from('not a url')).toBe('/consult');
    expect(from(null)).toBe('/consult');
  });

  it('answers a post too big with a 413 page in plain words that links back, its values escaped', async () => {
    const response = tooLargePage('/consult/pain?returnTo=check', 'req-1"<x>', { name: 'Clinic & Co', phone: '(310) 555-0142' });
    expect(response.status).toBe(413);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await response.text();
    expect(html).toContain('<h1>Your answer was too long to send</h1>');
    expect(html).toContain('The answers you gave on earlier pages are kept.');
    expect(html).toContain('href="/consult/pain?returnTo=check"');
    expect(html).not.toContain('req-1"<x>');
    expect(html).toContain('Clinic &#38; Co');
    expect(html).toContain('<a href="tel:+13105550142">(310) 555-0142</a>');
    expect(await tooLargePage('/consult', 'r', null).text()).toContain('call us and quote reference r');
  });

  it('tells a form sent without JavaScript from one sent by the client router', () => {
    expect(isPlainFormPost('POST', headers({ 'content-type': 'multipart/form-data; boundary=x' }))).toBe(true);
    expect(isPlainFormPost('POST', headers({ 'content-type': 'application/x-www-form-urlencoded' }))).toBe(true);
    expect(isPlainFormPost('POST', headers({ 'content-type': 'multipart/form-data; boundary=x', 'next-action': 'abc' }))).toBe(false);
    expect(isPlainFormPost('GET', headers({ 'content-type': 'multipart/form-data' }))).toBe(false);
    expect(isPlainFormPost('POST', headers({ 'content-type': 'application/json' }))).toBe(false);
  });
});

describe('downloads of health data', () => {
  it.each([
    ['same-origin', true],
    ['none', true], // typed into the address bar, or a bookmark
    ['same-site', false],
    ['cross-site', false],
    [null, false], // no fetch metadata: not a browser the dashboard supports, or a forged request
  ])('Sec-Fetch-Site %s → allowed: %s', (site, expected) => {
    expect(isFromThisSite(headers(site === null ? {} : { 'sec-fetch-site': site }))).toBe(expected);
  });
});

describe('the problem page’s address', () => {
  it('carries the request id, the reason and a way back to a page of this site', () => {
    const url = new URL(problemPath({ requestId: 'req-12345678', reason: 'failed', back: '/consult/check' }), 'http://x.invalid');
    expect(url.pathname).toBe('/problem');
    expect(readProblemQuery(Object.fromEntries(url.searchParams))).toEqual({ requestId: 'req-12345678', reason: 'failed', back: '/consult/check' });
  });

  it('never carries a private link, another site or itself as the way back', () => {
    for (const back of [
      '/consult/manage/eyJ0b2tlbiI.sig/reschedule',
      '/unsubscribe/token123',
      '/set-password/abc',
      'https://evil.example/',
      '//evil.example/path',
      '/\\evil.example',
      '/problem?ref=x',
      'consult/check',
    ]) {
      expect(safeBackPath(back), back).toBeNull();
      expect(problemPath({ requestId: 'req-12345678', reason: 'refused', back })).not.toContain('back=');
    }
    expect(safeBackPath('/dashboard/leads/1?tab=notes')).toBe('/dashboard/leads/1?tab=notes');
  });

  it('shows nothing it was not meant to: an odd reference is dropped, an unknown reason reads as a failure', () => {
    expect(readProblemQuery({ ref: '<b>hi</b>', why: 'whatever', back: ['/a'] })).toEqual({ requestId: null, reason: 'failed', back: null });
    expect(readProblemQuery({ ref: 'req-12345678', why: 'refused' }).reason).toBe('refused');
  });
});

const appRoot = path.resolve(__dirname, '../../app');
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : /\.tsx?$/.test(name) ? [full] : [];
  });

describe('every page and action in app/', () => {
  const sources = files(appRoot).map((file) => ({ rel: path.relative(appRoot, file), source: readFileSync(file, 'utf8') }));

  it('never sets a referrer policy that makes a browser send `Origin: null` with the page’s own forms', () => {
    // no-referrer (and unsafe policies' opposite, strict-origin from http) blank the Origin of a form post:
    // Next.js then refuses the server action. same-origin keeps private links from leaking to other sites.
    const offending = sources.filter(({ source }) => /referrer:\s*['"]no-referrer['"]|name=["']referrer["'][^>]*no-referrer/.test(source));
    expect(offending.map((f) => f.rel)).toEqual([]);
  });

  it('runs every server action through failSafe, so a failure is never a bare error page', () => {
    const unguarded: string[] = [];
    for (const { rel, source } of sources) {
      const isActionFile = source.startsWith("'use server'");
      // Whole-file actions: every exported function. Inline actions: every function with its own 'use server'.
      const bodies = isActionFile
        ? [...source.matchAll(/export async function (\w+)\([^]*?\n\}/g)]
        : [...source.matchAll(/async function (\w+)\([^)]*\)[^{]*\{\s*'use server';[^]*?\n\}/g)];
      for (const m of bodies) if (!/^\s*return failSafe\('/m.test(m[0])) unguarded.push(`${rel}: ${m[1]}`);
      if (isActionFile && bodies.length === 0) unguarded.push(`${rel}: no exported async function found`);
    }
    expect(unguarded).toEqual([]);
    // The check above must see the actions it guards.
    expect(sources.filter((s) => s.source.includes("return failSafe('")).length).toBeGreaterThanOrEqual(16);
  });
});

describe('how a failure is named in the log', () => {
  it('finds the database’s error code however deep it is wrapped, and never uses the message', () => {
    const driver = Object.assign(new Error('insert into leads values ($1) params: Maria'), { code: 'P0001' });
    const drizzle = Object.assign(new Error('Failed query: insert … params: Maria'), { cause: driver });
    const wrapped = Object.assign(new Error('transaction failed'), { cause: drizzle });
    expect(failureKind(wrapped)).toBe('database P0001');
    expect(failureKind(new TypeError('Maria'))).toBe('TypeError');
    expect(failureKind('Maria')).toBe('string');
    // Node's own codes are not SQLSTATEs: they are named as such.
    expect(failureKind(Object.assign(new Error('connect 10.0.0.1'), { code: 'ECONNREFUSED' }))).toBe('system ECONNREFUSED');
  });
});

describe('database errors on their way to a log', () => {
  it('keep their code and lose their values; a domain’s own error passes unchanged', () => {
    const driver = Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' });
    const drizzle = Object.assign(new Error('Failed query: insert into call_logs … params: Maria,called about her knee'), { cause: driver });
    const cleaned = withoutQueryValues('changeLead', drizzle) as Error;
    expect(cleaned).toBeInstanceOf(QueryFailed);
    expect(cleaned.message).toBe('changeLead failed (23505)');
    expect(failureKind(cleaned)).toBe('database 23505');
    const refusal = new RangeError('slot taken');
    expect(withoutQueryValues('changeLead', refusal)).toBe(refusal);
  });
});
