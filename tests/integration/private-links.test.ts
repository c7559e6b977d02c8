// A database dump holds no working private link: every email that carries one (staff invites and resets,
// patients' manage and unsubscribe links) is stored with the link sealed, sent with the real link, kept
// afterwards with it hidden, and the sealed copy dropped once the message can no longer go out.
import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as t from '@/db/schema';
import { hashPassword } from '@/lib/auth/password';
import { inviteStaff, requestPasswordReset } from '@/lib/auth/service';
import { enqueueEmail, type EmailProps, type EmailTemplate } from '@/lib/email/outbox';
import { openPrivateLinks } from '@/lib/email/private-links';
import { getOutboxMessage, retryFailedEmail } from '@/lib/email/staff-view';
import { runEmailWorkerOnce, type WorkerContext } from '@/lib/email/worker';
import { authSecret } from '@/lib/env';
import { createTestDatabase, primaryBackend, type TestDatabase } from '../support/db';
import { startFakeResend, type FakeResend } from '../support/fake-resend';
import { workerContextFor } from '../support/worker-context';

const now = new Date('2026-12-01T17:00:00Z');
const later = (seconds: number) => new Date(now.getTime() + seconds * 1000);
const appUrl = 'http://localhost:3000';
const meta = { ip: '198.51.100.20', userAgent: 'vitest' };
const secretToken = () => `tok${randomBytes(18).toString('base64url')}`;

let handle: TestDatabase;
let fake: FakeResend;
let ctx: WorkerContext;
let adminId: string;
const unsubscribeTokens = new Map<string, string>();

beforeAll(async () => {
  handle = await createTestDatabase(await primaryBackend());
  const [admin] = await handle.db
    .insert(t.staffUsers)
    .values({ email: 'boss@example.com', name: 'Boss', role: 'admin', passwordHash: await hashPassword('a long enough password') })
    .returning();
  adminId = admin!.id;
  fake = await startFakeResend({ rejectDomains: ['rejected.test'] });
  ctx = await workerContextFor(handle.db, fake, {
    // Signed at render time, like the real one: a token per address, never stored by the outbox.
    unsubscribeUrl: (email) => {
      const token = unsubscribeTokens.get(email) ?? secretToken();
      unsubscribeTokens.set(email, token);
      return `${appUrl}/api/unsubscribe/${token}`;
    },
  });
});

afterAll(async () => {
  await fake?.close();
  await handle?.dispose();
});

beforeEach(() => fake.reset());

