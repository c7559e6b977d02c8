// The browser-side defences as pure rules: each page's Content-Security-Policy (nonce or static), the fixed
// headers every response carries (and next.config.js repeating them exactly), and the cookies' names and
// attributes in production and development.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { authCookieNames, authCookies, secureCookies } from '@/lib/auth/cookies';
import { HSTS, newNonce, pagePolicy, resourcePolicy, staticHeaders, usesNonce } from '@/lib/http/csp';

/** A policy as a map: directive → its values. */
function parse(policy: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    expect(map.has(name!), `${name} appears once`).toBe(false);
    map.set(name!, values);
  }
  return map;
}

describe('page policy', () => {
  it('allows only scripts carrying the request nonce, and what they load, with no inline script', () => {
    const p = parse(pagePolicy({ nonce: 'abc123==' }));
    expect(p.get('script-src')).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    expect(p.get('script-src')).not.toContain("'unsafe-inline'");
    expect(p.get('script-src')).not.toContain("'unsafe-eval'");
  });

  it('carries the issue\'s fixed directives on every page, nonce or static', () => {
    for (const policy of [pagePolicy({ nonce: 'n0nce' }), pagePolicy('static'), pagePolicy('none')]) {
      const p = parse(policy);
      expect(p.get('default-src')).toEqual(["'self'"]);
      expect(p.get('object-src')).toEqual(["'none'"]);
      expect(p.get('base-uri')).toEqual(["'none'"]);
      expect(p.get('frame-ancestors')).toEqual(["'none'"]);
      expect(p.get('form-action')).toEqual(["'self'"]);
      // React's style attributes; no nonce there (it would switch 'unsafe-inline' off).
      expect(p.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
      // Data-URL QR codes; nothing from other sites.
      expect(p.get('img-src')).toEqual(["'self'", 'data:']);
    }
  });

  it('lets the prerendered pages run their inline bootstrap, and nothing from elsewhere', () => {
    expect(parse(pagePolicy('static')).get('script-src')).toEqual(["'self'", "'unsafe-inline'"]);
  });

  it('lets the guide (plain HTML) run no script at all, except in development where Next.js adds its own', () => {
    expect(parse(pagePolicy('none')).get('script-src')).toEqual(["'none'"]);
    expect(parse(pagePolicy('none', { dev: true })).get('script-src')).toEqual(["'self'", "'unsafe-inline'", "'unsafe-eval'"]);
  });

  it('is the same guide policy in next.config.js in development', async () => {
    const require = createRequire(import.meta.url);
    const configPath = path.resolve(import.meta.dirname, '../../next.config.js');
    const previous = process.env.NODE_ENV;
    (process.env as Record<string, string>).NODE_ENV = 'development';
    try {
      const config = require(configPath) as { headers: () => Promise<{ source: string; headers: { key: string; value: string }[] }[]> };
      const guide = (await config.headers()).find((r) => r.source === '/guide');
      expect(guide?.headers).toEqual([{ key: 'Content-Security-Policy', value: pagePolicy('none', { dev: true }) }]);
    } finally {
      (process.env as Record<string, string>).NODE_ENV = previous!;
    }
  });

  it("adds 'unsafe-eval' in development only (React's dev build)", () => {
    expect(parse(pagePolicy({ nonce: 'x' }, { dev: true })).get('script-src')).toContain("'unsafe-eval'");
    expect(parse(pagePolicy('static', { dev: true })).get('script-src')).toContain("'unsafe-eval'");
  });

  it('makes a different 128-bit nonce each time, in characters a policy accepts', () => {
    const nonces = new Set(Array.from({ length: 50 }, () => newNonce()));
    expect(nonces.size).toBe(50);
    for (const nonce of nonces) {
      expect(nonce).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
      expect(Buffer.from(nonce, 'base64')).toHaveLength(16);
    }
  });
});

describe('which pages get a nonce', () => {
  it.each([
    ['/consult', true],
    ['/consult/details', true],
    ['/consult/manage/abc', true],
    ['/dashboard', true],
    ['/dashboard/leads/1', true],
    ['/sign-in', true],
    ['/set-password/tok', true],
    ['/forgot-password', true],
    ['/problem', true],
    ['/unsubscribe/tok', true],
    ['/', false],
    ['/guide', false],
    ['/guide/faq', false],
    ['/guide/references', false],
    ['/privacy', false],
    ['/consultation-tips', false],
    ['/dashboards', false],
  ])('%s → %s', (pathname, expected) => {
    expect(usesNonce(pathname)).toBe(expected);
  });
});

describe('the headers every response carries', () => {
  it('asks for HTTPS for two years, subdomains included', () => {
    const [maxAge, sub] = HSTS.split('; ');
    expect(Number(maxAge!.replace('max-age=', ''))).toBeGreaterThanOrEqual(365 * 24 * 3600);
    expect(sub).toBe('includeSubDomains');
  });

  it('lets API routes and files load nothing and be framed by no one', () => {
    const p = parse(resourcePolicy());
    expect(p.get('default-src')).toEqual(["'none'"]);
    expect(p.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('are what next.config.js sends for every path', async () => {
    const require = createRequire(import.meta.url);
    const config = require(path.resolve(import.meta.dirname, '../../next.config.js')) as {
      headers: () => Promise<{ source: string; headers: { key: string; value: string }[] }[]>;
    };
    const rules = await config.headers();
    const guide = [{ key: 'Content-Security-Policy', value: pagePolicy('none') }];
    expect(rules).toEqual([
      { source: '/:path*', headers: [...staticHeaders(), { key: 'Content-Security-Policy', value: resourcePolicy() }] },
      { source: '/guide', headers: guide },
      { source: '/guide/:path*', headers: guide },
    ]);
  });
});

describe('cookies', () => {
  it('are Secure in production only, decided by the environment alone', () => {
    expect(secureCookies('production')).toBe(true);
    expect(secureCookies('development')).toBe(false);
    expect(secureCookies('test')).toBe(false);
  });

  it('name the session, CSRF and callback cookies __Host- in production: Secure, HttpOnly, Lax, Path=/, no Domain', () => {
    const cookies = authCookies(true);
    expect(Object.keys(cookies)).toEqual(['sessionToken', 'csrfToken', 'callbackUrl']);
    for (const cookie of Object.values(cookies)) {
      expect(cookie!.name).toMatch(/^__Host-authjs\./);
      expect(cookie!.options).toEqual({ httpOnly: true, sameSite: 'lax', path: '/', secure: true });
    }
    expect(authCookieNames(true).sessionToken).toBe('__Host-authjs.session-token');
  });

  it('keep plain names without Secure in development (http://localhost in any browser)', () => {
    for (const cookie of Object.values(authCookies(false))) {
      expect(cookie!.name).toMatch(/^authjs\./);
      expect(cookie!.options).toMatchObject({ httpOnly: true, sameSite: 'lax', path: '/', secure: false });
    }
  });
});

describe('zod under the policy', () => {
  it('is imported from lib/zod (jitless: no eval probe) by every module a page may ship to the browser', () => {
    const root = path.resolve(import.meta.dirname, '../..');
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (/\.tsx?$/.test(entry.name) && full !== path.join(root, 'lib/zod.ts')) {
          const source = readFileSync(full, 'utf8');
          const clientSide = !full.startsWith(path.join(root, 'app')) || source.includes("'use client'");
          if (clientSide && /^import (?!type )[^;]* from 'zod'/m.test(source)) offenders.push(path.relative(root, full));
        }
      }
    };
    for (const dir of ['lib', 'components', 'app']) walk(path.join(root, dir));
    expect(offenders).toEqual([]);
  });
});
