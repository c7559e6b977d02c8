// How staff pages write moments and lengths of time (lib/time/format): each in the clinic's zone, across a
// clock change and a year's end. Fixed instants only, never today's date.
import { describe, expect, it } from 'vitest';
import {
  clinicDayKey,
  formatClinicDate,
  formatClinicDateTime,
  formatDuration,
  formatLongDateTime,
  formatMinutes,
  formatRecordTime,
  formatShortDateTime,
  formatWaited,
  formatWhen,
} from '@/lib/time/format';

const LA = 'America/Los_Angeles';
const NEW_YORK = 'America/New_York';
// 23:05:07 UTC on 26 November 2026: 3:05pm in Los Angeles, 6:05pm in New York, the same day in both.
const THANKSGIVING = new Date('2026-11-26T23:05:07Z');
// 06:30 UTC on 1 January 2027: still New Year's Eve in Los Angeles.
const NEW_YEAR = new Date('2027-01-01T06:30:00Z');

describe('moments, in the clinic’s zone', () => {
  it.each([
    ['formatClinicDateTime', formatClinicDateTime(THANKSGIVING, LA), 'Thu 26 Nov 2026, 3:05pm'],
    ['formatClinicDate', formatClinicDate(THANKSGIVING, LA), 'Thu 26 Nov 2026'],
    ['formatShortDateTime', formatShortDateTime(THANKSGIVING, LA), '26 Nov 2026, 3:05pm'],
    ['formatRecordTime', formatRecordTime(THANKSGIVING, LA), 'Nov 26, 2026, 3:05 PM'],
    ['formatRecordTime with seconds', formatRecordTime(THANKSGIVING, LA, { seconds: true }), 'Nov 26, 2026, 3:05:07 PM'],
    ['formatLongDateTime', formatLongDateTime(THANKSGIVING, LA), 'November 26, 2026 at 3:05 PM'],
    ['clinicDayKey', clinicDayKey(THANKSGIVING, LA), '2026-11-26'],
  ])('%s', (_name, written, expected) => {
    expect(written.replace(/\u202f/g, ' ')).toBe(expected);
  });

  it('reads the wall clock of the zone it is given, not the server’s', () => {
    expect(formatClinicDateTime(THANKSGIVING, NEW_YORK)).toBe('Thu 26 Nov 2026, 6:05pm');
    expect(formatClinicDate(NEW_YEAR, LA)).toBe('Thu 31 Dec 2026');
    expect(clinicDayKey(NEW_YEAR, LA)).toBe('2026-12-31');
    expect(clinicDayKey(NEW_YEAR, NEW_YORK)).toBe('2027-01-01');
  });

  it('follows the clock change: the same UTC hour reads an hour apart either side of it', () => {
    expect(formatClinicDateTime(new Date('2026-10-31T17:00:00Z'), LA)).toBe('Sat 31 Oct 2026, 10:00am');
    expect(formatClinicDateTime(new Date('2026-11-02T17:00:00Z'), LA)).toBe('Mon 2 Nov 2026, 9:00am');
  });
});

describe('the inbox’s short moment (formatWhen)', () => {
  const now = new Date('2026-11-26T20:00:00Z'); // noon in Los Angeles
  const read = (at: string, when = now) => formatWhen(new Date(at), when, LA).replace(/\u202f/g, ' ');

  it('names today, yesterday and tomorrow at the clinic', () => {
    expect(read('2026-11-26T17:05:00Z')).toBe('Today, 9:05 AM');
    expect(read('2026-11-26T07:59:00Z')).toBe('Yesterday, 11:59 PM');
    expect(read('2026-11-28T00:12:00Z')).toBe('Tomorrow, 4:12 PM');
  });

  it('writes other days as a date, with the year only when it is another year', () => {
    expect(read('2026-11-24T00:12:00Z')).toBe('Nov 23, 4:12 PM');
    expect(read('2026-01-01T00:12:00Z')).toBe('Dec 31, 2025, 4:12 PM');
  });
});

describe('lengths of time', () => {
  const at = (m: number) => new Date(Date.UTC(2026, 0, 1, 0, m));

  it('says how long a stretch lasts in words', () => {
    expect(formatDuration(at(0), at(45))).toBe('45 minutes');
    expect(formatDuration(at(0), at(60))).toBe('1 hour');
    expect(formatDuration(at(0), at(150))).toBe('2 hours 30 minutes');
    expect(formatDuration(at(0), at(61))).toBe('1 hour 1 minute');
  });

  it('writes whole minutes the same way (an email’s “How long”)', () => {
    expect(formatMinutes(30)).toBe('30 minutes');
    expect(formatMinutes(90)).toBe('1 hour 30 minutes');
    expect(formatMinutes(0)).toBe('0 minutes');
  });

  it.each([
    [0, '0 min'],
    [59, '59 min'],
    [65, '1 h 05 min'],
    [47 * 60 + 59, '47 h 59 min'],
    [52 * 60, '2 days 4 h'],
  ])('a wait of %i minutes reads “%s”', (minutes, words) => {
    expect(formatWaited(at(0), at(minutes))).toBe(words);
  });

  it('never reads a negative wait (a clock a little behind)', () => {
    expect(formatWaited(at(10), at(0))).toBe('0 min');
  });
});
