// The system-health rules (pure, `now` passed in): which figures cross which threshold, the plain-English
// problem line staff read and the stable code monitors read, which appointments should have a reminder
// queued, and when the admins get an alert email. Queries live in ./health, the alert writer in ./alerts.
import type { Env } from '@/lib/env';

export type HealthThresholds = {
  /** The oldest message due but not sent has waited longer than this. */
  oldestPendingMinutes: number;
  /** This many messages or more failed for good in the last hour. */
  failuresPerHour: number;
  /** Nothing was sent for this long while messages were waiting (0: off). */
  noSendHours: number;
  /** Messages went out this long ago and no delivery report has arrived since (0: off). */
  webhookSilentHours: number;
  /** An alert that persists is sent again at most this often. */
  alertRepeatHours: number;
};

/** The thresholds from the parsed configuration (lib/env: HEALTH_* variables and their defaults). */
export function thresholdsFrom(e: Env): HealthThresholds {
  return {
    oldestPendingMinutes: e.HEALTH_OLDEST_PENDING_MINUTES,
    failuresPerHour: e.HEALTH_FAILURES_PER_HOUR,
    noSendHours: e.HEALTH_NO_SEND_HOURS,
    webhookSilentHours: e.HEALTH_WEBHOOK_SILENT_HOURS,
    alertRepeatHours: e.HEALTH_ALERT_REPEAT_HOURS,
  };
}

export const DEFAULT_THRESHOLDS: HealthThresholds = {
  oldestPendingMinutes: 15,
  failuresPerHour: 5,
  noSendHours: 2,
  webhookSilentHours: 2,
  alertRepeatHours: 24,
};

/** The figures behind every check; counts and instants only (nothing about any person). */
export type HealthFigures = {
  /** Messages due now and not yet sent: pending (including those waiting to retry) plus being sent. */
  backlog: number;
  /** When the oldest due, unsent message became due. */
  oldestPendingSince: Date | null;
  failedLastHour: number;
  lastSentAt: Date | null;
  lastWebhookAt: Date | null;
  /** Messages sent more than webhookSilentHours (and under a day) ago, after the last delivery report. */
  sentWithoutReport: number;
  /** Booked appointments starting in 24 to 48 hours that should have a reminder queued. */
  remindersExpected: number;
  remindersMissing: number;
};

export const PROBLEM_CODES = [
  'database_down',
  'email_backlog',
  'email_failures',
  'email_not_sending',
  'reminders_missing',
  'webhooks_silent',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

/** red: patients are (or soon will be) missing messages; amber: worth a look today. */
export type Severity = 'red' | 'amber';

export type Problem = { code: ProblemCode; severity: Severity; title: string; detail: string; action: string };

export type HealthReport = {
  checkedAt: Date;
  database: 'ok' | 'down';
  /** null when the database did not answer. */
  figures: HealthFigures | null;
  problems: Problem[];
};

const MINUTE = 60_000;
const HOUR = 3_600_000;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "47 minutes", "3 hours", "2 days": how long, for a sentence. */
export function durationWords(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / MINUTE));
  if (minutes < 120) return plural(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return plural(hours, 'hour');
  return plural(Math.floor(hours / 24), 'day');
}

/** Every threshold the figures cross, worst first. A database that does not answer is the only problem then. */
export function evaluateHealth(figures: HealthFigures | null, thresholds: HealthThresholds, now: Date): Problem[] {
  if (!figures) {
    return [
      {
        code: 'database_down',
        severity: 'red',
        title: 'The database is not answering',
        detail: 'Nothing can be saved: new consultation requests fail and no email is sent.',
        action: 'Check the database server (or its hosting dashboard) and the app’s logs; restart the database if it is down.',
      },
    ];
  }
  const problems: Problem[] = [];
  const waited = figures.oldestPendingSince ? now.getTime() - figures.oldestPendingSince.getTime() : 0;
  if (figures.backlog > 0 && waited > thresholds.oldestPendingMinutes * MINUTE) {
    problems.push({
      code: 'email_backlog',
      severity: 'red',
      title: 'Emails are waiting to go out',
      detail: `${plural(figures.backlog, 'email is', 'emails are')} waiting; the oldest has waited ${durationWords(waited)} (the limit is ${plural(thresholds.oldestPendingMinutes, 'minute')}).`,
      action: 'Check that the email worker is running and that Resend answers (its status page, the API key). Messages go out by themselves once it is fixed.',
    });
  }
  if (thresholds.noSendHours > 0 && figures.backlog > 0 && waited > thresholds.oldestPendingMinutes * MINUTE) {
    const quiet = figures.lastSentAt ? now.getTime() - figures.lastSentAt.getTime() : Infinity;
    if (quiet > thresholds.noSendHours * HOUR) {
      problems.push({
        code: 'email_not_sending',
        severity: 'red',
        title: 'No email has been sent for a long time',
        detail: figures.lastSentAt
          ? `The last email went out ${durationWords(quiet)} ago, while messages are waiting.`
          : 'No email has ever been sent, while messages are waiting.',
        action: 'Sending has stopped altogether: check the worker process, RESEND_API_KEY and Resend’s status page. Call patients with appointments in the next day.',
      });
    }
  }
  if (figures.failedLastHour >= thresholds.failuresPerHour) {
    problems.push({
      code: 'email_failures',
      severity: 'red',
      title: 'Many emails failed',
      detail: `${plural(figures.failedLastHour, 'email')} failed for good in the last hour (the limit is ${thresholds.failuresPerHour}).`,
      action: 'Open Emails → Failed to read the reason; if it is the same for all (a refused key, a sending domain), fix it and send them again from there.',
    });
  }
  if (figures.remindersMissing > 0) {
    problems.push({
      code: 'reminders_missing',
      severity: 'red',
      title: 'Appointment reminders are missing',
      detail: `${plural(figures.remindersMissing, 'appointment')} in the next two days ${figures.remindersMissing === 1 ? 'has' : 'have'} no reminder waiting to go out.`,
      action: 'Open the schedule and call these patients to remind them; then ask whoever runs the system to find why the reminder was not queued.',
    });
  }
  if (thresholds.webhookSilentHours > 0 && figures.sentWithoutReport > 0) {
    problems.push({
      code: 'webhooks_silent',
      severity: 'amber',
      title: 'No delivery reports from Resend',
      detail: figures.lastWebhookAt
        ? `${plural(figures.sentWithoutReport, 'email')} sent over ${plural(thresholds.webhookSilentHours, 'hour')} ago got no report; the last report came ${durationWords(now.getTime() - figures.lastWebhookAt.getTime())} ago.`
        : `${plural(figures.sentWithoutReport, 'email')} sent over ${plural(thresholds.webhookSilentHours, 'hour')} ago got no report, and none has ever arrived.`,
      action: 'Bounces are not being seen. Check the webhook in Resend’s dashboard (its URL ends in /api/webhooks/resend) and RESEND_WEBHOOK_SECRET.',
    });
  }
  return problems;
}

