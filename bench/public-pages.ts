// `npm run bench:public`: how fast and how heavy the public pages are, in one run, each figure beside its target
// (docs/performance.md). Builds the app (or reuses it: --skip-build) and a bare Next.js app of the same version
// with one page carrying the article's text, starts both with `next start`, starts nginx (a temporary prefix)
// with ops/nginx/clinic.conf in front of the app and a plain server for the article's bytes as a static file,
// then measures req/s and p50/p99 with 50 keep-alive connections (bench/support/load.ts), the HTML bytes of every
// public page, their caching headers, and the JavaScript a browser downloads for the article (Chromium via
// Playwright). Writes bench/results/public-pages.json (--quick: public-pages-quick.json, not kept in git).
// Flags: --quick (2-second runs), --seconds=N, --skip-build, --dist=DIR (an existing build folder to measure).
// The machine is shared and has 2 cores: compare the ratios measured in one run, not absolute figures.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { chromiumArgs, findChromium, missingBrowserMessage } from '../tests/support/browser';
import { load, type LoadResult } from './support/load';
import { clinicSite, nginxMain } from './support/nginx';
import { waitFor } from './support/wait';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];

const QUICK = flag('quick');
const SECONDS = Number(option('seconds') ?? (QUICK ? 2 : 10));
const DIST = option('dist') ?? '.next-bench-public';
const PORT = Number(process.env.BENCH_PORT ?? 3443);
const BARE_PORT = PORT + 1;
const CACHE_PORT = Number(process.env.BENCH_NGINX_PORT ?? 8081);
const STATIC_PORT = CACHE_PORT + 1;
const NGINX = process.env.NGINX ?? '/usr/sbin/nginx';
const ARTICLE = '/guide/risks-and-outcomes';
const PUBLIC_PAGES = ['/', '/guide', ARTICLE, '/guide/references', '/privacy'];
const ROOT = process.cwd();
const NEXT_BIN = path.join(ROOT, 'node_modules/next/dist/bin/next');
const GZIP = { 'accept-encoding': 'gzip' };

const TARGETS = {
  articleHtmlKB: 40,
  jsKB: 100,
  cacheShareOfStatic: 0.5,
  cacheP99Ms: 20,
  nextShareOfBare: 0.7,
};

const started: ChildProcess[] = [];

