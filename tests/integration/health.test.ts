// System health against a real database: the figures read from outbox rows, webhook rows and appointments
// seeded at fixed times around a `now` the test passes, and the admins' alert email deduplicated per problem
// episode (two checks → one email each; cleared and back → a second), sent through the real SDK to the fake Resend.
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as t from '@/db/schema';
import { buildAppointment, buildLead, buildStaffUser } from '@/db/factories';
import { enqueueEmail } from '@/lib/email/outbox';
import { runEmailWorkerOnce, type WorkerContext } from '@/lib/email/worker';
import { runHealthAlerts, type AlertOptions } from '@/lib/ops/alerts';
import { getHealthFigures, getHealthReport, listMissingReminders, reportJson } from '@/lib/ops/health';
import { DEFAULT_THRESHOLDS } from '@/lib/ops/health-rules';
import { seedClinic } from '../support/consult-fixtures';
import { captureLogs } from '../support/logs';
import { availableBackends, createTestDatabase, type TestDatabase } from '../support/db';
import { startFakeResend, type FakeResend } from '../support/fake-resend';
import { workerContextFor } from '../support/worker-context';

const now = new Date('2031-03-04T18:00:00Z');
const minutes = (m: number, from = now) => new Date(from.getTime() + m * 60_000);
const hours = (h: number, from = now) => minutes(h * 60, from);

const options: AlertOptions = { thresholds: DEFAULT_THRESHOLDS, appUrl: 'https://clinic.test', fallbackTo: 'frontdesk@clinic.test' };

