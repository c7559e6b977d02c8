import { describe, expect, it } from 'vitest';
import {
  hoursFormValues,
  hoursRows,
  parseClosure,
  parseProviderSettings,
  parseWeeklyHours,
  providerFormValues,
} from '@/lib/booking/settings-rules';

const provider = {
  name: 'Dr. Example',
  title: 'Physician',
  slotMinutes: '30',
  bufferMinutes: '10',
  minNoticeHours: '24',
  horizonDays: '28',
  active: 'yes',
};

describe('provider settings', () => {
  it('accepts good values and stores the notice in minutes', () => {
    expect(parseProviderSettings(provider)).toEqual({
      ok: true,
      data: { name: 'Dr. Example', title: 'Physician', slotMinutes: 30, bufferMinutes: 10, minNoticeMinutes: 1440, horizonDays: 28, active: true },
    });
    const back = parseProviderSettings({ ...provider, title: '  ', active: 'no' });
    expect(back.ok && back.data).toMatchObject({ title: null, active: false });
  });

  it.each([
    ['slotMinutes', '4', 'Appointment length must be between 5 and 240 minutes'],
    ['slotMinutes', '241', 'Appointment length must be between 5 and 240 minutes'],
    ['slotMinutes', '30.5', 'Appointment length must be a whole number of minutes'],
    ['slotMinutes', '', 'Enter the appointment length'],
    ['bufferMinutes', '121', 'Break between appointments must be between 0 and 120 minutes'],
    ['bufferMinutes', '-5', 'Break between appointments must be a whole number of minutes'],
    ['minNoticeHours', '721', 'Minimum notice must be between 0 and 720 hours'],
    ['horizonDays', '0', 'Booking horizon must be between 1 and 365 days'],
    ['horizonDays', '366', 'Booking horizon must be between 1 and 365 days'],
    ['name', '   ', 'Enter the provider’s name'],
    ['active', 'maybe', 'Select whether patients can book with this provider'],
  ])('refuses %s = %j with “%s” and keeps what was typed', (field, value, message) => {
    const result = parseProviderSettings({ ...provider, [field]: value });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual({ [field]: message });
    expect(result.values[field]).toBe(value);
  });

  it('accepts the edges of each range', () => {
    for (const [field, value] of [['slotMinutes', '5'], ['slotMinutes', '240'], ['bufferMinutes', '0'], ['bufferMinutes', '120'], ['minNoticeHours', '0'], ['horizonDays', '1'], ['horizonDays', '365']]) {
      expect(parseProviderSettings({ ...provider, [field!]: value! }).ok).toBe(true);
    }
  });

  it('round-trips through the form values', () => {
    const parsed = parseProviderSettings(provider);
    if (!parsed.ok) throw new Error('expected ok');
    expect(providerFormValues(parsed.data)).toEqual(provider);
  });
});

