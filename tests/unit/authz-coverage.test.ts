// Every way into the server checks who is asking before it does anything. The TypeScript compiler finds every
// server action (each export of a 'use server' file, in any export form, in any folder, and each function with
// its own 'use server'), every route handler (GET, POST, … in app/**/route.ts) and every dashboard page; each
// must await an authorization guard (requireStaff…, staffForRoute…, requireRecentAuth…) before anything else it
// awaits and before it opens the database, or be named in PUBLIC below with the reason it is open to anyone.
// Dashboard entry points must also check the permission the table expects. The end-to-end walk in
// tests/e2e/dashboard-access.spec.ts asks the server; tests/e2e/cross-origin.spec.ts posts from other sites.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { can, PERMISSIONS, type Permission } from '@/lib/auth/permissions';
import { findEntryPoints, keyOf, type EntryPoint } from '../support/entry-points';

const projectRoot = path.resolve(__dirname, '../..');
/** Where server code lives. components/ holds no server actions today; it is searched so one cannot hide there. */
const SEARCHED = ['app', 'lib', 'components'];

/** Open to anyone, on purpose: each one line saying why that is safe. `file#export`. */
const PUBLIC: Record<string, string> = {
  'app/(site)/consult/actions.ts#startRequest': 'the consultation form: anyone may start a request (the draft is a sealed cookie)',
  'app/(site)/consult/actions.ts#saveStep': 'the consultation form: a step only writes the sealed draft cookie, never the database',
  'app/(site)/consult/actions.ts#sendRequest': 'the consultation form: validated in full, rate-limited per address, one transaction',
  'app/(site)/consult/actions.ts#discardDraft': 'the consultation form: clears the caller’s own draft cookie',
  'app/(site)/consult/manage/actions.ts#rescheduleFromLink': 'manage by private token: the signed, expiring link is the permission',
  'app/(site)/consult/manage/actions.ts#cancelFromLink': 'manage by private token: the signed, expiring link is the permission',
  'app/(site)/consult/manage/[token]/calendar.ics/route.ts#GET': 'manage by private token: the patient’s own .ics, behind the signed link',
  'app/(site)/unsubscribe/[token]/page.tsx#confirm': 'unsubscribe by signed token: it can only stop emails to the address it names',
  'app/api/unsubscribe/[token]/route.ts#POST': 'one-click unsubscribe (RFC 8058) by signed token: it can only stop emails',
  'app/api/unsubscribe/[token]/route.ts#GET': 'redirects to the unsubscribe page; does nothing itself',
  'app/api/webhooks/resend/route.ts#POST': 'webhook with a Standard Webhooks signature, checked before anything is recorded',
  'app/api/webhooks/twilio/inbound/route.ts#POST': 'Twilio webhook (a patient’s reply) with its X-Twilio-Signature, checked before anything is recorded',
  'app/api/webhooks/twilio/status/route.ts#POST': 'Twilio webhook (a delivery report) with its X-Twilio-Signature, checked before anything is recorded',
  'app/(site)/problem/again/route.ts#GET': 'a 303 to the public problem page with its own query, checked by its own rules; reads nothing',
  'app/(site)/problem/again/route.ts#POST': 'the same 303 for a browser that repeats a form post at a 307 redirect; reads nothing',
  'app/api/health/route.ts#GET': 'health check for the load balancer: answers ok or degraded, nothing else; the deep answer (?deep=1) checks a bearer token (lib/ops/token) first and answers 401 without it',
  'app/api/auth/[...nextauth]/route.ts#GET': 'Auth.js’s own endpoints (session, CSRF token), which check their own tokens',
  'app/api/auth/[...nextauth]/route.ts#POST': 'Auth.js’s own endpoints (sign-out), CSRF-token checked by Auth.js',
  'app/(staff)/sign-in/actions.ts#signInAction': 'signing in: throttled per account and address (lib/auth/throttle.ts)',
  'app/(staff)/forgot-password/actions.ts#forgotPasswordAction': 'asking for a reset link: the same answer whether or not the account exists, throttled',
  'app/(staff)/set-password/[token]/actions.ts#setPasswordAction': 'set a password by single-use, expiring token: the token is the permission',
  'app/(staff)/dashboard/actions.ts#signOutAction': 'sign-out: ends only the caller’s own session, if there is one',
};