describe.each(await availableBackends())('system health on %s', (backend) => {
  let handle: TestDatabase;
  let providerId: string;
  let fake: FakeResend;
  let ctx: WorkerContext;

  beforeAll(async () => {
    handle = await createTestDatabase(backend);
    providerId = (await seedClinic(handle.db)).provider.id;
    await handle.db.insert(t.staffUsers).values([
      buildStaffUser({ role: 'admin', email: 'admin.one@clinic.test', createdAt: hours(-500), updatedAt: hours(-500) }),
      buildStaffUser({ role: 'admin', email: 'admin.two@clinic.test', createdAt: hours(-500), updatedAt: hours(-500) }),
      buildStaffUser({ role: 'admin', email: 'admin.gone@clinic.test', disabledAt: hours(-100), createdAt: hours(-500), updatedAt: hours(-500) }),
      buildStaffUser({ role: 'staff', email: 'desk@clinic.test', createdAt: hours(-500), updatedAt: hours(-500) }),
    ]);
    fake = await startFakeResend();
    ctx = await workerContextFor(handle.db, fake);
  });

  afterAll(async () => {
    await fake?.close();
    await handle?.dispose();
  });

  beforeEach(async () => {
    fake.reset();
    await handle.db.execute(sql`truncate email_events, email_messages, appointments, leads cascade`);
  });

  /** An outbox row with every time explicit. */
  async function message(values: Partial<t.NewEmailMessage> & { status: t.EmailMessage['status'] }) {
    const at = values.createdAt ?? hours(-30);
    const [row] = await handle.db
      .insert(t.emailMessages)
      .values({ template: 'staff-new-request', category: 'staff', toAddress: 'desk@clinic.test', props: { reference: 'CR-TEST01' }, sendAfter: at, createdAt: at, updatedAt: at, ...values })
      .returning();
    return row!;
  }

  /** A lead (with an address unless told otherwise) and a booked appointment starting at `startsAt`. */
  async function appointment(startsAt: Date, lead: Partial<t.NewLead> = {}, status: t.Appointment['status'] = 'booked') {
    const [l] = await handle.db.insert(t.leads).values(buildLead({ createdAt: hours(-72), updatedAt: hours(-72), contactConsentAt: hours(-72), ...lead })).returning();
    const [a] = await handle.db
      .insert(t.appointments)
      .values(buildAppointment(providerId, l!.id, startsAt, { status, createdAt: hours(-48), updatedAt: hours(-48) }))
      .returning();
    return { leadId: l!.id, appointmentId: a!.id };
  }

  async function reminder(a: { leadId: string; appointmentId: string }, status: t.EmailMessage['status'], startsAt: Date) {
    await message({
      template: 'appointment-reminder',
      category: 'transactional',
      toAddress: 'patient@example.com',
      leadId: a.leadId,
      appointmentId: a.appointmentId,
      props: { reference: 'CR-TEST02', startsAt: startsAt.toISOString(), timeZone: 'America/Los_Angeles' },
      dedupeKey: `reminder:${a.appointmentId}`,
      status,
      sendAfter: hours(-24, startsAt),
    });
  }

  it('reads each figure from rows seeded around now, and counts only what is due, recent and booked', async () => {
    // The outbox: two due and unsent (the oldest due 20 minutes ago), one not yet due, one kept in preview mode.
    await message({ status: 'pending', sendAfter: minutes(-20) });
    await message({ status: 'sending', sendAfter: minutes(-2), lockedUntil: minutes(8) });
    await message({ status: 'pending', sendAfter: hours(3) });
    await message({ status: 'held', sendAfter: hours(-2) });
    // Failures: two in the last hour, one before it.
    await message({ status: 'failed', updatedAt: minutes(-30) });
    await message({ status: 'failed', updatedAt: minutes(-59) });
    await message({ status: 'failed', updatedAt: minutes(-61) });
    // Sends: the last one 10 minutes ago, one 3 hours ago, and none counted from "after now".
    await message({ status: 'sent', sentAt: minutes(-10) });
    await message({ status: 'delivered', sentAt: hours(-3) });
    // The last delivery report came 5 hours ago: the send 3 hours ago has had none since.
    await handle.db.insert(t.emailEvents).values({ svixId: 'msg_old', type: 'email.delivered', payload: {}, receivedAt: hours(-5) });

    // Appointments 24–48 hours ahead, which should each have a reminder waiting…
    const fine = await appointment(hours(30));
    await reminder(fine, 'pending', hours(30));
    const sentEarly = await appointment(hours(47));
    await reminder(sentEarly, 'sent', hours(47));
    await appointment(hours(36)); // none
    const cancelledOne = await appointment(hours(40));
    await reminder(cancelledOne, 'cancelled', hours(40));
    const moved = await appointment(hours(44));
    await reminder(moved, 'pending', hours(43)); // still for the old time: the worker would drop it
    // …and those that need none: too soon (due already: the backlog covers it), too late, cancelled, no usable address.
    await appointment(hours(20));
    await appointment(hours(49));
    await appointment(hours(30), {}, 'cancelled');
    await appointment(hours(31), { emailUndeliverable: true });
    await appointment(hours(32), { email: null, emailNormalized: null, preferredContact: 'phone' });

    const figures = await getHealthFigures(handle.db, now, DEFAULT_THRESHOLDS);
    expect(figures).toEqual({
      backlog: 2,
      oldestPendingSince: minutes(-20),
      failedLastHour: 2,
      lastSentAt: minutes(-10),
      lastWebhookAt: hours(-5),
      sentWithoutReport: 1,
      remindersExpected: 5,
      remindersMissing: 3,
    });
    const missing = await listMissingReminders(handle.db, now);
    expect(missing.missing.map((m) => m.startsAt)).toEqual([hours(36), hours(40), hours(44)]);

    const report = await getHealthReport(async () => handle.db, now, DEFAULT_THRESHOLDS);
    expect(report.problems.map((p) => p.code)).toEqual(['email_backlog', 'reminders_missing', 'webhooks_silent']);
    const json = reportJson(report);
    expect(json).toMatchObject({ status: 'problem', database: 'ok', figures: { backlog: 2, oldestPendingMinutes: 20, remindersMissing: 3 } });
    // Counts and codes only: no address, reference or id of anyone.
    expect(JSON.stringify(json)).not.toMatch(/@|CR-TEST|[0-9a-f]{8}-[0-9a-f]{4}-/);
  });

  it('finds nothing wrong in a quiet, empty outbox', async () => {
    const report = await getHealthReport(async () => handle.db, now, DEFAULT_THRESHOLDS);
    expect(report.problems).toEqual([]);
    expect(report.figures).toMatchObject({ backlog: 0, oldestPendingSince: null, lastSentAt: null, lastWebhookAt: null, remindersExpected: 0 });
    expect(reportJson(report).status).toBe('ok');
  });

  it('reports a database that does not answer as a problem, not an exception', async () => {
    const { result: report, lines } = await captureLogs(() =>
      getHealthReport(() => Promise.reject(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })), now, DEFAULT_THRESHOLDS),
    );
    // Logged once, by its kind: the error's message is not written.
    expect(lines.map((l) => [l.level, l.component, l.kind, l.msg])).toEqual([['error', 'health', 'system ECONNREFUSED', 'health figures could not be read']]);
    expect(JSON.stringify(lines)).not.toContain('connect ECONNREFUSED');
    expect(report.database).toBe('down');
    expect(report.problems.map((p) => p.code)).toEqual(['database_down']);
    expect(reportJson(report)).toMatchObject({ status: 'problem', figures: null });
  });

  const alerts = () => handle.db.select().from(t.emailMessages).where(eq(t.emailMessages.template, 'staff-system-alert')).orderBy(t.emailMessages.createdAt);
  const failures = async (at: Date, n = 5) => {
    for (let i = 0; i < n; i++) await message({ status: 'failed', updatedAt: minutes(-10, at) });
  };

  it('emails each active admin once per episode: two checks send one alert, cleared and back sends a second', async () => {
    await failures(now);
    const first = await runHealthAlerts(handle.db, now, options);
    expect(first.plan).toMatchObject({ send: true, raised: ['email_failures'] });
    expect(first.recipients).toBe(2);
    await runEmailWorkerOnce(ctx, now);
    // A minute later the failures are still within the hour: nothing new.
    const second = await runHealthAlerts(handle.db, minutes(1), options);
    expect(second.plan).toMatchObject({ send: false, raised: [], cleared: [] });
    await runEmailWorkerOnce(ctx, minutes(1));
    expect(fake.messages().map((m) => m.to[0]).sort()).toEqual(['admin.one@clinic.test', 'admin.two@clinic.test']);
    const sent = fake.messages()[0]!;
    expect(sent.subject).toBe('System alert: Many emails failed');
    expect(sent.text).toContain('5 emails failed for good in the last hour (the limit is 5).');
    expect(sent.text).toContain('https://clinic.test/dashboard/health');

    // Resend reports the deliveries (without a report the alerts would raise webhooks_silent later on).
    await handle.db.insert(t.emailEvents).values({ svixId: 'msg_delivered', type: 'email.delivered', payload: {}, receivedAt: minutes(5) });

    // Two hours on, the failures are out of the last hour: the episode is marked cleared, without an email.
    const cleared = await runHealthAlerts(handle.db, hours(2), options);
    expect(cleared.plan).toMatchObject({ send: false, cleared: ['email_failures'] });
    expect((await alerts()).every((a) => (a.props as { healthAlert: { cleared: string[] } }).healthAlert.cleared.includes('email_failures'))).toBe(true);

    // They come back: a second alert each.
    await failures(hours(3));
    const back = await runHealthAlerts(handle.db, hours(3), options);
    expect(back.plan).toMatchObject({ send: true, raised: ['email_failures'] });
    await runEmailWorkerOnce(ctx, hours(3));
    expect(fake.messages().filter((m) => m.to[0] === 'admin.one@clinic.test')).toHaveLength(2);
    expect(fake.messages()).toHaveLength(4);
  });

  it('sends again at most once a day while a problem lasts, and one waiting alert replaces an older one', async () => {
    // Mail is stuck: a message due for 20 minutes, and nothing goes out (the worker never runs in this test).
    await message({ status: 'pending', sendAfter: minutes(-20) });
    expect((await runHealthAlerts(handle.db, now, options)).recipients).toBe(2);
    expect((await runHealthAlerts(handle.db, hours(23), options)).plan).toMatchObject({ send: false });
    const repeat = await runHealthAlerts(handle.db, hours(24), options);
    // Nothing has ever been sent either: both problems were reported at first, and both are reported again.
    expect(repeat.plan).toMatchObject({ send: true, raised: [], repeated: ['email_backlog', 'email_not_sending'] });
    const rows = await alerts();
    // The first alerts never left (mail is stuck): the new ones say everything, so the old ones are cancelled.
    expect(rows.map((r) => [r.toAddress, r.status, r.createdAt.getTime()])).toEqual(
      expect.arrayContaining([
        ['admin.one@clinic.test', 'cancelled', now.getTime()],
        ['admin.two@clinic.test', 'cancelled', now.getTime()],
        ['admin.one@clinic.test', 'pending', hours(24).getTime()],
        ['admin.two@clinic.test', 'pending', hours(24).getTime()],
      ]),
    );
    expect(rows).toHaveLength(4);
  });

  it('writes one set of alerts when several workers check at the same moment', async () => {
    await failures(now);
    const runs = await Promise.all([1, 2, 3].map(() => runHealthAlerts(handle.db, now, options)));
    expect(runs.filter((r) => r.plan?.send)).toHaveLength(1);
    expect(await alerts()).toHaveLength(2);
  });

  it('alerts the fallback address when no admin is active', async () => {
    await handle.db.update(t.staffUsers).set({ disabledAt: hours(-1) }).where(eq(t.staffUsers.role, 'admin'));
    try {
      await failures(now);
      await runHealthAlerts(handle.db, now, options);
      expect((await alerts()).map((a) => [a.toAddress, a.dedupeKey])).toEqual([['frontdesk@clinic.test', 'alert:fallback']]);
    } finally {
      await handle.db
        .update(t.staffUsers)
        .set({ disabledAt: null })
        .where(and(eq(t.staffUsers.role, 'admin'), sql`${t.staffUsers.email} <> 'admin.gone@clinic.test'`));
    }
  });

  it('never puts a patient into an alert', async () => {
    const a = await appointment(hours(30), { firstName: 'Marisol', lastName: 'Quintanilla', email: 'marisol@example.com', emailNormalized: 'marisol@example.com' });
    await enqueueEmail(handle.db, { template: 'request-received', to: 'marisol@example.com', props: { firstName: 'Marisol', reference: 'CR-SECRET', manageUrl: 'https://clinic.test/consult/manage/x' }, leadId: a.leadId, sendAfter: minutes(-30) }, minutes(-30));
    const run = await runHealthAlerts(handle.db, now, options);
    expect(run.plan?.raised).toEqual(['email_backlog', 'email_not_sending', 'reminders_missing']);
    const [row] = await alerts();
    expect(JSON.stringify(row!.props)).not.toMatch(/Marisol|Quintanilla|marisol@|CR-SECRET/);
  });
});