describe('weekly hours', () => {
  it('reads ranges per weekday and skips rows left empty (removed)', () => {
    const result = parseWeeklyHours({ 'd1-0-start': '09:00', 'd1-0-end': '12:00', 'd1-1-start': '13:00', 'd1-1-end': '17:30', 'd1-2-start': '', 'd1-2-end': '', 'd6-0-start': '10:00', 'd6-0-end': '14:00' });
    expect(result).toEqual({
      ok: true,
      data: [
        { weekday: 1, startTime: '09:00', endTime: '12:00' },
        { weekday: 1, startTime: '13:00', endTime: '17:30' },
        { weekday: 6, startTime: '10:00', endTime: '14:00' },
      ],
    });
  });

  it('lets ranges touch but not overlap, naming the day and both ranges', () => {
    expect(parseWeeklyHours({ 'd2-0-start': '09:00', 'd2-0-end': '12:00', 'd2-1-start': '12:00', 'd2-1-end': '17:00' }).ok).toBe(true);
    const result = parseWeeklyHours({ 'd2-0-start': '09:00', 'd2-0-end': '12:00', 'd2-1-start': '11:30', 'd2-1-end': '17:00' });
    expect(result).toMatchObject({ ok: false, errors: { 'd2-1-start': 'Tuesday’s hours overlap: 11:30–17:00 starts before 09:00–12:00 ends' } });
  });

  it('finds an overlap whatever order the rows were typed in', () => {
    const result = parseWeeklyHours({ 'd3-0-start': '13:00', 'd3-0-end': '17:00', 'd3-1-start': '08:00', 'd3-1-end': '14:00' });
    expect(result).toMatchObject({ ok: false, errors: { 'd3-0-start': expect.stringContaining('Wednesday’s hours overlap') } });
  });

  it('allows the same times on different days', () => {
    expect(parseWeeklyHours({ 'd1-0-start': '09:00', 'd1-0-end': '17:00', 'd2-0-start': '09:00', 'd2-0-end': '17:00' }).ok).toBe(true);
  });

  it.each([
    [{ 'd4-0-start': '17:00', 'd4-0-end': '09:00' }, 'd4-0-end', 'Thursday’s end time must be after its start time'],
    [{ 'd4-0-start': '09:00', 'd4-0-end': '09:00' }, 'd4-0-end', 'Thursday’s end time must be after its start time'],
    [{ 'd5-0-start': '09:00', 'd5-0-end': '' }, 'd5-0-end', 'Enter the time Friday’s hours end'],
    [{ 'd5-0-start': '', 'd5-0-end': '12:00' }, 'd5-0-start', 'Enter the time Friday’s hours start'],
    [{ 'd7-0-start': '9am', 'd7-0-end': '12:00' }, 'd7-0-start', 'Enter Sunday’s start time like 09:00'],
    [{ 'd7-0-start': '09:00', 'd7-0-end': '25:00' }, 'd7-0-end', 'Enter Sunday’s end time like 17:00'],
  ])('refuses %j at %s: “%s”', (values, field, message) => {
    const result = parseWeeklyHours(values);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[field]).toBe(message);
    expect(result.values).toEqual(values);
  });

  it('refuses more than six ranges on one day', () => {
    const values: Record<string, string> = {};
    for (let i = 0; i < 7; i++) Object.assign(values, { [`d1-${i}-start`]: `0${i}:00`, [`d1-${i}-end`]: `0${i}:30` });
    expect(parseWeeklyHours(values)).toMatchObject({ ok: false, errors: { 'd1-6-start': 'Monday can have at most 6 ranges of hours' } });
  });

  it('turns stored rules into form rows and back', () => {
    const rules = [
      { weekday: 1, startTime: '13:00:00', endTime: '17:00:00' },
      { weekday: 1, startTime: '09:00:00', endTime: '12:00:00' },
    ];
    const values = hoursFormValues(rules);
    expect(hoursRows(values, 1)).toEqual([
      { row: 0, start: '09:00', end: '12:00' },
      { row: 1, start: '13:00', end: '17:00' },
    ]);
    expect(hoursRows(values, 2)).toEqual([]);
    expect(parseWeeklyHours(values)).toMatchObject({ ok: true, data: [{ startTime: '09:00' }, { startTime: '13:00' }] });
  });
});

describe('closures', () => {
  const ctx = { providerId: 'p1', timeZone: 'America/Los_Angeles', now: new Date('2026-11-26T12:00:00Z') };

  it('reads clinic times and who it applies to', () => {
    expect(parseClosure({ scope: 'clinic', startsAt: '2026-12-24T00:00', endsAt: '2026-12-26T00:00', reason: ' Holidays ' }, ctx)).toEqual({
      ok: true,
      data: { providerId: null, startsAt: new Date('2026-12-24T08:00:00Z'), endsAt: new Date('2026-12-26T08:00:00Z'), reason: 'Holidays' },
    });
    const own = parseClosure({ scope: 'provider', startsAt: '2026-12-01T13:00', endsAt: '2026-12-01T15:00', reason: '' }, ctx);
    expect(own).toMatchObject({ ok: true, data: { providerId: 'p1', reason: null } });
  });

  it.each([
    [{ endsAt: '2026-12-01T08:00' }, 'endsAt', 'The end must be after the start'],
    [{ endsAt: '2026-12-01T09:00' }, 'endsAt', 'The end must be after the start'],
    [{ startsAt: '2026-11-01T09:00', endsAt: '2026-11-02T09:00' }, 'endsAt', 'The end must be in the future'],
    [{ startsAt: '' }, 'startsAt', 'Enter the date and time the closure starts'],
    [{ startsAt: '2026-02-30T09:00' }, 'startsAt', 'Enter the start as a real date and time'],
    [{ endsAt: '' }, 'endsAt', 'Enter the date and time the closure ends'],
    [{ scope: '' }, 'scope', 'Select who the closure applies to'],
    [{ reason: 'x'.repeat(201) }, 'reason', 'Reason must be 200 characters or fewer'],
  ])('refuses %j: %s “%s”, keeping what was typed', (overrides, field, message) => {
    const values = { scope: 'clinic', startsAt: '2026-12-01T09:00', endsAt: '2026-12-01T17:00', reason: 'Training', ...overrides };
    const result = parseClosure(values, ctx);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[field]).toBe(message);
    expect(result.values).toEqual(values);
  });
});