/** Dashboard entry points (path under app/(staff)/dashboard) → the permission they must check first. */
const EXPECTED: Record<string, Permission> = {
  'page.tsx': 'leads.read',
  'layout.tsx': 'leads.read',
  'inbox-actions.ts': 'leads.write',
  'inbox/updates/route.ts': 'leads.read',
  'leads/export/route.ts': 'leads.export',
  'leads/[id]/page.tsx': 'leads.read',
  'leads/[id]/actions.ts': 'leads.write',
  'account/page.tsx': 'leads.read',
  'account/actions.ts': 'leads.read',
  'account/security-actions.ts': 'leads.read',
  'account/authenticator/page.tsx': 'leads.read',
  'confirm/page.tsx': 'leads.read',
  'tasks/page.tsx': 'leads.read',
  'tasks/actions.ts': 'leads.write',
  'schedule/page.tsx': 'schedule.read',
  'schedule/actions.ts': 'leads.write',
  'emails/page.tsx': 'emails.read',
  'emails/[id]/page.tsx': 'emails.read',
  'emails/[id]/actions.ts': 'leads.write',
  'metrics/page.tsx': 'metrics.read',
  'admin/staff/page.tsx': 'staff.manage',
  'admin/staff/actions.ts': 'staff.manage',
  'admin/settings/page.tsx': 'settings.manage',
  'admin/settings/actions.ts': 'settings.manage',
  'admin/audit/page.tsx': 'audit.read',
  'health/page.tsx': 'settings.manage',
  'privacy/[leadId]/export/route.ts': 'leads.export',
  'privacy/[leadId]/erase/page.tsx': 'leads.erase',
  'privacy/[leadId]/erase/actions.ts': 'leads.erase',
};
const DASHBOARD = 'app/(staff)/dashboard/';

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : /\.(ts|tsx|js|jsx|mts)$/.test(name) ? [full] : [];
  });
}

const all: EntryPoint[] = SEARCHED.flatMap((dir) =>
  walk(path.join(projectRoot, dir)).flatMap((full) => {
    const file = path.relative(projectRoot, full).split(path.sep).join('/');
    return findEntryPoints(file, readFileSync(full, 'utf8'));
  }),
);
// Pages outside the dashboard are public pages: only the dashboard's must check.
const entryPoints = all.filter((p) => p.kind !== 'page' || p.file.startsWith(DASHBOARD));
const describePoint = (p: EntryPoint) => `${p.kind} ${keyOf(p)}: first step is ${p.firstStep}`;