function start(command: string, argv: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; log: string }): ChildProcess {
  const child = spawn(command, argv, { cwd: options.cwd ?? ROOT, env: options.env ?? process.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const out: Buffer[] = [];
  child.stdout?.on('data', (d: Buffer) => out.push(d));
  child.stderr?.on('data', (d: Buffer) => out.push(d));
  child.on('exit', () => {
    // Kept for a failed run (the folder is removed after a good one).
    if (existsSync(path.dirname(options.log))) writeFileSync(options.log, Buffer.concat(out));
  });
  started.push(child);
  return child;
}

async function stopAll() {
  const exited = started.map((child) => (child.exitCode === null ? new Promise((r) => child.once('exit', r)) : Promise.resolve()));
  for (const child of started) {
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  await Promise.race([Promise.all(exited), new Promise((r) => setTimeout(r, 5000))]);
}

/** One GET, the body as sent (compressed when asked for), with its headers. */
function get(port: number, p: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: p, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

function build(cwd: string, env: NodeJS.ProcessEnv) {
  const result = spawnSync(process.execPath, [NEXT_BIN, 'build'], { cwd, stdio: 'inherit', env });
  if (result.status !== 0) throw new Error(`next build failed in ${cwd}`);
}

/** The article's visible text, as paragraphs: the bare app's page carries the same words. */
function paragraphsOf(html: string): string[] {
  const main = /<main[\s\S]*<\/main>/.exec(html)?.[0] ?? html;
  return main
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .split(/<\/(?:p|li|h[1-6]|tr|dd|dt)>/)
    .map((chunk) => chunk.replace(/<[^>]+>/g, ' ').replace(/&[a-z#0-9]+;/g, ' ').replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}

/** The deepest folder holding both paths. */
function commonRoot(a: string, b: string): string {
  const x = a.split(path.sep);
  const y = b.split(path.sep);
  let i = 0;
  while (i < x.length && x[i] === y[i]) i++;
  return x.slice(0, i).join(path.sep) || path.sep;
}

/**
 * A bare Next.js app (same version, same bundler) with one static page: the framework's own cost. Kept between
 * runs in one folder and built again only when its page or the Next.js version changed (`npm run bench -- --quick`
 * stays short).
 */
function bareApp(paragraphs: string[]): { dir: string; built: boolean } {
  // Outside the repository (inside it, Next.js would pick up the app's proxy.ts and instrumentation.ts), with the
  // repository's node_modules linked in; Turbopack's root must hold both.
  const dir = path.join(tmpdir(), 'clinic-bench-bare');
  const nextVersion = (JSON.parse(readFileSync(path.join(ROOT, 'node_modules/next/package.json'), 'utf8')) as { version: string }).version;
  const stamp = createHash('sha256').update(nextVersion).update(JSON.stringify(paragraphs)).digest('hex');
  const stampFile = path.join(dir, 'stamp');
  if (existsSync(path.join(dir, '.next/BUILD_ID')) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return { dir, built: true };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, 'app'), { recursive: true });
  writeFileSync(stampFile, stamp);
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  writeFileSync(path.join(dir, 'package.json'), '{ "private": true }\n');
  writeFileSync(path.join(dir, 'next.config.js'), `module.exports = { turbopack: { root: ${JSON.stringify(commonRoot(dir, ROOT))} } };\n`);
  writeFileSync(
    path.join(dir, 'app/layout.js'),
    "export default function Layout({ children }) { return <html lang=\"en\"><body>{children}</body></html>; }\n",
  );
  writeFileSync(
    path.join(dir, 'app/page.js'),
    `const paragraphs = ${JSON.stringify(paragraphs)};\nexport default function Page() { return <main>{paragraphs.map((p, i) => <p key={i}>{p}</p>)}</main>; }\n`,
  );
  return { dir, built: false };
}

function nginxConfig(prefix: string): string {
  const site = clinicSite({ prefix, listen: CACHE_PORT, upstreams: [PORT] });
  return nginxMain(
    prefix,
    `types { text/html html; }
  ${site}
  server {
    listen 127.0.0.1:${STATIC_PORT};
    root ${prefix}/static;
    gzip_static on;
    location / { }
  }`,
  );
}

const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;
const verdict = (ok: boolean) => (ok ? 'met' : 'NOT MET');

async function scriptBytes(url: string): Promise<{ jsKB: number; scripts: number }> {
  const executablePath = findChromium();
  if (executablePath === null) throw new Error(missingBrowserMessage);
  const browser = await chromium.launch({ executablePath, args: chromiumArgs });
  try {
    const page = await browser.newPage();
    const responses: Promise<number>[] = [];
    page.on('requestfinished', (request) => {
      if (request.resourceType() === 'script') responses.push(request.sizes().then((s) => s.responseBodySize + s.responseHeadersSize));
    });
    await page.goto(url, { waitUntil: 'networkidle' });
    const sizes = await Promise.all(responses);
    return { jsKB: kb(sizes.reduce((a, b) => a + b, 0)), scripts: sizes.length };
  } finally {
    await browser.close();
  }
}

async function main() {
  const base = `http://localhost:${PORT}`;
  const env = { ...process.env, NEXT_DIST_DIR: DIST, APP_URL: base, NEXT_TELEMETRY_DISABLED: '1' };
  if (!flag('skip-build')) build(ROOT, env);
  const work = mkdtempSync(path.join(tmpdir(), 'clinic-bench-public-'));
  const logs = path.join(work, 'logs');
  mkdirSync(logs);
  start(process.execPath, [NEXT_BIN, 'start', '-p', String(PORT)], {
    log: path.join(logs, 'app.log'),
    env: {
      ...env,
      NODE_ENV: 'production',
      DATABASE_URL: '',
      DATA_DIR: path.join(work, 'pglite'),
      ALLOW_EMBEDDED_DB: '1',
      AUTH_SECRET: 'bench-only-secret-bench-only-secret-0000',
      LOG_LEVEL: 'warn',
    },
  });
  await waitFor(`${base}/api/health`, 120_000);

  // The public pages as the app sends them: bytes, and whether a shared cache may keep them.
  const pages = [];
  for (const p of PUBLIC_PAGES) {
    const raw = await get(PORT, p);
    const gz = await get(PORT, p, GZIP);
    pages.push({
      page: p,
      status: raw.status,
      rawKB: kb(raw.body.length),
      gzipKB: kb(gz.body.length),
      cacheControl: raw.headers['cache-control'] ?? null,
      setCookie: raw.headers['set-cookie'] ?? null,
    });
  }
  const articleHtml = (await get(PORT, ARTICLE)).body;

  const { dir: bareDir, built } = bareApp(paragraphsOf(articleHtml.toString('utf8')));
  const bareEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
  if (!built) build(bareDir, bareEnv);
  start(process.execPath, [NEXT_BIN, 'start', '-p', String(BARE_PORT)], { cwd: bareDir, env: { ...bareEnv, NODE_ENV: 'production' }, log: path.join(logs, 'bare.log') });
  await waitFor(`http://localhost:${BARE_PORT}/`, 120_000);
  const bareHtml = (await get(BARE_PORT, '/')).body;

  const prefix = path.join(work, 'nginx');
  mkdirSync(path.join(prefix, 'static'), { recursive: true });
  mkdirSync(path.join(prefix, 'cache'), { recursive: true });
  mkdirSync(path.join(prefix, 'logs'), { recursive: true });
  writeFileSync(path.join(prefix, 'static/article.html'), articleHtml);
  writeFileSync(path.join(prefix, 'static/article.html.gz'), gzipSync(articleHtml));
  writeFileSync(path.join(prefix, 'nginx.conf'), nginxConfig(prefix));
  // Started as root, nginx's workers run as another user: they must read the file and write the cache.
  for (const dir of [work, prefix, path.join(prefix, 'static')]) chmodSync(dir, 0o755);
  chmodSync(path.join(prefix, 'cache'), 0o777);
  start(NGINX, ['-p', prefix, '-c', path.join(prefix, 'nginx.conf')], { log: path.join(logs, 'nginx.log') });
  await waitFor(`http://localhost:${STATIC_PORT}/article.html`);
  await get(CACHE_PORT, ARTICLE, GZIP);
  const cached = await get(CACHE_PORT, ARTICLE, GZIP);
  const cacheStatus = String(cached.headers['x-cache'] ?? 'none');
  // What the cache must never keep, asked twice each: X-Cache as nginx reports it (none: caching is off there).
  const xCache = async (p: string, headers: Record<string, string> = {}) => {
    const seen = [];
    for (let i = 0; i < 2; i++) seen.push(String((await get(CACHE_PORT, p, headers)).headers['x-cache'] ?? 'none'));
    return seen.join(',');
  };
  const cacheRules = {
    'public page': { seen: await xCache(ARTICLE, GZIP), expected: 'HIT,HIT' },
    'the form (no-store, its own nonce)': { seen: await xCache('/consult'), expected: 'MISS,MISS' },
    'sign-in': { seen: await xCache('/sign-in'), expected: 'MISS,MISS' },
    dashboard: { seen: await xCache('/dashboard'), expected: 'none,none' },
    'public page with a staff session cookie': { seen: await xCache(ARTICLE, { ...GZIP, cookie: '__Host-authjs.session-token=x' }), expected: 'BYPASS,BYPASS' },
  };

  const js = await scriptBytes(`${base}${ARTICLE}`);
  const bareJs = await scriptBytes(`http://localhost:${BARE_PORT}/`);

  const scenarios: [string, number, string][] = [
    ['article via nginx cache', CACHE_PORT, ARTICLE],
    ['article via next start', PORT, ARTICLE],
    ['bare Next.js, same text', BARE_PORT, '/'],
    ['nginx static file', STATIC_PORT, '/article.html'],
    ['robots.txt via next start', PORT, '/robots.txt'],
    // As many bytes as the bare app's page: what is left of the gap is the app's own work per request (the proxy).
    ['/privacy via next start', PORT, '/privacy'],
  ];
  const load_: Record<string, LoadResult> = {};
  for (const [name, port, p] of scenarios) {
    await load({ port, path: p, seconds: 1, headers: GZIP, connections: 10 }); // warm-up
    load_[name] = await load({ port, path: p, seconds: SECONDS, headers: GZIP, connections: 50 });
    const r = load_[name];
    console.info(`${name.padEnd(28)} ${String(r.rps).padStart(7)} req/s  p50 ${r.p50Ms} ms  p99 ${r.p99Ms} ms  (${r.requests} requests of ${r.bytesPerResponse} B, status ${JSON.stringify(r.statuses)}, ${r.errors} errors)`);
  }
  await stopAll();

  const article = pages.find((p) => p.page === ARTICLE)!;
  const viaCache = load_['article via nginx cache']!;
  const shareOfStatic = viaCache.rps / load_['nginx static file']!.rps;
  const shareOfBare = load_['article via next start']!.rps / load_['bare Next.js, same text']!.rps;
  const checks = [
    [`article HTML ${article.rawKB} KB raw (${article.gzipKB} KB gzip)`, `< ${TARGETS.articleHtmlKB} KB`, article.rawKB < TARGETS.articleHtmlKB],
    [`article JavaScript ${js.jsKB} KB transferred (${js.scripts} scripts; bare Next.js ${bareJs.jsKB} KB)`, `< ${TARGETS.jsKB} KB`, js.jsKB < TARGETS.jsKB],
    [`nginx cache ${Math.round(shareOfStatic * 100)}% of nginx static (cache ${cacheStatus})`, `>= ${TARGETS.cacheShareOfStatic * 100}%`, shareOfStatic >= TARGETS.cacheShareOfStatic],
    [
      `nginx caches public pages only: ${Object.entries(cacheRules).map(([k, v]) => `${k} ${v.seen}`).join('; ')}`,
      'as ops/nginx/clinic.conf says',
      Object.values(cacheRules).every((r) => r.seen === r.expected),
    ],
    [`nginx cache p99 ${viaCache.p99Ms} ms`, `< ${TARGETS.cacheP99Ms} ms`, viaCache.p99Ms < TARGETS.cacheP99Ms],
    [`next start ${Math.round(shareOfBare * 100)}% of bare Next.js`, `>= ${TARGETS.nextShareOfBare * 100}%`, shareOfBare >= TARGETS.nextShareOfBare],
    [
      `public pages: no Set-Cookie, s-maxage + stale-while-revalidate`,
      'all',
      pages.every((p) => p.setCookie === null && /s-maxage=\d+/.test(p.cacheControl ?? '') && /stale-while-revalidate=\d+/.test(p.cacheControl ?? '')),
    ],
  ] as const;
  console.info('\nPublic pages (raw / gzip, Cache-Control, Set-Cookie):');
  for (const p of pages) console.info(`  ${p.page.padEnd(28)} ${String(p.rawKB).padStart(6)} KB / ${String(p.gzipKB).padStart(5)} KB  ${p.cacheControl}  ${p.setCookie ? 'SET-COOKIE' : 'no cookie'}`);
  console.info(`  bare Next.js page            ${String(kb(bareHtml.length)).padStart(6)} KB raw`);
  console.info('\nTargets:');
  for (const [figure, target, ok] of checks) console.info(`  ${verdict(ok).padEnd(8)} ${figure}  (target ${target})`);

  mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
  writeFileSync(
    path.join(ROOT, `bench/results/public-pages${QUICK ? '-quick' : ''}.json`),
    `${JSON.stringify(
      {
        at: new Date().toISOString(),
        mode: `${SECONDS} s per scenario, 50 keep-alive connections, Accept-Encoding: gzip, nginx 1 worker; shared 2-core machine: compare ratios`,
        dist: DIST,
        pages,
        bareHtmlKB: kb(bareHtml.length),
        cacheRules,
        js: { article: js, bare: bareJs },
        load: load_,
        ratios: { cacheShareOfStatic: Number(shareOfStatic.toFixed(2)), nextShareOfBare: Number(shareOfBare.toFixed(2)) },
        targets: Object.fromEntries(checks.map(([figure, target, ok]) => [figure, { target, met: ok }])),
      },
      null,
      2,
    )}\n`,
  );
  rmSync(work, { recursive: true, force: true });
}

main()
  .catch((error: unknown) => {
    console.error((error as Error).message);
    process.exitCode = 1;
  })
  .finally(stopAll);
