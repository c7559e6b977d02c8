// The text channel's rules: consent, US numbers, quiet hours in every US zone (clock changes included),
// keywords, late reminders, what a body says and never says, and what Twilio's errors mean.
import { describe, expect, it } from 'vitest';
import { classifyTwilioError } from '@/lib/texts/transport';
import {
  consentSource,
  deliveryStatus,
  nextSendableAt,
  numberVerdict,
  parseReminderHours,
  quietHoursDecision,
  renderText,
  replyMeaning,
  statusMovesForward,
  textReminderDecision,
  TEXT_KINDS,
  usTextNumber,
  whyNotText,
  type TextKind,
} from '@/lib/texts/rules';

describe('consent', () => {
  it.each([
    [{ preferredContact: 'text' }, 'chose_text'],
    [{ preferredContact: 'text', textReminders: true }, 'chose_text'],
    [{ preferredContact: 'phone', textReminders: true }, 'reminder_box'],
    [{ preferredContact: 'email', textReminders: true }, 'reminder_box'],
    [{ preferredContact: 'phone', textReminders: false }, null],
    [{ preferredContact: 'email' }, null],
  ])('%j gives consent %s', (choice, expected) => {
    expect(consentSource(choice)).toBe(expected);
  });

  it('texts only with consent, never after STOP or to a number that cannot take texts; STOP and HELP are always answered', () => {
    const optedOut = { optedOutAt: new Date('2026-01-01T00:00:00Z'), undeliverableAt: null };
    const bad = { optedOutAt: null, undeliverableAt: new Date('2026-01-01T00:00:00Z') };
    expect(whyNotText('booking-confirmed', null, true)).toBeNull();
    expect(whyNotText('booking-confirmed', null, false)).toBe('no_consent');
    expect(whyNotText('appointment-reminder', optedOut, true)).toBe('opted_out');
    expect(whyNotText('contact-attempt', bad, true)).toBe('undeliverable');
    expect(whyNotText('opt-out-confirmation', optedOut, false)).toBeNull();
    expect(whyNotText('help', optedOut, false)).toBeNull();
    expect(whyNotText('opt-in-confirmation', null, false)).toBeNull();
  });
});

describe('US numbers', () => {
  it.each([
    ['(323) 555-0142', '+13235550142'],
    ['323.555.0142', '+13235550142'],
    ['+1 212 555 0199', '+12125550199'],
    ['(555) 123-4567', null],
    ['+44 20 7946 0958', null],
    ['+1 416 555 0199', null], // Toronto: valid, but not a US number
    ['', null],
    [null, null],
  ])('%j → %s', (raw, expected) => {
    expect(usTextNumber(raw)).toBe(expected);
  });
});

describe('quiet hours (8am to 9pm in the patient’s zone)', () => {
  const zones = ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Phoenix', 'America/Los_Angeles', 'America/Anchorage', 'Pacific/Honolulu'];
  const local = (at: Date, zone: string) =>
    new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);

  // Every hour of three days around each clock change of 2026 (8 March and 1 November) and a plain day.
  const days = ['2026-03-07T00:00:00Z', '2026-10-31T00:00:00Z', '2026-06-15T00:00:00Z'];
  it.each(zones)('in %s, a text at any hour goes at once by day, else at the next 8:00 there', (zone) => {
    for (const day of days) {
      for (let h = 0; h < 72; h++) {
        const now = new Date(new Date(day).getTime() + h * 3_600_000 + 17 * 60_000);
        const at = nextSendableAt(now, zone);
        const hour = Number(local(now, zone).slice(-5, -3));
        if (hour >= 8 && hour < 21) {
          expect(at).toEqual(now);
        } else {
          expect(local(at, zone).slice(-5)).toBe('08:00');
          expect(at.getTime()).toBeGreaterThan(now.getTime());
          // Never more than a night away (11 hours, 12 across a clock change).
          expect(at.getTime() - now.getTime()).toBeLessThanOrEqual(12 * 3_600_000);
        }
      }
    }
  });

  it('on the night the clocks go forward in New York, 10pm waits until 8am EDT (12:00 UTC)', () => {
    expect(nextSendableAt(new Date('2026-03-08T03:00:00Z'), 'America/New_York')).toEqual(new Date('2026-03-08T12:00:00Z'));
  });

  it('on the night the clocks go back in Los Angeles, 11pm PDT waits until 8am PST (16:00 UTC)', () => {
    expect(nextSendableAt(new Date('2026-11-01T06:00:00Z'), 'America/Los_Angeles')).toEqual(new Date('2026-11-01T16:00:00Z'));
  });

  it('a minute before 9pm goes; 9pm itself waits; 7:59am waits one minute', () => {
    expect(nextSendableAt(new Date('2026-06-16T00:59:00Z'), 'America/Chicago')).toEqual(new Date('2026-06-16T00:59:00Z')); // 7:59pm CDT
    expect(nextSendableAt(new Date('2026-06-16T02:00:00Z'), 'America/Chicago')).toEqual(new Date('2026-06-16T13:00:00Z')); // 9:00pm → 8:00am
    expect(nextSendableAt(new Date('2026-06-16T12:59:00Z'), 'America/Chicago')).toEqual(new Date('2026-06-16T13:00:00Z'));
  });

  it('answers to STOP, START, HELP and C go at any hour', () => {
    const night = new Date('2026-06-16T06:00:00Z');
    expect(quietHoursDecision('opt-out-confirmation', night, 'America/New_York')).toEqual({ now: true });
    expect(quietHoursDecision('help', night, 'America/New_York')).toEqual({ now: true });
    expect(quietHoursDecision('appointment-reminder', night, 'America/New_York')).toEqual({ now: false, at: new Date('2026-06-16T12:00:00Z') });
  });
});

