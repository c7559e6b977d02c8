// The system-health rules (lib/ops/health-rules): which figures cross which threshold, which appointments lack
// a reminder, when an alert is sent, and the deep answer's token check. Every time is relative to a fixed `now`.
import { describe, expect, it } from 'vitest';
import { figureRows } from '@/app/(staff)/dashboard/health/figures';
import { parseEnv } from '@/lib/env';
import { bannerFor } from '@/lib/ops/banner';
import { episodesFrom } from '@/lib/ops/alerts';
import {
  DEFAULT_THRESHOLDS,
  durationWords,
  evaluateHealth,
  overallState,
  planAlerts,
  reminderMissing,
  reminderWindow,
  thresholdsFrom,
  type HealthFigures,
  type ProblemCode,
} from '@/lib/ops/health-rules';
import { bearerTokenMatches } from '@/lib/ops/token';

const now = new Date('2031-03-04T10:00:00Z');
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);
const hoursAgo = (h: number) => minutesAgo(h * 60);

const healthy: HealthFigures = {
  backlog: 0,
  oldestPendingSince: null,
  failedLastHour: 0,
  lastSentAt: minutesAgo(3),
  lastWebhookAt: minutesAgo(2),
  sentWithoutReport: 0,
  remindersExpected: 4,
  remindersMissing: 0,
};
const codes = (figures: Partial<HealthFigures> | null, thresholds = DEFAULT_THRESHOLDS) =>
  evaluateHealth(figures && { ...healthy, ...figures }, thresholds, now).map((p) => p.code);

describe('threshold rules', () => {
  it('finds nothing wrong with healthy figures', () => {
    expect(codes({})).toEqual([]);
    expect(overallState([])).toBe('green');
  });

  it('reports a database that does not answer as the only problem', () => {
    const problems = evaluateHealth(null, DEFAULT_THRESHOLDS, now);
    expect(problems.map((p) => p.code)).toEqual(['database_down']);
    expect(overallState(problems)).toBe('red');
  });

  it.each([
    [15, []],
    [16, ['email_backlog']],
  ])('a backlog whose oldest message waited %i minutes gives %j (limit 15)', (waited, expected) => {
    expect(codes({ backlog: 3, oldestPendingSince: minutesAgo(waited) })).toEqual(expected);
  });

  it('follows a configured limit for the oldest waiting message', () => {
    expect(codes({ backlog: 1, oldestPendingSince: minutesAgo(6) }, { ...DEFAULT_THRESHOLDS, oldestPendingMinutes: 5 })).toEqual(['email_backlog']);
  });

  it('says sending stopped altogether only when nothing went out for the configured hours while messages wait', () => {
    const stuck = { backlog: 2, oldestPendingSince: minutesAgo(30) };
    expect(codes({ ...stuck, lastSentAt: minutesAgo(119) })).toEqual(['email_backlog']);
    expect(codes({ ...stuck, lastSentAt: minutesAgo(121) })).toEqual(['email_backlog', 'email_not_sending']);
    expect(codes({ ...stuck, lastSentAt: null })).toEqual(['email_backlog', 'email_not_sending']);
    // A quiet clinic: nothing sent for a day, nothing waiting.
    expect(codes({ lastSentAt: hoursAgo(30) })).toEqual([]);
    // A message that just became due after a quiet day is not yet a problem.
    expect(codes({ backlog: 1, oldestPendingSince: minutesAgo(1), lastSentAt: hoursAgo(30) })).toEqual([]);
    expect(codes({ ...stuck, lastSentAt: null }, { ...DEFAULT_THRESHOLDS, noSendHours: 0 })).toEqual(['email_backlog']);
  });

  it.each([
    [4, []],
    [5, ['email_failures']],
  ])('%i failures in the last hour give %j (limit 5)', (failed, expected) => {
    expect(codes({ failedLastHour: failed })).toEqual(expected);
  });

  it('counts any missing reminder, and says how many in words', () => {
    expect(codes({ remindersMissing: 1 })).toEqual(['reminders_missing']);
    const [problem] = evaluateHealth({ ...healthy, remindersMissing: 2 }, DEFAULT_THRESHOLDS, now);
    expect(problem!.detail).toBe('2 appointments in the next two days have no reminder waiting to go out.');
  });

  it('warns (amber, not red) when sent messages get no delivery report, unless that check is off', () => {
    const problems = evaluateHealth({ ...healthy, sentWithoutReport: 3, lastWebhookAt: hoursAgo(9) }, DEFAULT_THRESHOLDS, now);
    expect(problems.map((p) => [p.code, p.severity])).toEqual([['webhooks_silent', 'amber']]);
    expect(problems[0]!.detail).toBe('3 emails sent over 2 hours ago got no report; the last report came 9 hours ago.');
    expect(overallState(problems)).toBe('amber');
    expect(codes({ sentWithoutReport: 3 }, { ...DEFAULT_THRESHOLDS, webhookSilentHours: 0 })).toEqual([]);
  });

  it('gives every crossed threshold a plain sentence, what to do and a stable code', () => {
    const all = evaluateHealth(
      { ...healthy, backlog: 9, oldestPendingSince: hoursAgo(5), lastSentAt: hoursAgo(6), failedLastHour: 12, remindersMissing: 1, sentWithoutReport: 4 },
      DEFAULT_THRESHOLDS,
      now,
    );
    expect(all.map((p) => p.code)).toEqual(['email_backlog', 'email_not_sending', 'email_failures', 'reminders_missing', 'webhooks_silent']);
    expect(all[0]!.detail).toBe('9 emails are waiting; the oldest has waited 5 hours (the limit is 15 minutes).');
    for (const p of all) {
      expect(p.title.length).toBeGreaterThan(10);
      expect(p.action.length).toBeGreaterThan(30);
    }
    expect(overallState(all)).toBe('red');
  });

  it.each([
    [0, '0 minutes'],
    [60_000, '1 minute'],
    [119 * 60_000, '119 minutes'],
    [3 * 3_600_000, '3 hours'],
    [47 * 3_600_000, '47 hours'],
    [72 * 3_600_000, '3 days'],
  ])('writes %i ms as "%s"', (ms, words) => {
    expect(durationWords(ms)).toBe(words);
  });

  it('takes the thresholds’ defaults from the environment as documented, and refuses a short token', () => {
    const e = parseEnv({});
    expect(thresholdsFrom(e)).toEqual(DEFAULT_THRESHOLDS);
    expect(e.HEALTH_TOKEN).toBeUndefined();
    expect(() => parseEnv({ HEALTH_TOKEN: 'short' })).toThrow('HEALTH_TOKEN: must be at least 32 characters');
    expect(parseEnv({ HEALTH_FAILURES_PER_HOUR: '2' }).HEALTH_FAILURES_PER_HOUR).toBe(2);
  });
});

