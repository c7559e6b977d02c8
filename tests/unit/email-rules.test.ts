import { describe, expect, it } from 'vitest';
import { isStaleAppointmentEmail } from '@/lib/email/outbox';
import { dueFollowUpNumber } from '@/lib/email/scheduled';
import { classifyResendError } from '@/lib/email/transport';
import { backoffSeconds } from '@/lib/email/worker';

describe('retry backoff', () => {
  it.each([
    [1, 30],
    [2, 60],
    [3, 120],
    [8, 3600],
    [20, 3600],
  ])('waits between half and all of the exponential ceiling on attempt %i (%i s)', (attempt, ceiling) => {
    expect(backoffSeconds(attempt, () => 1)).toBe(ceiling);
    expect(backoffSeconds(attempt, () => 0.5)).toBe(Math.round(ceiling * 0.75));
    expect(backoffSeconds(attempt, () => 0)).toBe(Math.round(ceiling / 2));
  });

  it('spreads retries with jitter, but never sooner than half the step', () => {
    expect(backoffSeconds(3, () => 0)).toBe(60);
    const samples = new Set(Array.from({ length: 50 }, (_, i) => backoffSeconds(5, () => i / 50)));
    expect(samples.size).toBeGreaterThan(40);
  });

  it('honours retry-after when Resend asks for a longer wait', () => {
    expect(backoffSeconds(1, () => 0.1, 120)).toBe(120);
    expect(backoffSeconds(8, () => 1, 5)).toBe(3600);
  });
});

describe("reading Resend's errors", () => {
  it.each([
    [{ statusCode: 429, name: 'rate_limit_exceeded', message: 'Too many requests' }, { 'retry-after': '7' }, true, 7],
    [{ statusCode: 500, name: 'application_error', message: 'x' }, {}, true, undefined],
    [{ statusCode: 503, name: 'application_error', message: 'x' }, null, true, undefined],
    [{ statusCode: null, name: 'application_error', message: 'Unable to fetch data' }, null, true, undefined],
    [{ statusCode: 422, name: 'validation_error', message: 'Invalid `to` field' }, {}, false, undefined],
    [{ statusCode: 401, name: 'missing_api_key', message: 'Missing API key' }, {}, false, undefined],
  ])('%o is retryable: %s', (error, headers, retryable, retryAfter) => {
    const outcome = classifyResendError(error, headers);
    expect(outcome.retryable).toBe(retryable);
    expect(outcome.retryAfterSeconds).toBe(retryAfter);
    expect(outcome.error).toContain(error.name);
  });
});

describe('follow-ups for requests nobody has scheduled', () => {
  const submitted = new Date('2026-12-01T17:00:00Z');
  const days = (n: number) => new Date(submitted.getTime() + n * 86_400_000);
  it.each([
    [2.9, 0, null],
    [3, 0, 1],
    [5, 1, null],
    [6, 1, 2],
    [30, 2, null],
  ])('after %s days with %i already sent: follow-up number %s', (after, sent, expected) => {
    expect(dueFollowUpNumber(submitted, sent, days(after), 3, 2)).toBe(expected);
  });

  it('sends none when the clinic turns follow-ups off', () => {
    expect(dueFollowUpNumber(submitted, 0, days(30), 3, 0)).toBeNull();
  });
});

describe('emails about an appointment that changed', () => {
  const booked = { status: 'booked', startsAt: new Date('2026-12-03T17:00:00Z') };
  it.each([
    ['a reminder for the booked time', 'appointment-reminder', '2026-12-03T17:00:00.000Z', booked, false],
    ['a reminder for the old time after a move', 'appointment-reminder', '2026-12-02T17:00:00.000Z', booked, true],
    ['a confirmation of a cancelled appointment', 'booking-confirmed', '2026-12-03T17:00:00.000Z', { ...booked, status: 'cancelled' }, true],
    ['a confirmation whose appointment is gone', 'booking-confirmed', '2026-12-03T17:00:00.000Z', undefined, true],
    ['a cancellation notice (never stale)', 'booking-cancelled', '2026-12-02T17:00:00.000Z', { ...booked, status: 'cancelled' }, false],
  ] as const)('%s: stale = %s', (_name, template, startsAt, appointment, stale) => {
    expect(isStaleAppointmentEmail(template, { startsAt }, appointment)).toBe(stale);
  });
});
