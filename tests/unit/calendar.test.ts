import { describe, expect, it } from 'vitest';
import {
  addDaysToKey,
  buildSchedule,
  dayKeyOf,
  dayRange,
  formatTimeRange,
  instantToLocalDateTime,
  isDayKey,
  isoWeekdayOf,
  localDateTimeToInstant,
  neighbours,
  visibleDays,
  wallClockInstant,
  type CalendarAppointment,
  type ScheduleInput,
} from '@/lib/booking/calendar';

const LA = 'America/Los_Angeles';
const hoursBetween = (r: { start: Date; end: Date }) => (r.end.getTime() - r.start.getTime()) / 3_600_000;
const iso = (d: Date) => d.toISOString();

type Appt = CalendarAppointment & { id: string };
const appt = (id: string, start: string, minutes = 30, status: Appt['status'] = 'booked'): Appt => ({
  id,
  start: new Date(start),
  end: new Date(new Date(start).getTime() + minutes * 60_000),
  status,
});

const weekdayHours = [1, 2, 3, 4, 5].flatMap((weekday) => [
  { weekday, startTime: '09:00', endTime: '12:00' },
  { weekday, startTime: '13:00', endTime: '17:00' },
]);

function input(overrides: Partial<ScheduleInput<Appt>> = {}): ScheduleInput<Appt> {
  return { timeZone: LA, now: new Date('2026-01-01T00:00:00Z'), rules: weekdayHours, closures: [], appointments: [], ...overrides };
}

describe('dates and weeks', () => {
  it('accepts real dates only', () => {
    expect(isDayKey('2026-11-26')).toBe(true);
    expect(isDayKey('2028-02-29')).toBe(true);
    for (const bad of ['2026-02-29', '2026-02-30', '2026-13-01', '26-11-2026', '2026-11-26T00:00', '', 42, null]) {
      expect(isDayKey(bad)).toBe(false);
    }
  });

  it('starts every week on Monday, whichever day of it is asked for', () => {
    const week = ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08'];
    for (const day of week) expect(visibleDays('week', day)).toEqual(week);
    expect(isoWeekdayOf('2026-03-02')).toBe(1);
    expect(isoWeekdayOf('2026-03-08')).toBe(7);
    expect(visibleDays('week', '2026-03-09')[0]).toBe('2026-03-09');
    expect(visibleDays('day', '2026-03-08')).toEqual(['2026-03-08']);
  });

  it('steps a day or a week at a time, across months and years', () => {
    expect(neighbours('day', '2026-03-01')).toEqual({ previous: '2026-02-28', next: '2026-03-02' });
    expect(neighbours('week', '2026-12-31')).toEqual({ previous: '2026-12-21', next: '2027-01-04' });
    expect(addDaysToKey('2028-02-28', 1)).toBe('2028-02-29');
  });

  it('knows which date an instant falls on in the clinic’s zone, not in UTC', () => {
    // 11:30pm on Saturday 7 March in Los Angeles is already Sunday in UTC.
    expect(dayKeyOf(new Date('2026-03-08T07:30:00Z'), LA)).toBe('2026-03-07');
    expect(dayKeyOf(new Date('2026-03-08T08:00:00Z'), LA)).toBe('2026-03-08');
  });
});

describe('day boundaries when the clocks change (America/Los_Angeles)', () => {
  it('the March week: Sunday 8 March is 23 hours long and the days tile without gaps', () => {
    const days = visibleDays('week', '2026-03-05').map((key) => ({ key, ...dayRange(key, LA) }));
    expect(days.map(hoursBetween)).toEqual([24, 24, 24, 24, 24, 24, 23]);
    expect(iso(days[0]!.start)).toBe('2026-03-02T08:00:00.000Z'); // midnight PST
    expect(iso(days[6]!.start)).toBe('2026-03-08T08:00:00.000Z');
    expect(iso(days[6]!.end)).toBe('2026-03-09T07:00:00.000Z'); // midnight PDT
    for (let i = 1; i < days.length; i++) expect(days[i]!.start).toEqual(days[i - 1]!.end);
  });

  it('the November week: Sunday 1 November is 25 hours long', () => {
    const days = visibleDays('week', '2026-10-28').map((key) => dayRange(key, LA));
    expect(days.map(hoursBetween)).toEqual([24, 24, 24, 24, 24, 24, 25]);
    expect(iso(days[6]!.start)).toBe('2026-11-01T07:00:00.000Z'); // midnight PDT
    expect(iso(days[6]!.end)).toBe('2026-11-02T08:00:00.000Z'); // midnight PST
  });

  it('reads opening hours as wall-clock times: 9am is a different UTC hour either side of the change', () => {
    expect(iso(wallClockInstant('2026-03-06', 9 * 3600, LA))).toBe('2026-03-06T17:00:00.000Z');
    expect(iso(wallClockInstant('2026-03-09', 9 * 3600, LA))).toBe('2026-03-09T16:00:00.000Z');
    expect(iso(wallClockInstant('2026-10-30', 9 * 3600, LA))).toBe('2026-10-30T16:00:00.000Z');
    expect(iso(wallClockInstant('2026-11-02', 9 * 3600, LA))).toBe('2026-11-02T17:00:00.000Z');
  });

  it('reads a time that happens twice as its first occurrence, and one that never happens as after the jump', () => {
    expect(iso(wallClockInstant('2026-11-01', 1.5 * 3600, LA))).toBe('2026-11-01T08:30:00.000Z'); // 1:30am PDT
    expect(iso(wallClockInstant('2026-03-08', 2.5 * 3600, LA))).toBe('2026-03-08T10:30:00.000Z'); // = 3:30am PDT
  });

  it('puts appointments on the right day of a clock-change week, both 1:30am of 1 November included', () => {
    const appointments = [
      appt('sat-late', '2026-03-08T07:30:00Z'), // Saturday 7 March, 11:30pm PST
      appt('sun-early', '2026-03-08T08:30:00Z'), // Sunday 8 March, 12:30am PST
      appt('sun-late', '2026-03-09T06:30:00Z'), // Sunday 8 March, 11:30pm PDT
      appt('mon-early', '2026-03-09T07:30:00Z'), // Monday 9 March, 12:30am PDT
    ];
    const march = buildSchedule(visibleDays('week', '2026-03-02'), input({ appointments, rules: [] }));
    const ids = (key: string) =>
      march.find((d) => d.key === key)!.entries.flatMap((e) => (e.kind === 'appointment' ? [e.appointment.id] : []));
    expect(ids('2026-03-07')).toEqual(['sat-late']);
    expect(ids('2026-03-08')).toEqual(['sun-early', 'sun-late']);

    const twice = [appt('first-130', '2026-11-01T08:30:00Z'), appt('second-130', '2026-11-01T09:30:00Z'), appt('mon', '2026-11-02T08:30:00Z')];
    const november = buildSchedule(visibleDays('week', '2026-11-01'), input({ appointments: twice, rules: [] }));
    const sunday = november.find((d) => d.key === '2026-11-01')!;
    expect(sunday.entries.map((e) => (e.kind === 'appointment' ? e.appointment.id : e.kind))).toEqual(['first-130', 'second-130']);
    expect(sunday.label).toBe('Sunday 1 November 2026');
  });

  it('places a Monday’s opening hours at the right instants after the March change', () => {
    const [monday] = buildSchedule(['2026-03-09'], input());
    expect(monday!.openingHours.map((r) => [iso(r.start), iso(r.end)])).toEqual([
      ['2026-03-09T16:00:00.000Z', '2026-03-09T19:00:00.000Z'],
      ['2026-03-09T20:00:00.000Z', '2026-03-10T00:00:00.000Z'],
    ]);
  });
});