/** Every row of every table as text: what a dump of the database would show. */
async function databaseDump(): Promise<string> {
  // postgres.js answers with the rows, PGlite with { rows }.
  const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
  const tables = rowsOf<{ table_name: string }>(
    await handle.db.execute(sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`),
  );
  expect(tables.length).toBeGreaterThan(10);
  const parts: string[] = [];
  for (const { table_name } of tables) {
    const [row] = rowsOf<{ all: string | null }>(await handle.db.execute(sql`select string_agg(x::text, ' ') as all from ${sql.identifier(table_name)} x`));
    parts.push(row?.all ?? '');
  }
  return parts.join('\n');
}

const messageRow = async (id: string) => (await handle.db.select().from(t.emailMessages).where(eq(t.emailMessages.id, id)))[0]!;
const enqueue = (template: EmailTemplate, to: string, props: EmailProps) => handle.db.transaction((tx) => enqueueEmail(tx, { template, to, props }, now));

const appointment = { reference: 'CR-LINK01', startsAt: later(86_400 * 3).toISOString(), endsAt: later(86_400 * 3 + 1800).toISOString(), timeZone: 'America/Los_Angeles' };

describe('emails that carry a private link', () => {
  const manageCases: { template: EmailTemplate; extra: EmailProps }[] = [
    { template: 'request-received', extra: { reference: 'CR-LINK01' } },
    { template: 'booking-confirmed', extra: appointment },
    { template: 'booking-rescheduled', extra: appointment },
    { template: 'appointment-reminder', extra: appointment },
  ];

  it.each(manageCases)('$template: the manage link is never readable in the database, and arrives working', async ({ template, extra }) => {
    const token = secretToken();
    const to = `${template}@example.com`;
    const id = await enqueue(template, to, { firstName: 'Olive', ...extra, manageUrl: `${appUrl}/consult/manage/${token}` });

    expect(await databaseDump()).not.toContain(token);
    expect((await messageRow(id)).props.sealedLinks).toEqual(expect.any(String));

    expect(await runEmailWorkerOnce(ctx, later(1))).toMatchObject({ sent: 1 });
    const [delivered] = fake.messagesTo(to);
    expect(delivered!.html).toContain(`/consult/manage/${token}`);
    expect(delivered!.text).toContain(`/consult/manage/${token}`);

    const sent = await messageRow(id);
    expect(sent.status).toBe('sent');
    expect(sent.props.sealedLinks).toBeUndefined();
    expect(sent.html).toContain('/consult/manage/private-link-hidden');
    expect(await databaseDump()).not.toContain(token);
  });

  it('staff-invite and staff-password-reset: the one-time link is never readable in the database, and arrives working', async () => {
    const invite = await inviteStaff(handle.db, { email: 'new.person@example.com', name: 'New Person', role: 'staff', invitedBy: adminId, appUrl, meta, now });
    if (!invite.ok) throw new Error(invite.message);
    const [invitee] = await handle.db.select().from(t.staffUsers).where(eq(t.staffUsers.id, invite.staffId));
    await handle.db.update(t.staffUsers).set({ passwordHash: await hashPassword('a long enough password') }).where(eq(t.staffUsers.id, invitee!.id));
    await requestPasswordReset(handle.db, { email: 'boss@example.com', appUrl, meta, now });
    const [reset] = await handle.db.select().from(t.emailMessages).where(eq(t.emailMessages.template, 'staff-password-reset'));
    const resetLink = openPrivateLinks(reset!.props as EmailProps, authSecret())!.actionUrl!;
    const tokens = [invite.link, resetLink].map((link) => link.split('/set-password/')[1]!);

    const before = await databaseDump();
    for (const token of tokens) expect(before).not.toContain(token);

    expect(await runEmailWorkerOnce(ctx, later(1))).toMatchObject({ sent: 2 });
    expect(fake.messagesTo('new.person@example.com')[0]!.html).toContain(invite.link);
    expect(fake.messagesTo('boss@example.com')[0]!.text).toContain(resetLink);

    const after = await databaseDump();
    for (const token of tokens) expect(after).not.toContain(token);
    const rows = await handle.db.select().from(t.emailMessages).where(eq(t.emailMessages.category, 'staff'));
    for (const row of rows) expect(row.props.sealedLinks).toBeUndefined();
  });

  it('request-follow-up: the unsubscribe link arrives working and is kept only hidden', async () => {
    const id = await enqueue('request-follow-up', 'follow.up@example.com', { firstName: 'Olive', reference: 'CR-LINK02', bookAgainUrl: `${appUrl}/consult` });
    expect(await runEmailWorkerOnce(ctx, later(1))).toMatchObject({ sent: 1 });
    const token = unsubscribeTokens.get('follow.up@example.com')!;
    const [delivered] = fake.messagesTo('follow.up@example.com');
    expect(delivered!.html).toContain(`/api/unsubscribe/${token}`);
    expect(delivered!.headers['List-Unsubscribe']).toContain(token);
    expect((await messageRow(id)).html).toContain('/api/unsubscribe/private-link-hidden');
    expect(await databaseDump()).not.toContain(token);
  });

  it('staff reading a waiting message see where the link goes, never the link', async () => {
    const token = secretToken();
    const id = await enqueue('request-received', 'waiting@example.com', { firstName: 'Olive', reference: 'CR-LINK03', manageUrl: `${appUrl}/consult/manage/${token}` });
    const message = await getOutboxMessage(handle.db, id);
    expect(message!.body.kind).toBe('preview');
    expect(JSON.stringify(message)).not.toContain(token);
    expect(JSON.stringify(message)).not.toContain('sealedLinks');
    expect(JSON.stringify(message)).toContain('/consult/manage/private-link-hidden');
  });
});

describe('a message that can no longer go out', () => {
  it('a failed invite drops its sealed link, and staff are told to send a new one rather than a hidden link', async () => {
    const id = await enqueue('staff-invite', 'someone@rejected.test', { name: 'Someone', actionUrl: `${appUrl}/set-password/${secretToken()}`, expiresLabel: 'in 3 days' });
    expect(await runEmailWorkerOnce(ctx, later(1))).toMatchObject({ failed: 1 });
    const failed = await messageRow(id);
    expect(failed.status).toBe('failed');
    expect(failed.props.sealedLinks).toBeUndefined();
    expect(await retryFailedEmail(handle.db, { emailId: id, staffId: adminId, meta, now: later(2) })).toEqual({ ok: false, code: 'link_gone' });
  });

  it('a failed patient message keeps its link sealed, so staff can send it again with the link working', async () => {
    const token = secretToken();
    const id = await enqueue('request-received', 'patient@rejected.test', { firstName: 'Olive', reference: 'CR-LINK04', manageUrl: `${appUrl}/consult/manage/${token}` });
    expect(await runEmailWorkerOnce(ctx, later(1))).toMatchObject({ failed: 1 });
    expect((await messageRow(id)).props.sealedLinks).toEqual(expect.any(String));
    expect(await retryFailedEmail(handle.db, { emailId: id, staffId: adminId, meta, now: later(2) })).toEqual({ ok: true });
    expect(await databaseDump()).not.toContain(token);
  });

  it('a message whose links cannot be opened (another AUTH_SECRET) fails rather than going out with a hidden link', async () => {
    const id = await enqueue('request-received', 'other.secret@example.com', { firstName: 'Olive', reference: 'CR-LINK05', manageUrl: `${appUrl}/consult/manage/${secretToken()}` });
    expect(await runEmailWorkerOnce({ ...ctx, linkSecret: 'another-secret-of-at-least-thirty-two-characters' }, later(1))).toMatchObject({ failed: 1, sent: 0 });
    expect((await messageRow(id)).lastError).toMatch(/private link/);
    expect(fake.messagesTo('other.secret@example.com')).toEqual([]);
  });
});
