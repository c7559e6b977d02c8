import { describe, expect, it } from 'vitest';
import {
  formatDate,
  parseRange,
  presetRange,
  todayIn,
  weekStart,
  weeksOf,
} from '@/lib/metrics/range';

// Thursday 26 November 2026 at the clinic.
const today = '2026-11-26';

describe('the clinic’s calendar', () => {
  it('reads today on the clinic’s wall clock, not the server’s', () => {
    // 03:00 UTC on the 27th is still the evening of the 26th in Los Angeles, already the 27th in Sydney.
    const instant = new Date('2026-11-27T03:00:00Z');
    expect(todayIn('America/Los_Angeles', instant)).toBe('2026-11-26');
    expect(todayIn('Australia/Sydney', instant)).toBe('2026-11-27');
  });

  it.each([
    ['2026-11-23', '2026-11-23'], // a Monday is its own week
    ['2026-11-26', '2026-11-23'],
    ['2026-11-29', '2026-11-23'], // Sunday belongs to the week before it, as in date_trunc('week')
    ['2026-03-01', '2026-02-23'], // across a month end
    ['2027-01-01', '2026-12-28'], // across a year end
  ])('puts %s in the week that starts on Monday %s', (date, monday) => {
    expect(weekStart(date)).toBe(monday);
  });

  it('lists every week a range touches, oldest first, across a change of clocks', () => {
    // Clocks go back in Los Angeles on 1 November 2026: calendar weeks are unaffected.
    expect(weeksOf({ from: '2026-10-28', to: '2026-11-10' })).toEqual(['2026-10-26', '2026-11-02', '2026-11-09']);
    expect(weeksOf({ from: '2026-11-26', to: '2026-11-26' })).toEqual(['2026-11-23']);
  });

  it('writes dates the way the dashboard shows them', () => {
    expect(formatDate('2026-09-07')).toBe('7 September 2026');
    expect(formatDate('2026-09-07', 'short')).toBe('7 Sep');
  });
});

describe('presets', () => {
  it.each([
    ['last-4-weeks', { from: '2026-11-02', to: today }],
    ['last-12-weeks', { from: '2026-09-07', to: today }],
    ['this-year', { from: '2026-01-01', to: today }],
  ] as const)('%s ends today and starts on a Monday (or 1 January)', (preset, range) => {
    expect(presetRange(preset, today)).toEqual(range);
  });

  it('gives 4 and 12 weekly bars, the last one being this week', () => {
    expect(weeksOf(presetRange('last-4-weeks', today))).toHaveLength(4);
    expect(weeksOf(presetRange('last-12-weeks', today))).toHaveLength(12);
    expect(weeksOf(presetRange('last-12-weeks', today)).at(-1)).toBe('2026-11-23');
  });
});

describe('reading the range from the query string', () => {
  it('defaults to the last 12 weeks when nothing is asked', () => {
    expect(parseRange({}, today)).toEqual({ range: { from: '2026-09-07', to: today }, preset: 'last-12-weeks', errors: {}, values: {} });
  });

  it('uses a preset, and ignores an unknown one', () => {
    expect(parseRange({ preset: 'this-year' }, today)).toMatchObject({ range: { from: '2026-01-01', to: today }, preset: 'this-year' });
    expect(parseRange({ preset: 'forever' }, today)).toMatchObject({ range: { from: '2026-09-07' }, preset: 'last-12-weeks', errors: {} });
  });

  it('takes a custom range, and recognises one that equals a preset', () => {
    expect(parseRange({ from: '2026-10-01', to: '2026-10-31' }, today)).toEqual({
      range: { from: '2026-10-01', to: '2026-10-31' },
      preset: null,
      errors: {},
      values: {},
    });
    expect(parseRange({ from: '2026-11-02', to: today }, today).preset).toBe('last-4-weeks');
  });

  it('fills a missing end with today and a missing start with 12 weeks before the end', () => {
    expect(parseRange({ from: '2026-11-01' }, today).range).toEqual({ from: '2026-11-01', to: today });
    expect(parseRange({ to: '2026-10-31' }, today).range).toEqual({ from: '2026-08-10', to: '2026-10-31' });
  });

  it('a one-day range is allowed', () => {
    expect(parseRange({ from: '2026-11-26', to: '2026-11-26' }, today)).toMatchObject({ range: { from: today, to: today }, errors: {} });
  });

  it.each([
    [{ from: '26/11/2026', to: '2026-11-26' }, { from: 'Start date must be a real date, like 2026-09-01' }],
    [{ from: '2026-02-30', to: '2026-03-05' }, { from: 'Start date must be a real date, like 2026-09-01' }],
    [{ from: '2026-11-01', to: 'yesterday' }, { to: 'End date must be a real date, like 2026-11-30' }],
    [{ from: '2026-12-01', to: '2026-12-31' }, { from: 'Start date must be today or in the past' }],
    [{ from: '2026-11-10', to: '2026-11-01' }, { to: 'End date must be the same as or after the start date' }],
    [{ from: '2022-01-01', to: '2026-11-01' }, { to: 'End date must be within 3 years of the start date' }],
  ])('falls back to the default range with a message for the field: %o', (query, errors) => {
    const parsed = parseRange(query, today);
    expect(parsed.errors).toEqual(errors);
    expect(parsed.range).toEqual({ from: '2026-09-07', to: today });
    expect(parsed.values).toEqual({ from: query.from, to: query.to });
  });

  it('takes the first of repeated parameters and trims spaces', () => {
    expect(parseRange({ from: [' 2026-10-01 ', '2020-01-01'], to: '2026-10-02' }, today).range).toEqual({ from: '2026-10-01', to: '2026-10-02' });
  });
});
