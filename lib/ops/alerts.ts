// The admins' alert email: run from the worker's pass (lib/email/runner, at most once a minute), it reads
// the health report and, per planAlerts (./health-rules), writes ONE alert email to each active admin when a
// problem's episode starts (or once per HEALTH_ALERT_REPEAT_HOURS while it lasts), and marks episodes that
// cleared. The alert rows in the outbox are the episode record (props.healthAlert: codes, cleared codes), so
// any number of workers share it; a transaction-level advisory lock makes one of them decide at a time.
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Database, Executor } from '@/db/client';
import { emailMessages, staffUsers } from '@/db/schema';
import { enqueueEmail, withoutSealedLinks, type EmailProps } from '@/lib/email/outbox';
import { componentLogger } from '@/lib/log';
import { getHealthReport } from './health';
import { planAlerts, type AlertEpisode, type AlertPlan, type HealthReport, type HealthThresholds, type ProblemCode } from './health-rules';

export const ALERT_TEMPLATE = 'staff-system-alert';
// Any constant: the key of the advisory lock the alert check holds for its transaction.
const ALERT_LOCK_KEY = 7_204_311;
// Enough history to find the last alert of every code: each check writes at most one row per recipient.
const HISTORY_ROWS = 500;

export type AlertOptions = {
  thresholds: HealthThresholds;
  /** Base URL without a trailing slash: the alert links to the health view. */
  appUrl: string;
  /** Where alerts go when there is no active admin (STAFF_ALERT_EMAIL). */
  fallbackTo: string;
};

export type AlertRun = { report: HealthReport; plan: AlertPlan | null; recipients: number };

type StoredAlert = NonNullable<EmailProps['healthAlert']>;

/** The latest alert naming each code, from alert rows newest first (pure). */
export function episodesFrom(rows: readonly { createdAt: Date; alert: StoredAlert | null }[]): Map<string, AlertEpisode> {
  const episodes = new Map<string, AlertEpisode>();
  for (const { createdAt, alert } of rows) {
    for (const code of alert?.codes ?? []) {
      if (!episodes.has(code)) episodes.set(code, { lastAlertAt: createdAt, cleared: (alert?.cleared ?? []).includes(code) });
    }
  }
  return episodes;
}

async function readEpisodes(tx: Executor): Promise<Map<string, AlertEpisode>> {
  const rows = await tx
    .select({ createdAt: emailMessages.createdAt, alert: sql<StoredAlert | null>`${emailMessages.props} -> 'healthAlert'` })
    .from(emailMessages)
    .where(eq(emailMessages.template, ALERT_TEMPLATE))
    .orderBy(desc(emailMessages.createdAt))
    .limit(HISTORY_ROWS);
  return episodesFrom(rows);
}

/** Records on every alert row still open for `code` that it cleared (a later crossing is a new episode). */
async function markCleared(tx: Executor, code: ProblemCode): Promise<void> {
  const listed = JSON.stringify([code]);
  await tx
    .update(emailMessages)
    .set({
      props: sql`jsonb_set(${emailMessages.props}, '{healthAlert,cleared}', coalesce(${emailMessages.props} #> '{healthAlert,cleared}', '[]'::jsonb) || ${listed}::jsonb)`,
    })
    .where(
      and(
        eq(emailMessages.template, ALERT_TEMPLATE),
        sql`${emailMessages.props} -> 'healthAlert' -> 'codes' @> ${listed}::jsonb`,
        sql`not coalesce(${emailMessages.props} #> '{healthAlert,cleared}', '[]'::jsonb) @> ${listed}::jsonb`,
      ),
    );
}

/** Active admins' addresses (each with a stable key), or the fallback address when there are none. */
async function alertRecipients(tx: Executor, fallbackTo: string): Promise<{ key: string; to: string }[]> {
  const admins = await tx
    .select({ id: staffUsers.id, email: staffUsers.email })
    .from(staffUsers)
    .where(and(eq(staffUsers.role, 'admin'), isNull(staffUsers.disabledAt)));
  return admins.length ? admins.map((a) => ({ key: a.id, to: a.email })) : [{ key: 'fallback', to: fallbackTo }];
}

/** One alert per recipient. An older alert still waiting to go out is superseded: this one says everything. */
async function writeAlerts(tx: Executor, report: HealthReport, plan: AlertPlan, options: AlertOptions, now: Date): Promise<number> {
  await tx
    .update(emailMessages)
    .set({ status: 'cancelled', lastError: 'superseded', props: withoutSealedLinks })
    .where(and(eq(emailMessages.template, ALERT_TEMPLATE), eq(emailMessages.status, 'pending')));
  const healthAlert: StoredAlert = {
    codes: report.problems.map((p) => p.code),
    raised: plan.raised,
    problems: report.problems.map(({ code, severity, title, detail, action }) => ({ code, severity, title, detail, action })),
  };
  const recipients = await alertRecipients(tx, options.fallbackTo);
  for (const r of recipients) {
    await enqueueEmail(
      tx,
      { template: ALERT_TEMPLATE, to: r.to, props: { healthAlert, dashboardUrl: `${options.appUrl}/dashboard/health` }, dedupeKey: `alert:${r.key}` },
      now,
    );
  }
  return recipients.length;
}

/** One check: the report, then (under the lock) the plan, the cleared marks and the alert emails. */
export async function runHealthAlerts(db: Database, now: Date, options: AlertOptions): Promise<AlertRun> {
  const report = await getHealthReport(async () => db, now, options.thresholds);
  // Without the database nothing can be written; the deep health answer (and its monitor) covers that case.
  if (report.database === 'down') return { report, plan: null, recipients: 0 };
  const crossed = report.problems.map((p) => p.code);
  const result = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${sql.raw(String(ALERT_LOCK_KEY))})`);
    const plan = planAlerts(crossed, await readEpisodes(tx), now, options.thresholds.alertRepeatHours);
    for (const code of plan.cleared) await markCleared(tx, code);
    const recipients = plan.send ? await writeAlerts(tx, report, plan, options, now) : 0;
    return { plan, recipients };
  });
  const { plan, recipients } = result;
  if (plan.send || plan.cleared.length) {
    componentLogger('health').warn({ raised: plan.raised, repeated: plan.repeated, cleared: plan.cleared, recipients }, 'system alert state changed');
  }
  return { report, ...result };
}