describe('replies', () => {
  it.each([
    ['STOP', 'stop'],
    [' stop ', 'stop'],
    ['Stop.', 'stop'],
    ['STOPALL', 'stop'],
    ['stop all', 'stop'],
    ['unsubscribe', 'stop'],
    ['Cancel', 'stop'],
    ['END', 'stop'],
    ['quit', 'stop'],
    ['optout', 'stop'],
    ['REVOKE', 'stop'],
    ['START', 'start'],
    ['unstop', 'start'],
    ['Yes', 'start'],
    ['help', 'help'],
    ['INFO', 'help'],
    ['c', 'confirm'],
    ['C!', 'confirm'],
    ['confirm', 'confirm'],
    ['Please stop calling after 5', 'message'],
    ['Can I come at 3?', 'message'],
    ['', 'message'],
  ])('%j means %s', (body, meaning) => {
    expect(replyMeaning(body)).toBe(meaning);
  });
});

describe('reminders', () => {
  const start = new Date('2026-12-10T17:00:00Z');
  const hours = (n: number) => new Date(start.getTime() - n * 3_600_000);
  it.each([
    [24, hours(24), true],
    [24, hours(20), true], // late (a quiet night), still hours away
    [24, hours(2), false], // the 2-hour reminder says the same
    [2, hours(2), true],
    [2, hours(1), true],
    [2, hours(0.4), false],
    [2, hours(-1), false],
  ])('the %i-hour reminder at %s: send %s', (before, now, send) => {
    expect(textReminderDecision(start, now, before, [24, 2]).send).toBe(send);
  });

  it('reads TEXT_REMINDER_HOURS', () => {
    expect(parseReminderHours('24,2')).toEqual([24, 2]);
    expect(parseReminderHours(' 2 , 48, 24 ')).toEqual([48, 24, 2]);
    expect(parseReminderHours('0')).toBeNull();
    expect(parseReminderHours('two')).toBeNull();
  });
});

describe('what a text says', () => {
  const brand = { clinicName: 'Demo Clinic', clinicPhone: '(310) 555-0142' };
  const props = {
    firstName: 'Maria',
    reference: 'CR-7K3F9Q',
    startsAt: '2026-12-10T17:00:00Z',
    timeZone: 'America/New_York',
    clinicTimeZone: 'America/Los_Angeles',
    manageUrl: 'https://clinic.example/consult/manage/abc',
    bookAgainUrl: 'https://clinic.example/consult',
  };
  it('states an in-person time in the clinic’s zone, with the patient’s own time after it', () => {
    expect(renderText('booking-confirmed', props, brand, 'America/Los_Angeles')).toBe(
      'Demo Clinic: your consultation is booked for Thursday 10 December 2026, 9:00am Pacific Time (12:00pm your time, Eastern). Ref CR-7K3F9Q. Change or cancel: https://clinic.example/consult/manage/abc Reply C to confirm. Reply STOP to stop.',
    );
  });

  it.each(Object.keys(TEXT_KINDS) as TextKind[])('%s names the clinic first, tells how to stop, and fits in a few segments', (kind) => {
    const body = renderText(kind, props, brand, 'America/Los_Angeles');
    expect(body.startsWith('Demo Clinic: ')).toBe(true);
    expect(body).toMatch(/STOP|START/);
    expect(body.length).toBeLessThanOrEqual(320);
    expect(body).not.toContain('undefined');
  });

  it('answers HELP with the clinic’s name and phone', () => {
    expect(renderText('help', {}, brand, 'America/Los_Angeles')).toContain('call (310) 555-0142');
  });
});

describe('delivery', () => {
  it('moves a text’s status only forward; a delivery never hides a failure', () => {
    expect(statusMovesForward('sent', 'delivered')).toBe(true);
    expect(statusMovesForward('delivered', 'sent')).toBe(false);
    expect(statusMovesForward('undelivered', 'delivered')).toBe(false);
    expect(statusMovesForward('sent', 'undelivered')).toBe(true);
    expect(deliveryStatus('queued')).toBeNull();
    expect(deliveryStatus('undelivered')).toBe('undelivered');
  });

  it.each([
    ['30005', 'undeliverable'],
    ['30006', 'undeliverable'],
    ['21211', 'undeliverable'],
    ['21610', 'opted_out'],
    ['30007', null],
    [null, null],
  ])('error %s says the number is %s', (code, verdict) => {
    expect(numberVerdict(code)).toBe(verdict);
  });

  it('retries 429, 5xx and no answer; not other 4xx', () => {
    expect(classifyTwilioError({ status: 429, code: 20429, message: 'Too many' })).toMatchObject({ retryable: true, errorCode: '20429' });
    expect(classifyTwilioError({ status: 503, message: 'down' })).toMatchObject({ retryable: true });
    expect(classifyTwilioError({ code: 'ECONNABORTED', message: 'timeout of 300ms exceeded' })).toMatchObject({ retryable: true, error: 'network ECONNABORTED: timeout of 300ms exceeded' });
    expect(classifyTwilioError({ status: 400, code: 21211, message: 'bad number' })).toMatchObject({ retryable: false, errorCode: '21211' });
  });
});