describe('which appointments lack a reminder', () => {
  const startsAt = new Date('2031-03-05T17:00:00Z');
  const at = startsAt.toISOString();

  it('looks at appointments starting 24 to 48 hours from now', () => {
    expect(reminderWindow(now)).toEqual({ from: new Date('2031-03-05T10:00:00Z'), to: new Date('2031-03-06T10:00:00Z') });
  });

  it.each([
    ['no reminder at all', [], true],
    ['a waiting reminder for this time', [{ status: 'pending', startsAt: at }], false],
    ['one being sent', [{ status: 'sending', startsAt: at }], false],
    ['one already sent', [{ status: 'sent', startsAt: null }], false],
    ['one kept in preview mode', [{ status: 'held', startsAt: null }], false],
    ['only a cancelled one', [{ status: 'cancelled', startsAt: at }], true],
    ['only a failed one', [{ status: 'failed', startsAt: at }], true],
    ['a waiting one for the old time of a moved appointment (the worker drops it)', [{ status: 'pending', startsAt: '2031-03-05T16:00:00.000Z' }], true],
    ['a cancelled one and its live replacement', [{ status: 'cancelled', startsAt: '2031-03-05T16:00:00.000Z' }, { status: 'pending', startsAt: at }], false],
  ])('with %s: missing is %s', (_case, messages, missing) => {
    expect(reminderMissing(startsAt, messages)).toBe(missing);
  });
});

