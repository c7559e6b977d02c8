// Every dashboard entry point checks who is asking before it does anything, with the permission this table
// expects. A new page, action file or route handler fails here until it is added to the table, so nobody can
// ship one that forgot its check (the end-to-end walk in tests/e2e/dashboard-access.spec.ts asks the server).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { can, PERMISSIONS, type Permission } from '@/lib/auth/permissions';

const root = path.resolve(__dirname, '../../app/(staff)/dashboard');

/** Entry point (relative to app/(staff)/dashboard) → the permission it must check first. */
const EXPECTED: Record<string, Permission | Permission[]> = {
  'page.tsx': 'leads.read',
  'layout.tsx': 'leads.read',
  'actions.ts': [], // sign-out: anyone signed in (or not) may end their session
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
  'privacy/[leadId]/export/route.ts': 'leads.export',
  'privacy/[leadId]/erase/page.tsx': 'leads.erase',
  'privacy/[leadId]/erase/actions.ts': 'leads.erase',
};

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

const entryPoints = walk(root)
  .map((file) => path.relative(root, file).split(path.sep).join('/'))
  .filter((rel) => /(^|\/)(page\.tsx|layout\.tsx|route\.ts)$/.test(rel) || /(^|\/|-)actions\.ts$/.test(rel) || readFileSync(path.join(root, rel), 'utf8').startsWith("'use server'"));

/** The exported functions of a file with their bodies (a rough split, good enough for our own code style). */
function exportedFunctions(source: string): { name: string; body: string }[] {
  const starts = [...source.matchAll(/export (?:default )?(?:async )?function (\w+)\s*\(/g)];
  return starts.map((m, i) => ({ name: m[1]!, body: source.slice(m.index!, starts[i + 1]?.index ?? source.length) }));
}

const CHECK = /await (requireStaff|staffForRoute)\(\s*'([a-z.]+)'/;

describe('authorization in every dashboard entry point', () => {
  it('knows every entry point (add a new one to EXPECTED with the permission it needs)', () => {
    expect(entryPoints.filter((rel) => !(rel in EXPECTED))).toEqual([]);
  });

  it('lists only real permissions', () => {
    for (const expected of Object.values(EXPECTED)) {
      for (const p of [expected].flat()) expect(PERMISSIONS).toContain(p);
    }
  });

  it.each(entryPoints.filter((rel) => rel in EXPECTED && [EXPECTED[rel]!].flat().length > 0))(
    '%s checks its permission before anything else it awaits',
    (rel) => {
      const source = readFileSync(path.join(root, rel), 'utf8');
      const expected = [EXPECTED[rel]!].flat();
      const functions = exportedFunctions(source).filter((f) => /^[A-Z]/.test(f.name) || rel.endsWith('actions.ts') || /^(GET|POST|PUT|PATCH|DELETE)$/.test(f.name));
      expect(functions.length, 'no exported function found').toBeGreaterThan(0);
      for (const fn of functions) {
        // Reading the route's own params is not doing anything; every other await must come after the check.
        const firstAwait = [...fn.body.matchAll(/await [^;]*/g)].map((m) => m[0]).find((a) => !/^await (params|searchParams)\b/.test(a)) ?? '';
        const check = firstAwait.match(CHECK);
        expect(check, `${rel} ${fn.name}: first await is "${firstAwait.slice(0, 80)}"`).not.toBeNull();
        expect(expected, `${rel} ${fn.name}`).toContain(check![2]);
      }
    },
  );

  it('gives admin-only areas permissions staff do not have', () => {
    for (const [rel, expected] of Object.entries(EXPECTED)) {
      if (!/^(admin|privacy|metrics)\//.test(rel) && rel !== 'leads/export/route.ts') continue;
      for (const p of [expected].flat()) expect(can('staff', p), rel).toBe(false);
    }
  });
});