describe('a day’s agenda', () => {
  // Wednesday 2 December 2026: Los Angeles is on PST (UTC-8).
  const wed = '2026-12-02';
  const la = (wall: string) => new Date(`${wed}T${wall}:00-08:00`);

  it('shows free time between appointments and closures, in time order', () => {
    const [day] = buildSchedule(
      [wed],
      input({
        appointments: [appt('a', la('10:00').toISOString())],
        closures: [{ start: la('11:00'), end: la('12:00'), reason: 'Staff training', clinicWide: true }],
      }),
    );
    expect(day!.entries.map((e) => [e.kind, formatTimeRange(e.start, e.end, LA)])).toEqual([
      ['free', '9:00am–10:00am'],
      ['appointment', '10:00am–10:30am'],
      ['free', '10:30am–11:00am'],
      ['closed', '11:00am–12:00pm'],
      ['free', '1:00pm–5:00pm'],
    ]);
  });

  it('a cancelled appointment leaves its time free and is still listed', () => {
    const [day] = buildSchedule([wed], input({ rules: [{ weekday: 3, startTime: '09:00', endTime: '10:00' }], appointments: [appt('c', la('09:00').toISOString(), 30, 'cancelled')] }));
    expect(day!.entries.map((e) => [e.kind, formatTimeRange(e.start, e.end, LA)])).toEqual([
      ['appointment', '9:00am–9:30am'],
      ['free', '9:00am–10:00am'],
    ]);
  });

  it('a closure over the whole day is marked all day and leaves no free time', () => {
    const [day] = buildSchedule(
      [wed],
      input({ closures: [{ start: new Date('2026-12-01T08:00:00Z'), end: new Date('2026-12-04T08:00:00Z'), reason: null, clinicWide: false }] }),
    );
    expect(day!.entries).toHaveLength(1);
    expect(day!.entries[0]).toMatchObject({ kind: 'closed', allDay: true, start: new Date('2026-12-02T08:00:00Z'), end: new Date('2026-12-03T08:00:00Z') });
  });

  it('shows free time only from now on, and marks today', () => {
    const now = la('14:15');
    const [day, tomorrow] = buildSchedule([wed, '2026-12-03'], input({ now }));
    expect(day!.isToday).toBe(true);
    expect(tomorrow!.isToday).toBe(false);
    expect(day!.entries.map((e) => formatTimeRange(e.start, e.end, LA))).toEqual(['2:15pm–5:00pm']);
  });

  it('a weekend day has no opening hours and no free time', () => {
    const [saturday] = buildSchedule(['2026-12-05'], input());
    expect(saturday!.openingHours).toEqual([]);
    expect(saturday!.entries).toEqual([]);
  });
});

describe('form values in the clinic’s zone', () => {
  it('reads a datetime-local value as clinic time, DST-correct', () => {
    expect(localDateTimeToInstant('2026-12-24T09:00', LA)?.toISOString()).toBe('2026-12-24T17:00:00.000Z');
    expect(localDateTimeToInstant('2026-07-04T09:00', LA)?.toISOString()).toBe('2026-07-04T16:00:00.000Z');
    for (const bad of ['', '2026-02-30T09:00', '2026-12-24 09:00', '2026-12-24T25:00', 'tomorrow']) {
      expect(localDateTimeToInstant(bad, LA)).toBeNull();
    }
  });

  it('writes a stored instant back as the same clinic time', () => {
    expect(instantToLocalDateTime(new Date('2026-07-04T16:00:00Z'), LA)).toBe('2026-07-04T09:00');
    expect(instantToLocalDateTime(new Date('2026-12-24T17:00:00Z'), LA)).toBe('2026-12-24T09:00');
  });
});