describe('authorization in every entry point', () => {
  it('finds the entry points it guards (a parser that finds nothing passes everything)', () => {
    const count = (kind: EntryPoint['kind']) => entryPoints.filter((p) => p.kind === kind).length;
    expect(count('action')).toBeGreaterThanOrEqual(30);
    expect(count('inline-action')).toBeGreaterThanOrEqual(1);
    expect(count('route')).toBeGreaterThanOrEqual(9);
    expect(count('page')).toBeGreaterThanOrEqual(13);
    console.log(`authz-coverage: ${entryPoints.length} entry points (${['action', 'inline-action', 'route', 'page'].map((k) => `${count(k as EntryPoint['kind'])} ${k}`).join(', ')})`);
  });

  it('every server action and route handler checks first, or is public on purpose', () => {
    const unchecked = entryPoints.filter((p) => p.check === null && !(keyOf(p) in PUBLIC));
    expect(unchecked.map(describePoint)).toEqual([]);
  });

  it('names only public entry points that exist and really do not check (no stale or needless entries)', () => {
    const keys = new Set(entryPoints.map(keyOf));
    expect(Object.keys(PUBLIC).filter((k) => !keys.has(k))).toEqual([]);
    expect(entryPoints.filter((p) => keyOf(p) in PUBLIC && p.check !== null).map(keyOf)).toEqual([]);
    for (const reason of Object.values(PUBLIC)) expect(reason.length).toBeGreaterThan(10);
  });

  it('knows the permission of every dashboard entry point (add a new file to EXPECTED)', () => {
    const files = new Set(entryPoints.filter((p) => p.file.startsWith(DASHBOARD) && !(keyOf(p) in PUBLIC)).map((p) => p.file.slice(DASHBOARD.length)));
    expect([...files].filter((f) => !(f in EXPECTED))).toEqual([]);
    expect(Object.keys(EXPECTED).filter((f) => !files.has(f))).toEqual([]);
    for (const p of Object.values(EXPECTED)) expect(PERMISSIONS).toContain(p);
  });

  it('every dashboard entry point checks the permission the table expects', () => {
    const wrong = entryPoints
      .filter((p) => p.file.startsWith(DASHBOARD) && p.check !== null)
      .filter((p) => p.check!.permission !== EXPECTED[p.file.slice(DASHBOARD.length)])
      .map((p) => `${keyOf(p)} checks ${p.check!.permission}`);
    expect(wrong).toEqual([]);
  });

  it('gives admin-only areas permissions staff do not have', () => {
    for (const [rel, expected] of Object.entries(EXPECTED)) {
      if (!/^(admin|privacy|metrics|health)\//.test(rel) && rel !== 'leads/export/route.ts') continue;
      expect(can('staff', expected), rel).toBe(false);
    }
  });
});

describe('the entry-point finder itself', () => {
  const unchecked = (file: string, text: string) => findEntryPoints(file, text).filter((p) => p.check === null).map((p) => p.name);
  const checked = (file: string, text: string) => findEntryPoints(file, text).filter((p) => p.check !== null).map((p) => p.name);

  it('catches an action that reads the database before it checks', () => {
    const src = `'use server';\nexport async function a() { const db = await getDb(); await requireStaff('leads.write'); }`;
    expect(unchecked('app/x/actions.ts', src)).toEqual(['a']);
    const sneaky = `'use server';\nexport async function a() { const p = getDb(); await requireStaff('leads.write'); return p; }`;
    expect(unchecked('app/x/actions.ts', sneaky)).toEqual(['a']);
  });

  it('catches an arrow function export without a check, and accepts one with a check inside failSafe', () => {
    expect(unchecked('lib/x.ts', `'use server'\nexport const x = async () => {};`)).toEqual(['x']);
    const ok = `'use server';\nexport const y = async (fd: FormData) => failSafe('y', async () => { const s = await requireStaff('leads.write'); await save(s); });`;
    expect(checked('lib/x.ts', ok)).toEqual(['y']);
  });

  it('catches `export { a as b }`, default exports and re-exports', () => {
    const src = `'use server';\nasync function a() { await save(); }\nexport { a as b };\nexport default async function () { await save(); }`;
    expect(unchecked('app/x/actions.ts', src)).toEqual(['b', 'default']);
    expect(unchecked('app/x/actions.ts', `'use server';\nconst c = async () => { await save(); };\nexport default c;`)).toEqual(['default']);
    expect(unchecked('app/x/actions.ts', `'use server';\nexport { z } from './other';\nexport * from './more';`)).toEqual(['z', '*']);
    expect(unchecked('app/x/actions.ts', `'use server';\nexport const w = wrap(async () => { await requireStaff('leads.read'); });`)).toEqual(['w']);
  });

  it('catches an inline action in any file, and a route handler in any export form', () => {
    const page = `export default function P() { async function go() { 'use server'; await db.delete(leads); } return null; }`;
    expect(unchecked('components/x.tsx', page)).toEqual(['go']);
    expect(unchecked('app/api/x/route.ts', `export const POST = async (r: Request) => { await r.text(); };`)).toEqual(['POST']);
    expect(unchecked('app/api/x/route.ts', `const h = async () => {};\nexport { h as DELETE };`)).toEqual(['DELETE']);
    expect(unchecked('app/api/x/route.ts', `export const { GET, PUT } = handlers;`)).toEqual(['GET', 'PUT']);
    // Reading the route's own params first is allowed; a step-up check counts as a check.
    const guarded = `export async function PATCH(_r: Request, { params }: Ctx) { const { id } = await params; await requireRecentAuth('staff.manage'); }`;
    expect(checked('app/api/x/route.ts', guarded)).toEqual(['PATCH']);
  });

  it('ignores files without a directive and exports of a route that are not HTTP methods', () => {
    expect(findEntryPoints('lib/x.ts', `export async function helper() { await getDb(); }`)).toEqual([]);
    expect(findEntryPoints('app/api/x/route.ts', `export const dynamic = 'force-dynamic';`)).toEqual([]);
    // A 'use server' string that is not the first statement is not a directive.
    expect(findEntryPoints('lib/y.ts', `import x from 'y';\n'use server';\nexport async function f() {}`)).toEqual([]);
  });
});
