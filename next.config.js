// @ts-check
const PAGE_DIRECTIVES =
  "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-src 'self'; " +
  "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
const GUIDE_POLICY = `default-src 'self'; script-src 'none'; ${PAGE_DIRECTIVES}`;
const GUIDE_POLICY_DEV = `default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; ${PAGE_DIRECTIVES}`;

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its WASM and extension bundles from its own package folder:
  // bundling it breaks those paths, so it stays an external Node module.
  serverExternalPackages: ['@electric-sql/pglite', '@node-rs/argon2', 'twilio'],
  poweredByHeader: false,
  reactStrictMode: true,
  experimental: {
    // No inlineCss: it wrote the whole stylesheet (~30 KB) into every page three times (a <style> tag and twice
    // in the React payload) and so into every cached copy; a linked, immutable stylesheet is fetched once per
    // visitor (docs/performance.md).
    // forbidden() renders app/(staff)/forbidden.tsx with a 403 when a signed-in member of staff lacks a
    // permission. This also puts the root's forbidden and unauthorized UI into every page's payload: both are
    // one line (app/forbidden.tsx, app/unauthorized.tsx), so public pages carry no dashboard words.
    authInterrupts: true,
  },
  // Prerendered public pages say `s-maxage=<revalidate>, stale-while-revalidate=<expireTime - revalidate>`
  // (app/(site)/layout.tsx sets revalidate): a shared cache (ops/nginx/clinic.conf) keeps them 5 minutes and
  // may serve a stale copy for up to a day while it fetches a fresh one.
  expireTime: 86_400,
  // A separate build folder lets `npm test` build while `npm run dev` runs.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // The headers every response carries (pages, API routes, files, 404s): lib/http/csp.ts's staticHeaders() and
  // resourcePolicy(), repeated here because this file is plain JavaScript (tests/unit/csp.test.ts holds them
  // equal). Pages get their own Content-Security-Policy from the proxy, which replaces this one, except the guide:
  // the proxy skips it (proxy.ts's matcher) and these rules give its plain-HTML pages pagePolicy('none') (no
  // script at all; in development, where Next.js adds its own scripts, pagePolicy('static', { dev: true })).
  // A later rule setting the same header wins.
  async headers() {
    const guidePolicy = [
      { key: 'Content-Security-Policy', value: process.env.NODE_ENV === 'development' ? GUIDE_POLICY_DEV : GUIDE_POLICY },
    ];
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
          { key: 'Content-Security-Policy', value: "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'" },
        ],
      },
      { source: '/guide', headers: guidePolicy },
      { source: '/guide/:path*', headers: guidePolicy },
    ];
  },
};

module.exports = nextConfig;
