// Processes for the two-instance fault test (tests/faults/instances.test.ts): the production build under
// `next start` and the standalone email worker (`npm run worker`), each a real child process of this test,
// and a browser without JavaScript: a cookie jar that reads a page's form (its hidden server-action fields
// included) and posts it back as multipart, as the browser's own form submission would.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export type Started = { name: string; stop: () => Promise<void>; output: () => string };

const ROOT = path.resolve(import.meta.dirname, '../../..');

/** Keeps the last lines a process printed: shown when a test fails, never checked. */
function remember(child: ChildProcess): () => string {
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    lines.splice(0, Math.max(0, lines.length - 80));
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return () => lines.join('\n');
}

/** SIGTERM, then SIGKILL after 10 s: only the process this file started. */
function stopper(child: ChildProcess): () => Promise<void> {
  return async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
}

function launch(name: string, args: string[], env: Record<string, string>): { child: ChildProcess; started: Started } {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  return { child, started: { name, stop: stopper(child), output: remember(child) } };
}

/** `next start` on the build in FAULTS_DIST_DIR; resolves once /api/health answers 200. */
export async function startNextInstance(name: string, port: number, env: Record<string, string>): Promise<Started & { url: string }> {
  const distDir = process.env.FAULTS_DIST_DIR;
  if (!distDir) throw new Error('FAULTS_DIST_DIR is not set: run through `npm run test:faults`');
  const { child, started } = launch(name, [require.resolve('next/dist/bin/next'), 'start', '-p', String(port)], {
    ...env,
    NODE_ENV: 'production',
    NEXT_DIST_DIR: distDir,
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited (${child.exitCode}):\n${started.output()}`);
    const ok = await fetch(`${url}/api/health`).then((r) => r.ok, () => false);
    if (ok) return { ...started, url };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await started.stop();
  throw new Error(`${name} did not become ready:\n${started.output()}`);
}

/** The standalone email worker, as `npm run worker` runs it (tsx scripts/worker.ts). */
export function startWorkerProcess(name: string, env: Record<string, string>): Started {
  return launch(name, [require.resolve('tsx/cli'), 'scripts/worker.ts'], env).started;
}

const ENTITIES: Record<string, string> = { amp: '&', quot: '"', lt: '<', gt: '>', '#x27': "'", '#39': "'" };
const decode = (s: string) => s.replace(/&(amp|quot|lt|gt|#x27|#39);/g, (_, e: string) => ENTITIES[e]!);

function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w$:-]+)(?:="([^"]*)")?/g)) out[m[1]!.toLowerCase()] = decode(m[2] ?? '');
  return out;
}

/** The hidden fields of the page's form whose submit button reads `button` (the server action's among them). */
export function hiddenFields(html: string, button: string): [string, string][] {
  for (const form of html.match(/<form\b[\s\S]*?<\/form>/g) ?? []) {
    const text = form.replace(/<[^>]+>/g, '');
    if (!text.includes(button)) continue;
    const inputs = form.match(/<input\b[^>]*>/g) ?? [];
    return inputs.map(attributes).filter((a) => a.type === 'hidden' && a.name).map((a) => [a.name!, a.value ?? '']);
  }
  throw new Error(`no form with a "${button}" button`);
}

/** One person's browser with JavaScript off: its own cookies, its own address (X-Forwarded-For). */
export class FormBrowser {
  private cookies = new Map<string, string>();
  constructor(private readonly forwardedFor: string) {}

  private remember(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      const name = pair!.slice(0, at).trim();
      const value = pair!.slice(at + 1).trim();
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  private headers(base: string): Record<string, string> {
    return {
      cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      'x-forwarded-for': this.forwardedFor,
      origin: new URL(base).origin,
      'sec-fetch-site': 'same-origin',
    };
  }

  /** GET, following redirects: the final URL and page. */
  async get(base: string, pathname: string): Promise<{ url: string; status: number; html: string }> {
    let url = new URL(pathname, base).toString();
    for (let hops = 0; hops < 5; hops++) {
      const response = await fetch(url, { headers: this.headers(base), redirect: 'manual' });
      this.remember(response);
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        url = new URL(location, url).toString();
        continue;
      }
      return { url, status: response.status, html: await response.text() };
    }
    throw new Error(`too many redirects from ${pathname}`);
  }

  /** Submits the form with the `button` label on `page`, as multipart, then follows where the server sends it. */
  async submit(base: string, page: { url: string; html: string }, button: string, fields: [string, string][]) {
    const body = new FormData();
    for (const [name, value] of [...hiddenFields(page.html, button), ...fields]) body.append(name, value);
    const response = await fetch(page.url, { method: 'POST', body, headers: this.headers(base), redirect: 'manual' });
    this.remember(response);
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      const next = new URL(location, page.url);
      return this.get(base, next.pathname + next.search);
    }
    return { url: page.url, status: response.status, html: await response.text() };
  }
}
