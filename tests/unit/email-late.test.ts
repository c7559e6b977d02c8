// The rules of a late email: an appointment reminder reached late (lib/email/outbox lateReminderDecision), and
// how long a message keeps retrying through a provider outage (lib/email/worker backoffSeconds).
import { describe, expect, it } from 'vitest';
import { lateReminderDecision, REMINDER_MIN_NOTICE_HOURS } from '@/lib/email/outbox';
import { backoffSeconds } from '@/lib/email/worker';

const startsAt = new Date('2026-12-03T17:00:00Z');
const before = (hours: number) => new Date(startsAt.getTime() - hours * 3_600_000);

describe('a late appointment reminder', () => {
  it.each([
    ['on time, 24 hours before', 24],
    ['10 minutes late (a provider outage)', 24 - 10 / 60],
    ['20 hours late', 4],
    ['exactly at the minimum notice', REMINDER_MIN_NOTICE_HOURS],
  ])('still goes out %s', (_label, hoursBefore) => {
    expect(lateReminderDecision(startsAt, before(hoursBefore))).toEqual({ send: true });
  });

  it.each([
    ['a minute under the minimum notice', REMINDER_MIN_NOTICE_HOURS - 1 / 60, /less than 2 hours before/],
    ['10 minutes before the start', 10 / 60, /less than 2 hours before/],
    ['at the very start', 0, /already started/],
    ['an hour after the start', -1, /already started/],
    ['a day after the start', -24, /already started/],
  ])('is cancelled %s, with a reason staff can read', (_label, hoursBefore, reason) => {
    const decision = lateReminderDecision(startsAt, before(hoursBefore));
    expect(decision.send).toBe(false);
    expect(decision.send === false && decision.reason).toMatch(reason);
  });

  it('never lets a reminder through once the appointment has started, however late', () => {
    for (let minutes = 0; minutes <= 48 * 60; minutes += 7) {
      const now = new Date(startsAt.getTime() + minutes * 60_000);
      expect(lateReminderDecision(startsAt, now).send).toBe(false);
    }
  });
});

describe('the reason a late reminder was cancelled', () => {
  const tooLate = before(1);
  it('counts the tries that failed before', () => {
    expect(lateReminderDecision(startsAt, tooLate, { tries: 3, lastError: '500 internal_server_error: x' })).toEqual({
      send: false,
      reason: 'too late: less than 2 hours before the appointment (3 earlier tries failed)',
    });
  });

  it('says when the last try got no answer, so it may have been delivered after all', () => {
    const decision = lateReminderDecision(startsAt, tooLate, { tries: 1, lastError: 'network application_error: Unable to fetch data' });
    expect(decision).toEqual({
      send: false,
      reason: 'too late: less than 2 hours before the appointment (1 earlier try failed; the last got no answer and may have reached the patient)',
    });
  });
});

describe('how long a message keeps trying through an outage', () => {
  // The worker gives up after the 8th attempt (the default): the 7 waits before it are all the time it has.
  const retryWindowSeconds = (random: () => number) => Array.from({ length: 7 }, (_, i) => backoffSeconds(i + 1, random)).reduce((a, b) => a + b, 0);

  it('spans more than 30 minutes however the jitter falls, so a 10-minute outage never exhausts it', () => {
    expect(retryWindowSeconds(() => 0)).toBeGreaterThan(30 * 60);
    expect(retryWindowSeconds(() => 0.999)).toBeLessThanOrEqual(3_810);
  });

  it('waits at least as long before each new attempt as before the last, whatever the jitter', () => {
    // The 7 waits of the default 8 attempts; past them the step stops doubling at the one-hour cap.
    for (const [r1, r2] of [[1, 0], [0.99, 0.01], [0.5, 0.5], [0, 1]] as const) {
      for (let attempt = 1; attempt < 7; attempt++) {
        expect(backoffSeconds(attempt + 1, () => r2)).toBeGreaterThanOrEqual(backoffSeconds(attempt, () => r1));
      }
    }
  });
});