/** The report's overall word: green when nothing is crossed, else the worst severity. */
export function overallState(problems: readonly Problem[]): 'green' | Severity {
  if (problems.some((p) => p.severity === 'red')) return 'red';
  return problems.length ? 'amber' : 'green';
}

// ---------------------------------------------------------------- reminders

/** A reminder message as stored: its status and the appointment time its props describe. */
export type ReminderMessage = { status: string; startsAt: string | null };

/** Statuses of a reminder that will go out, or went out. `held`: preview mode keeps it for staff on purpose. */
const LIVE_REMINDER = new Set(['pending', 'sending', 'sent', 'delivered', 'held']);
/** Statuses the worker may still act on: a stale one (moved appointment) is dropped rather than sent. */
const UNSENT = new Set(['pending', 'sending']);

/**
 * Whether a booked appointment lacks a reminder that will reach the patient (pure). Only asked of
 * appointments that should have one: starting 24 to 48 hours from now (a reminder is queued at booking for
 * 24 hours before whenever that is still ahead, and every booking or move of such an appointment was made
 * before its reminder time), for a person with an address not known to bounce. A cancelled or failed
 * reminder, or one still waiting for another time (which the worker drops as stale), does not count.
 */
export function reminderMissing(startsAt: Date, messages: readonly ReminderMessage[]): boolean {
  return !messages.some((m) => {
    if (!LIVE_REMINDER.has(m.status)) return false;
    if (!UNSENT.has(m.status)) return true;
    return m.startsAt !== null && new Date(m.startsAt).getTime() === startsAt.getTime();
  });
}

/** The window of appointments whose reminder is due within the next day. */
export function reminderWindow(now: Date): { from: Date; to: Date } {
  return { from: new Date(now.getTime() + 24 * HOUR), to: new Date(now.getTime() + 48 * HOUR) };
}

// ---------------------------------------------------------------- alerts

/** The last alert that named a code: when it was written, and whether the code cleared since. */
export type AlertEpisode = { lastAlertAt: Date; cleared: boolean };

export type AlertPlan = {
  /** Write one alert email (to each recipient) listing every crossed problem. */
  send: boolean;
  /** Codes whose episode starts now (never alerted, or cleared since the last alert). */
  raised: ProblemCode[];
  /** Codes still crossed whose last alert is older than the repeat interval. */
  repeated: ProblemCode[];
  /** Codes in an open episode that are no longer crossed: mark them cleared. */
  cleared: ProblemCode[];
};

/**
 * One email per problem episode: a code that crosses gets an alert; while it stays crossed, nothing more until
 * `alertRepeatHours` passed since its last alert; once it clears and crosses again, a new alert (pure).
 */
export function planAlerts(
  crossed: readonly ProblemCode[],
  episodes: ReadonlyMap<string, AlertEpisode>,
  now: Date,
  repeatHours: number,
): AlertPlan {
  const raised: ProblemCode[] = [];
  const repeated: ProblemCode[] = [];
  for (const code of crossed) {
    const episode = episodes.get(code);
    if (!episode || episode.cleared) raised.push(code);
    else if (now.getTime() - episode.lastAlertAt.getTime() >= repeatHours * HOUR) repeated.push(code);
  }
  const cleared = PROBLEM_CODES.filter((code) => !crossed.includes(code) && episodes.has(code) && !episodes.get(code)!.cleared);
  return { send: raised.length + repeated.length > 0, raised, repeated, cleared };
}
