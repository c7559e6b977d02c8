// What the backup tests share: a database filled with the demo clinic plus a row in every table the seed leaves
// empty (awkward text included), a fingerprint of every table (rows and an md5 of every row's text in primary-key
// order) and of every sequence, and the real `npm run db:backup` / `db:restore` scripts run as child processes.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Database, DbHandle } from '@/db/client';
import { buildLead } from '@/db/factories';
import * as t from '@/db/schema';
import { seedDemoData } from '@/db/seed';
import { hashPassword } from '@/lib/auth/password';

/** postgres.js answers with the rows, PGlite with { rows }. */
async function rowsOf<T>(db: Database, text: string): Promise<T[]> {
  const result: unknown = await db.execute(sql.raw(text));
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

export type Fingerprint = Record<string, { rows: number; md5: string }>;

/**
 * Every table of the app's schema and of the migrations' record: its row count and the md5 of all its rows' text,
 * ordered by primary key; and every sequence's last value (so new rows after a restore get fresh ids).
 */
export async function fingerprint(handle: DbHandle): Promise<Fingerprint> {
  const tables = await rowsOf<{ s: string; t: string }>(
    handle.db,
    `select table_schema as s, table_name as t from information_schema.tables
     where table_schema in ('public', 'drizzle') and table_type = 'BASE TABLE' order by 1, 2`,
  );
  const result: Fingerprint = {};
  for (const { s, t: table } of tables) {
    const name = `"${s}"."${table}"`;
    const keys = await rowsOf<{ a: string }>(
      handle.db,
      `select a.attname as a from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
       where i.indrelid = '${name}'::regclass and i.indisprimary order by array_position(i.indkey::int2[], a.attnum)`,
    );
    const order = keys.length ? keys.map((k) => `x."${k.a}"`).join(', ') : 'x::text';
    const [row] = await rowsOf<{ rows: number; md5: string }>(
      handle.db,
      `select count(*)::int as rows, md5(coalesce(string_agg(x::text, E'\\n' order by ${order}), '')) as md5 from ${name} x`,
    );
    result[s === 'public' ? table : `${s}.${table}`] = row!;
  }
  const sequences = await rowsOf<{ s: string; n: string | null }>(
    handle.db,
    `select schemaname || '.' || sequencename as s, last_value::text as n from pg_sequences
     where schemaname in ('public', 'drizzle') order by 1`,
  );
  for (const { s, n } of sequences) result[`sequence ${s}`] = { rows: 0, md5: n ?? 'unused' };
  return result;
}

/** The demo clinic, and at least one row in every other table, with text that tests quoting and encoding. */
export async function seedForBackup(db: Database, now: Date): Promise<void> {
  await seedDemoData(db, {
    now,
    clinic: { name: 'Backup Test Clinic', physician: 'Dr. Test', address: '1 Test St', phone: '(310) 555-0100', timeZone: 'America/Los_Angeles' },
    passwordHash: await hashPassword('backup-test-password'),
    adminEmail: 'admin@example.com',
    staffEmail: 'frontdesk@example.com',
  });
  const [admin] = await db.select().from(t.staffUsers).limit(1);
  const [provider] = await db.select().from(t.providers).limit(1);
  const awkward = 'Zoë "O\'Brien"\\ back\tpain\nsecond line, 痛み, 🦴';
  const [lead] = await db.insert(t.leads).values(buildLead({ firstName: awkward, email: 'zoe@example.com' })).returning();
  const later = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
  await db.insert(t.authTokens).values({ staffUserId: admin!.id, purpose: 'password_reset', tokenHash: 'hash-1', expiresAt: later(60), createdAt: now });
  await db.insert(t.staffSessions).values({ staffUserId: admin!.id, createdAt: now, lastSeenAt: now, reauthenticatedAt: now, ip: '203.0.113.7', userAgent: awkward });
  await db.insert(t.staffPasskeys).values({ staffUserId: admin!.id, credentialId: 'cred-1', publicKey: 'pk', name: 'Laptop', transports: ['internal'], createdAt: now });
  await db.insert(t.staffTotp).values({ staffUserId: admin!.id, secretSealed: 'sealed', createdAt: now, lastUsedStep: 2 ** 40 });
  await db.insert(t.staffRecoveryCodes).values({ staffUserId: admin!.id, codeHash: 'code-hash', createdAt: now });
  await db.insert(t.loginAttempts).values([1, 2, 3].map((i) => ({ accountKey: `account-${i}`, addressKey: 'address', succeeded: i === 3, at: later(i) })));
  await db.insert(t.rateLimits).values({ key: 'form:address', windowStart: now, count: 3 });
  await db.insert(t.closures).values({ providerId: provider!.id, startsAt: later(60 * 24), endsAt: later(60 * 48), reason: awkward, createdAt: now });
  await db.insert(t.callLogs).values({ leadId: lead!.id, staffUserId: admin!.id, outcome: 'no_answer', notes: awkward, calledAt: now });
  const [message] = await db
    .insert(t.emailMessages)
    .values({ leadId: lead!.id, template: 'follow-up', category: 'follow_up', toAddress: 'zoe@example.com', props: { note: awkward, n: [1, 2] }, sendAfter: now, createdAt: now, updatedAt: now })
    .returning();
  await db.insert(t.emailEvents).values({ svixId: 'msg_1', emailMessageId: message!.id, type: 'email.delivered', payload: { nested: { a: awkward } }, receivedAt: now });
  await db.insert(t.consultDrafts).values({ id: 'draft-id-hash', sealed: Buffer.from(awkward).toString('base64url'), expiresAt: later(240), createdAt: now, updatedAt: now });
  await db.insert(t.emailSuppressions).values({ emailNormalized: 'gone@example.com', reason: 'unsubscribed', createdAt: now });
  await db.insert(t.auditLog).values([1, 2].map((i) => ({ actorStaffId: admin!.id, action: 'lead_viewed', entityType: 'lead', entityId: lead!.id, ip: '2001:db8::1', detail: { i }, at: later(i) })));
  await db.insert(t.emailSendRate).values({ id: 1, nextAt: later(1) });
  const [text] = await db
    .insert(t.textMessages)
    .values({ leadId: lead!.id, kind: 'booking-confirmation', toNumber: '+13235550123', timeZone: 'America/Los_Angeles', body: awkward, props: { nested: { a: awkward } }, sendAfter: now, createdAt: now })
    .returning();
  await db.insert(t.textNumbers).values({ phoneE164: '+13235550124', optedOutAt: now, optOutKeyword: 'STOP', updatedAt: now });
  await db.insert(t.textConsents).values({ leadId: lead!.id, phoneE164: '+13235550123', source: 'form', wording: awkward, givenAt: now });
  await db.insert(t.textEvents).values({ eventKey: 'SM-status-1', kind: 'status', textMessageId: text!.id, leadId: lead!.id, payload: { Body: awkward }, receivedAt: now });
  await db.insert(t.textSettings).values({ id: 1, enabled: true, disabledKinds: ['staff-tried-to-call'], updatedAt: now });
}

export type ScriptResult = { code: number; stdout: string; stderr: string };

/** Runs `npm run <script>` as the operator would (tsx, this repository), with `env` on top of the test's. */
export function runScript(script: 'db-backup' | 'db-restore' | 'migrate', args: string[], env: Record<string, string>): Promise<ScriptResult> {
  const file = script === 'migrate' ? 'db/migrate-cli.ts' : `scripts/${script}.ts`;
  const tsx = path.join(process.cwd(), 'node_modules', '.bin', 'tsx');
  return new Promise((resolve) => {
    execFile(tsx, [file, ...args], { cwd: process.cwd(), env: { ...process.env, MIGRATION_DATABASE_URL: '', ...env }, timeout: 120_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}
