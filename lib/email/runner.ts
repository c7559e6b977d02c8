// Runs the outbox worker on a timer (inside the web server by default, or alone with `npm run worker`),
// plus the clock-driven messages (follow-ups, the daily digest) and, hourly, the deletion of expired
// security records (lib/security/housekeeping) and the folding of the inbox's kept counts (lib/inbox/counts);
// each minute too, the system-health alert check (lib/ops/alerts).
import { getDb } from '@/db/client';
import { appUrl, clinic, emailRatePerSecond, env } from '@/lib/env';
import { failureKind } from '@/lib/http/failure';
import { componentLogger } from '@/lib/log';
import { drain, loopHolder, startLoop } from '@/lib/outbox/loop';
import { runHealthAlerts } from '@/lib/ops/alerts';
import { healthThresholds } from '@/lib/ops/health';
import { compactStatusCounts } from '@/lib/inbox/counts';
import { runHousekeeping } from '@/lib/security/housekeeping';
import { renderEmail } from './render';
import { enqueueDailyDigest, enqueueDueFollowUps } from './scheduled';
import { resendTransport } from './transport';
import { unsubscribeUrl } from './unsubscribe';
import { runEmailWorkerOnce, type WorkerContext } from './worker';

const holder = loopHolder('__clinicEmailWorker');

export async function workerContext(): Promise<WorkerContext> {
  const e = env();
  const c = clinic();
  return {
    db: await getDb(),
    transport: e.RESEND_API_KEY ? resendTransport(e.RESEND_API_KEY) : null,
    from: e.EMAIL_FROM,
    brand: { clinicName: c.name, clinicPhone: c.phone, clinicAddress: c.address, appUrl: appUrl() },
    unsubscribeUrl: (email, issuedAt) => unsubscribeUrl(email, issuedAt),
    render: renderEmail,
    sendRatePerSecond: emailRatePerSecond(),
    lockSeconds: e.EMAIL_LOCK_SECONDS,
  };
}

/** Starts the loop once per process; returns a stop function that waits for the current pass. */
export async function startEmailWorker(): Promise<() => Promise<void>> {
  if (holder.stop) return holder.stop;
  const e = env();
  const ctx = await workerContext();
  const log = componentLogger('email');
  log.info(
    { provider: ctx.transport ? (e.RESEND_BASE_URL ? 'resend (custom base URL)' : 'resend') : 'none', ratePerSecond: emailRatePerSecond() },
    ctx.transport ? 'worker started: sending through Resend' : 'worker started in preview mode (no RESEND_API_KEY): messages are rendered and kept in the outbox for staff to read',
  );
  let lastScheduled = 0;
  let lastHousekeeping = 0;
  const pass = async (stopped: () => boolean) => {
    const now = new Date();
    try {
      if (now.getTime() - lastScheduled >= 60_000) {
        lastScheduled = now.getTime();
        await enqueueDueFollowUps(ctx.db, now, { afterDays: e.FOLLOW_UP_AFTER_DAYS, max: e.FOLLOW_UP_MAX, bookUrl: `${appUrl()}/consult` });
        await enqueueDailyDigest(ctx.db, now, { timeZone: clinic().timeZone, to: e.STAFF_ALERT_EMAIL, appUrl: appUrl() });
        // System health: one alert email to the admins per problem episode (lib/ops/alerts, docs/monitoring.md).
        // Its own failure is logged and never stops the sending below.
        await runHealthAlerts(ctx.db, now, { thresholds: healthThresholds(), appUrl: appUrl(), fallbackTo: e.STAFF_ALERT_EMAIL }).catch((error: unknown) =>
          componentLogger('health').error({ kind: failureKind(error) }, 'health alert check failed'),
        );
      }
      if (now.getTime() - lastHousekeeping >= 3_600_000) {
        lastHousekeeping = now.getTime();
        await runHousekeeping(ctx.db, now);
        // The inbox's kept counts: one row per (status, urgency, assignee) again (lib/inbox/counts, decisions/0016).
        await compactStatusCounts(ctx.db);
      }
      // Drain: keep going while full batches come back.
      for (const summary of await drain(() => runEmailWorkerOnce(ctx, new Date()), { stopped })) {
        if (summary.claimed > 0) log.info(summary, 'worker pass');
      }
    } catch (error) {
      // Only the code: Drizzle's message would carry query parameters (addresses, names).
      log.error({ kind: failureKind(error) }, 'worker pass failed');
    }
  };
  return startLoop(holder, pass, e.EMAIL_WORKER_INTERVAL_MS);
}
