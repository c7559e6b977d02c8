// The system-health figures, read from the outbox, the webhook log and the appointments at a given `now`,
// and the report built from them with the rules in ./health-rules. Counts and instants only: nothing here
// names a person, so the report can go to a monitor or into an alert email.
import { and, count, eq, gt, isNull, lte, max, min, or, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { appointments, emailEvents, emailMessages, leads } from '@/db/schema';
import { failureKind } from '@/lib/http/failure';
import { env } from '@/lib/env';
import { componentLogger } from '@/lib/log';
import { evaluateHealth, reminderMissing, reminderWindow, thresholdsFrom, type HealthFigures, type HealthReport, type HealthThresholds } from './health-rules';

const HOUR = 3_600_000;

/** Due, unsent messages: how many, and since when the oldest has been due. */
async function outboxBacklog(db: Database, now: Date) {
  const [row] = await db
    .select({ n: count(), oldest: min(emailMessages.sendAfter) })
    .from(emailMessages)
    .where(or(and(eq(emailMessages.status, 'pending'), lte(emailMessages.sendAfter, now)), eq(emailMessages.status, 'sending')));
  return { backlog: row?.n ?? 0, oldestPendingSince: row?.oldest ?? null };
}

/** Messages that failed for good in the hour before `now` (the row's last change is when it failed). */
async function failuresInLastHour(db: Database, now: Date): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(emailMessages)
    .where(and(eq(emailMessages.status, 'failed'), gt(emailMessages.updatedAt, new Date(now.getTime() - HOUR)), lte(emailMessages.updatedAt, now)));
  return row?.n ?? 0;
}

async function lastSendAndReport(db: Database, now: Date) {
  const [sent] = await db.select({ at: max(emailMessages.sentAt) }).from(emailMessages).where(lte(emailMessages.sentAt, now));
  const [report] = await db.select({ at: max(emailEvents.receivedAt) }).from(emailEvents).where(lte(emailEvents.receivedAt, now));
  return { lastSentAt: sent?.at ?? null, lastWebhookAt: report?.at ?? null };
}

/** Messages sent between a day and `silentHours` ago with no delivery report received after them. */
async function sentWithoutReport(db: Database, now: Date, silentHours: number, lastWebhookAt: Date | null): Promise<number> {
  if (silentHours <= 0) return 0;
  const newest = new Date(now.getTime() - silentHours * HOUR);
  const oldest = new Date(Math.max(now.getTime() - 24 * HOUR, lastWebhookAt?.getTime() ?? -Infinity));
  if (oldest >= newest) return 0;
  const [row] = await db
    .select({ n: count() })
    .from(emailMessages)
    .where(and(gt(emailMessages.sentAt, oldest), lte(emailMessages.sentAt, newest)));
  return row?.n ?? 0;
}

/**
 * Booked appointments starting 24 to 48 hours from now, for people with an address not known to bounce,
 * and how many of them lack a reminder that will go out (reminderMissing). The ids are returned for the
 * admin view; the report keeps only the counts.
 */
export async function listMissingReminders(db: Database, now: Date): Promise<{ expected: number; missing: { appointmentId: string; leadId: string; startsAt: Date }[] }> {
  const { from, to } = reminderWindow(now);
  const rows = await db
    .select({
      appointmentId: appointments.id,
      leadId: appointments.leadId,
      startsAt: appointments.startsAt,
      status: emailMessages.status,
      propsStartsAt: sql<string | null>`${emailMessages.props} ->> 'startsAt'`,
    })
    .from(appointments)
    .innerJoin(leads, eq(leads.id, appointments.leadId))
    // By the lead first (the reminder carries it; email_messages_lead_idx), then the appointment's key.
    .leftJoin(emailMessages, and(eq(emailMessages.leadId, appointments.leadId), eq(emailMessages.dedupeKey, sql`'reminder:' || ${appointments.id}::text`)))
    .where(
      and(
        eq(appointments.status, 'booked'),
        gt(appointments.startsAt, from),
        lte(appointments.startsAt, to),
        sql`${leads.email} is not null`,
        eq(leads.emailUndeliverable, false),
        isNull(leads.erasedAt),
      ),
    );
  const byAppointment = new Map<string, { leadId: string; startsAt: Date; messages: { status: string; startsAt: string | null }[] }>();
  for (const r of rows) {
    const entry = byAppointment.get(r.appointmentId) ?? { leadId: r.leadId, startsAt: r.startsAt, messages: [] };
    if (r.status) entry.messages.push({ status: r.status, startsAt: r.propsStartsAt });
    byAppointment.set(r.appointmentId, entry);
  }
  const missing = [...byAppointment]
    .filter(([, a]) => reminderMissing(a.startsAt, a.messages))
    .map(([appointmentId, a]) => ({ appointmentId, leadId: a.leadId, startsAt: a.startsAt }))
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  return { expected: byAppointment.size, missing };
}

/** The thresholds this deployment set (HEALTH_* variables, defaults in lib/env). */
export const healthThresholds = (): HealthThresholds => thresholdsFrom(env());

/** Every figure at `now`. Throws when the database does not answer (getHealthReport turns that into a problem). */
export async function getHealthFigures(db: Database, now: Date, thresholds: Pick<HealthThresholds, 'webhookSilentHours'>): Promise<HealthFigures> {
  const backlog = await outboxBacklog(db, now);
  const failedLastHour = await failuresInLastHour(db, now);
  const { lastSentAt, lastWebhookAt } = await lastSendAndReport(db, now);
  const silent = await sentWithoutReport(db, now, thresholds.webhookSilentHours, lastWebhookAt);
  const reminders = await listMissingReminders(db, now);
  return {
    ...backlog,
    failedLastHour,
    lastSentAt,
    lastWebhookAt,
    sentWithoutReport: silent,
    remindersExpected: reminders.expected,
    remindersMissing: reminders.missing.length,
  };
}

/** The figures and the problems they raise. A database that does not answer is a problem, not an exception. */
export async function getHealthReport(openDb: () => Promise<Database>, now: Date, thresholds: HealthThresholds): Promise<HealthReport> {
  let figures: HealthFigures | null = null;
  try {
    const db = await openDb();
    await db.execute(sql`select 1`);
    figures = await getHealthFigures(db, now, thresholds);
  } catch (error) {
    componentLogger('health').error({ kind: failureKind(error) }, 'health figures could not be read');
  }
  const problems = evaluateHealth(figures, thresholds, now);
  return { checkedAt: now, database: figures ? 'ok' : 'down', figures, problems };
}

/** The report as a monitor reads it: figures as numbers and ISO instants, problems as codes. */
export function reportJson(report: HealthReport) {
  const f = report.figures;
  return {
    status: report.problems.length ? 'problem' : 'ok',
    checkedAt: report.checkedAt.toISOString(),
    database: report.database,
    figures: f && {
      backlog: f.backlog,
      oldestPendingSince: f.oldestPendingSince?.toISOString() ?? null,
      oldestPendingMinutes: f.oldestPendingSince ? Math.floor((report.checkedAt.getTime() - f.oldestPendingSince.getTime()) / 60_000) : null,
      failedLastHour: f.failedLastHour,
      lastSentAt: f.lastSentAt?.toISOString() ?? null,
      lastWebhookAt: f.lastWebhookAt?.toISOString() ?? null,
      sentWithoutReport: f.sentWithoutReport,
      remindersExpected: f.remindersExpected,
      remindersMissing: f.remindersMissing,
    },
    problems: report.problems.map((p) => ({ code: p.code, severity: p.severity, title: p.title })),
  };
}

