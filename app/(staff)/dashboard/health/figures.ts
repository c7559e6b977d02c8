// The health view's table (pure): each figure in plain words, its state (green, amber or red, always with a
// word too), what it means and the limit that raises it. The thresholds and codes come from lib/ops/health-rules.
import { durationWords, type HealthReport, type HealthThresholds, type ProblemCode } from '@/lib/ops/health-rules';

export type FigureState = 'green' | 'amber' | 'red';
export type FigureRow = { key: string; label: string; value: string; state: FigureState; meaning: string; limit: string };

export const STATE_WORDS: Record<FigureState, string> = { green: 'OK', amber: 'Check', red: 'Problem' };

const ago = (at: Date | null, now: Date, never: string) => (at ? `${durationWords(now.getTime() - at.getTime())} ago` : never);

export function figureRows(report: HealthReport, thresholds: HealthThresholds, formatTime: (at: Date) => string): FigureRow[] {
  const now = report.checkedAt;
  const crossed = (code: ProblemCode) => report.problems.find((p) => p.code === code)?.severity;
  const state = (code: ProblemCode, watch = false): FigureState => crossed(code) ?? (watch ? 'amber' : 'green');
  const database: FigureRow = {
    key: 'database',
    label: 'Database',
    value: report.database === 'ok' ? 'Answering' : 'Not answering',
    state: report.database === 'ok' ? 'green' : 'red',
    meaning: 'Everything is stored here: requests, bookings and the emails waiting to go out.',
    limit: 'Must answer every check.',
  };
  const f = report.figures;
  if (!f) return [database];
  const waited = f.oldestPendingSince ? now.getTime() - f.oldestPendingSince.getTime() : 0;
  return [
    database,
    {
      key: 'backlog',
      label: 'Emails waiting to go out',
      value: f.backlog === 0 ? 'None' : `${f.backlog}; the oldest has waited ${durationWords(waited)}`,
      state: state('email_backlog', f.backlog > 0 && waited > 5 * 60_000),
      meaning: 'Messages due now that the email worker has not sent yet (including ones waiting to be retried).',
      limit: `A problem when the oldest has waited more than ${thresholds.oldestPendingMinutes} minutes.`,
    },
    {
      key: 'failures',
      label: 'Failed emails in the last hour',
      value: String(f.failedLastHour),
      state: state('email_failures', f.failedLastHour > 0),
      meaning: 'Messages given up on: the patient did not get them. Emails → Failed shows each one and why.',
      limit: `A problem at ${thresholds.failuresPerHour} or more in an hour.`,
    },
    {
      key: 'last-sent',
      label: 'Last email sent',
      value: f.lastSentAt ? `${ago(f.lastSentAt, now, '')} (${formatTime(f.lastSentAt)})` : 'Never',
      state: state('email_not_sending'),
      meaning: 'When Resend last accepted a message from us. A quiet clinic can go hours without sending.',
      limit: thresholds.noSendHours > 0 ? `A problem after ${thresholds.noSendHours} hours with nothing sent while emails are waiting.` : 'Not checked (HEALTH_NO_SEND_HOURS=0).',
    },
    {
      key: 'last-report',
      label: 'Last delivery report from Resend',
      value: f.lastWebhookAt ? `${ago(f.lastWebhookAt, now, '')} (${formatTime(f.lastWebhookAt)})` : 'None received yet',
      state: state('webhooks_silent'),
      meaning: 'Resend tells us (by webhook) when a message was delivered or bounced. Without reports, bounced addresses go unnoticed.',
      limit:
        thresholds.webhookSilentHours > 0
          ? `A warning when emails sent over ${thresholds.webhookSilentHours} hours ago got no report since.`
          : 'Not checked (HEALTH_WEBHOOK_SILENT_HOURS=0).',
    },
    {
      key: 'reminders',
      label: 'Reminders for appointments in 24 to 48 hours',
      value: f.remindersExpected === 0 ? 'No such appointments' : `${f.remindersExpected - f.remindersMissing} of ${f.remindersExpected} queued`,
      state: state('reminders_missing'),
      meaning: 'Each booked patient with an email address gets a reminder a day before. These go out within the next day.',
      limit: 'A problem if any is missing, cancelled or failed.',
    },
  ];
}
