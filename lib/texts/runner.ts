// Runs the text worker on a timer beside the email worker (inside the web server by default, or alone with
// `npm run worker`). Without TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN it runs in preview mode: texts are
// rendered and kept (`held`) for staff to read.
import { getDb } from '@/db/client';
import { appUrl, authSecrets, clinic, env } from '@/lib/env';
import { failureKind } from '@/lib/http/failure';
import { componentLogger } from '@/lib/log';
import { drain, loopHolder, startLoop } from '@/lib/outbox/loop';
import { reminderHours } from './outbox';
import { twilioTransport } from './transport';
import { runTextWorkerOnce, type TextWorkerContext } from './worker';

const holder = loopHolder('__clinicTextWorker');

/** The path Twilio posts delivery reports to (app/api/webhooks/twilio/status). */
export const STATUS_WEBHOOK_PATH = '/api/webhooks/twilio/status';
export const INBOUND_WEBHOOK_PATH = '/api/webhooks/twilio/inbound';

export async function textWorkerContext(): Promise<TextWorkerContext> {
  const e = env();
  const c = clinic();
  const configured = Boolean(e.TWILIO_ACCOUNT_SID && e.TWILIO_AUTH_TOKEN && (e.TWILIO_MESSAGING_SERVICE_SID || e.TWILIO_FROM_NUMBER));
  return {
    db: await getDb(),
    transport: configured
      ? twilioTransport({
          accountSid: e.TWILIO_ACCOUNT_SID!,
          authToken: e.TWILIO_AUTH_TOKEN!,
          messagingServiceSid: e.TWILIO_MESSAGING_SERVICE_SID,
          from: e.TWILIO_FROM_NUMBER,
          baseUrl: e.TWILIO_BASE_URL,
        })
      : null,
    brand: { clinicName: c.name, clinicPhone: c.phone },
    clinicTimeZone: c.timeZone,
    statusCallback: `${appUrl()}${STATUS_WEBHOOK_PATH}`,
    reminderHours: reminderHours(),
    sendRatePerSecond: e.TEXT_SEND_RATE_PER_SECOND,
    lockSeconds: e.EMAIL_LOCK_SECONDS,
    linkSecret: authSecrets(),
    quietHours: !e.TEXT_QUIET_HOURS_OFF,
  };
}

/** Starts the loop once per process; returns a stop function that waits for the current pass. */
export async function startTextWorker(): Promise<() => Promise<void>> {
  if (holder.stop) return holder.stop;
  const e = env();
  const ctx = await textWorkerContext();
  const log = componentLogger('texts');
  log.info(
    { provider: ctx.transport ? (e.TWILIO_BASE_URL ? 'twilio (custom base URL)' : 'twilio') : 'none' },
    ctx.transport ? 'text worker started: sending through Twilio' : 'text worker started in preview mode (no Twilio credentials): texts are kept for staff to read',
  );
  const pass = async (stopped: () => boolean) => {
    try {
      for (const summary of await drain(() => runTextWorkerOnce(ctx, new Date()), { stopped })) {
        if (summary.claimed > 0) log.info(summary, 'text worker pass');
      }
    } catch (error) {
      // Only the code: a query's parameters would carry numbers and names.
      log.error({ kind: failureKind(error) }, 'text worker pass failed');
    }
  };
  return startLoop(holder, pass, e.EMAIL_WORKER_INTERVAL_MS);
}
