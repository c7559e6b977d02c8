// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its WASM and extension bundles from its own package folder:
  // bundling it breaks those paths, so it stays an external Node module.
  serverExternalPackages: ['@electric-sql/pglite', '@node-rs/argon2'],
  poweredByHeader: false,
  reactStrictMode: true,
  experimental: {
    // The stylesheet is small (~20 KB): inlining it removes the render-blocking request that delayed
    // the first paint on a slow phone connection (measured with npm run bench:pages).
    inlineCss: true,
    // forbidden() renders app/forbidden.tsx with a 403 when a signed-in member of staff lacks a permission.
    authInterrupts: true,
  },
  // A separate build folder lets `npm test` build while `npm run dev` runs.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // The headers every response carries (pages, API routes, files, 404s): lib/http/csp.ts's staticHeaders() and
  // resourcePolicy(), repeated here because this file is plain JavaScript (tests/unit/csp.test.ts holds them
  // equal). Pages get their own Content-Security-Policy from the proxy, which replaces this one.
  async headers() {
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
    ];
  },
};

module.exports = nextConfig;