describe('alert episodes', () => {
  const open = (h: number) => ({ lastAlertAt: hoursAgo(h), cleared: false });
  const plan = (crossed: ProblemCode[], episodes: Record<string, { lastAlertAt: Date; cleared: boolean }>) =>
    planAlerts(crossed, new Map(Object.entries(episodes)), now, 24);

  it('alerts when a problem first appears', () => {
    expect(plan(['email_failures'], {})).toEqual({ send: true, raised: ['email_failures'], repeated: [], cleared: [] });
  });

  it('stays quiet while the same problem persists, until the repeat interval has passed', () => {
    expect(plan(['email_failures'], { email_failures: open(23) }).send).toBe(false);
    expect(plan(['email_failures'], { email_failures: open(24) })).toEqual({ send: true, raised: [], repeated: ['email_failures'], cleared: [] });
  });

  it('marks a problem that went away as cleared, and alerts again when it returns', () => {
    expect(plan([], { email_failures: open(1) })).toEqual({ send: false, raised: [], repeated: [], cleared: ['email_failures'] });
    expect(plan(['email_failures'], { email_failures: { lastAlertAt: hoursAgo(1), cleared: true } }).raised).toEqual(['email_failures']);
    expect(plan([], { email_failures: { lastAlertAt: hoursAgo(1), cleared: true } }).cleared).toEqual([]);
  });

  it('alerts for a new problem beside one already reported', () => {
    expect(plan(['email_failures', 'reminders_missing'], { email_failures: open(2) })).toEqual({ send: true, raised: ['reminders_missing'], repeated: [], cleared: [] });
  });

  it('reads each code’s latest alert from the stored alerts, newest first', () => {
    const episodes = episodesFrom([
      { createdAt: hoursAgo(1), alert: { codes: ['email_failures'], raised: ['email_failures'], problems: [] } },
      { createdAt: hoursAgo(5), alert: { codes: ['email_failures', 'email_backlog'], raised: [], cleared: ['email_failures', 'email_backlog'], problems: [] } },
      { createdAt: hoursAgo(9), alert: null },
    ]);
    expect(Object.fromEntries(episodes)).toEqual({
      email_failures: { lastAlertAt: hoursAgo(1), cleared: false },
      email_backlog: { lastAlertAt: hoursAgo(5), cleared: true },
    });
  });
});

describe('what staff see', () => {
  it('shows a banner only when a threshold is crossed, with each problem’s title', () => {
    const report = (figures: Partial<HealthFigures>) => {
      const f = { ...healthy, ...figures };
      return { checkedAt: now, database: 'ok' as const, figures: f, problems: evaluateHealth(f, DEFAULT_THRESHOLDS, now) };
    };
    expect(bannerFor(report({}))).toBeNull();
    expect(bannerFor(report({ failedLastHour: 5 }))).toEqual({ state: 'red', titles: ['Many emails failed'] });
  });

  it('gives each figure a word as well as a colour, amber below a limit that is near', () => {
    const f = { ...healthy, failedLastHour: 2, backlog: 1, oldestPendingSince: minutesAgo(20) };
    const rows = figureRows({ checkedAt: now, database: 'ok', figures: f, problems: evaluateHealth(f, DEFAULT_THRESHOLDS, now) }, DEFAULT_THRESHOLDS, (d) => d.toISOString());
    const byKey = Object.fromEntries(rows.map((r) => [r.key, [r.state, r.value]]));
    expect(byKey).toEqual({
      database: ['green', 'Answering'],
      backlog: ['red', '1; the oldest has waited 20 minutes'],
      failures: ['amber', '2'],
      'last-sent': ['green', '3 minutes ago (2031-03-04T09:57:00.000Z)'],
      'last-report': ['green', '2 minutes ago (2031-03-04T09:58:00.000Z)'],
      reminders: ['green', '4 of 4 queued'],
    });
  });
});

describe('the deep health answer’s token', () => {
  const token = 'a'.repeat(40);

  it('accepts exactly "Bearer <token>"', () => {
    expect(bearerTokenMatches(token, `Bearer ${token}`)).toBe(true);
  });

  it.each([
    ['no header', null],
    ['an empty header', ''],
    ['a wrong token', `Bearer ${'b'.repeat(40)}`],
    ['a prefix of the token', `Bearer ${token.slice(0, 39)}`],
    ['another scheme', `Basic ${token}`],
    ['the token without the scheme', token],
    ['a token with a space', `Bearer ${token} x`],
  ])('refuses %s', (_case, header) => {
    expect(bearerTokenMatches(token, header)).toBe(false);
  });

  it('refuses everyone when no token is configured, even an empty bearer', () => {
    expect(bearerTokenMatches(undefined, 'Bearer ')).toBe(false);
    expect(bearerTokenMatches(undefined, 'Bearer undefined')).toBe(false);
  });
});
