// How appointment times read (lib/booking/time-words): the clinic's local time with its zone's name, the patient's in
// brackets when it differs, across the US clock changes of 2026 and 2027 for every zone the form offers. Fixed dates only.
import { describe, expect, it } from 'vitest';
import { appointmentWhen, clinicTimesSentence, otherZoneWords, slotChoiceWords, zoneName, zoneShortName } from '@/lib/booking/time-words';
import { COMMON_TIME_ZONES, timeZoneOptions } from '@/lib/intake/labels';

const LA = 'America/Los_Angeles';
const NEW_YORK = 'America/New_York';
const PHOENIX = 'America/Phoenix';
const LONDON = 'Europe/London';

/** Each zone the form offers: its name, and its UTC offset in hours in winter and in summer (written out by hand). */
const US_ZONES = [
  { zone: 'America/New_York', name: 'Eastern', winter: -5, summer: -4 },
  { zone: 'America/Chicago', name: 'Central', winter: -6, summer: -5 },
  { zone: 'America/Denver', name: 'Mountain', winter: -7, summer: -6 },
  { zone: 'America/Phoenix', name: 'Arizona', winter: -7, summer: -7 },
  { zone: 'America/Los_Angeles', name: 'Pacific', winter: -8, summer: -7 },
  { zone: 'America/Anchorage', name: 'Alaska', winter: -9, summer: -8 },
  { zone: 'Pacific/Honolulu', name: 'Hawaii', winter: -10, summer: -10 },
];

/** 17:00 UTC on the days either side of each US clock change (8 Mar and 1 Nov 2026, 14 Mar and 7 Nov 2027). */
const AROUND_CHANGES = [
  { at: '2026-03-07T17:00:00Z', day: 'Saturday 7 March 2026', season: 'winter' },
  { at: '2026-03-09T17:00:00Z', day: 'Monday 9 March 2026', season: 'summer' },
  { at: '2026-10-31T17:00:00Z', day: 'Saturday 31 October 2026', season: 'summer' },
  { at: '2026-11-02T17:00:00Z', day: 'Monday 2 November 2026', season: 'winter' },
  { at: '2027-03-13T17:00:00Z', day: 'Saturday 13 March 2027', season: 'winter' },
  { at: '2027-03-15T17:00:00Z', day: 'Monday 15 March 2027', season: 'summer' },
  { at: '2027-11-06T17:00:00Z', day: 'Saturday 6 November 2027', season: 'summer' },
  { at: '2027-11-08T17:00:00Z', day: 'Monday 8 November 2027', season: 'winter' },
] as const;

/** 17:00 UTC plus an offset in hours, as "9:00am" (every offset here is whole hours and keeps the same day). */
const clock = (offset: number) => {
  const hour = 17 + offset;
  return `${hour % 12 || 12}:00${hour < 12 ? 'am' : 'pm'}`;
};

const cases = AROUND_CHANGES.flatMap((moment) =>
  US_ZONES.map((z) => ({ ...moment, ...z, local: clock(z[moment.season]), ny: clock(US_ZONES[0]![moment.season]) })),
);

describe('appointmentWhen', () => {
  it.each(cases)('$at at a clinic in $zone reads "$day, $local $name Time"', ({ at, zone, day, local, name }) => {
    expect(appointmentWhen(new Date(at), { clinic: zone })).toBe(`${day}, ${local} ${name} Time`);
  });

  it.each(cases.filter((c) => c.zone !== NEW_YORK))(
    '$at at a clinic in $zone, for a patient in New York, adds "($ny your time, Eastern)"',
    ({ at, zone, day, local, name, ny }) => {
      expect(appointmentWhen(new Date(at), { clinic: zone, patient: NEW_YORK })).toBe(`${day}, ${local} ${name} Time (${ny} your time, Eastern)`);
    },
  );

  it('states the issue’s case plainly: 9:00am in Los Angeles, noon in New York', () => {
    expect(appointmentWhen(new Date('2026-12-03T17:00:00Z'), { clinic: LA, patient: NEW_YORK })).toBe(
      'Thursday 3 December 2026, 9:00am Pacific Time (12:00pm your time, Eastern)',
    );
  });

  it('adds nothing when the patient is in the clinic’s zone, or gave none', () => {
    const at = new Date('2026-12-03T17:00:00Z');
    expect(appointmentWhen(at, { clinic: LA, patient: LA })).toBe('Thursday 3 December 2026, 9:00am Pacific Time');
    expect(appointmentWhen(at, { clinic: LA, patient: null })).toBe('Thursday 3 December 2026, 9:00am Pacific Time');
  });

  it('adds nothing for Arizona in the summer, when its clock reads like Los Angeles’, and the Arizona time in winter', () => {
    expect(appointmentWhen(new Date('2026-03-09T17:00:00Z'), { clinic: LA, patient: PHOENIX })).toBe('Monday 9 March 2026, 10:00am Pacific Time');
    expect(appointmentWhen(new Date('2026-03-07T17:00:00Z'), { clinic: LA, patient: PHOENIX })).toBe(
      'Saturday 7 March 2026, 9:00am Pacific Time (10:00am your time, Arizona)',
    );
  });

  it('names the patient’s day when it is another day where they are', () => {
    // 4:30pm on Thursday in Los Angeles is 12:30am on Friday in London.
    const words = appointmentWhen(new Date('2026-12-04T00:30:00Z'), { clinic: LA, patient: LONDON });
    expect(words).toMatch(/^Thursday 3 December 2026, 4:30pm Pacific Time \(Friday 4 December, 12:30am your time, .+\)$/);
  });

  it('speaks of the patient’s time to staff', () => {
    expect(appointmentWhen(new Date('2026-12-03T17:00:00Z'), { clinic: LA, patient: NEW_YORK }, 'staff')).toBe(
      'Thursday 3 December 2026, 9:00am Pacific Time (12:00pm patient’s time, Eastern)',
    );
  });

  it.each([
    // Spring forward in Los Angeles: 1:59am, then 3:00am, both "Pacific Time".
    ['2026-03-08T09:59:00Z', 'Sunday 8 March 2026, 1:59am Pacific Time'],
    ['2026-03-08T10:00:00Z', 'Sunday 8 March 2026, 3:00am Pacific Time'],
    // Fall back: 1:30am happens twice; the name is right both times.
    ['2026-11-01T08:30:00Z', 'Sunday 1 November 2026, 1:30am Pacific Time'],
    ['2026-11-01T09:30:00Z', 'Sunday 1 November 2026, 1:30am Pacific Time'],
    ['2027-03-14T10:00:00Z', 'Sunday 14 March 2027, 3:00am Pacific Time'],
    ['2027-11-07T09:30:00Z', 'Sunday 7 November 2027, 1:30am Pacific Time'],
  ])('on the night the clocks change, %s reads "%s"', (at, words) => {
    expect(appointmentWhen(new Date(at), { clinic: LA })).toBe(words);
  });

  it('keeps the brackets right on the morning only one coast has changed its clocks', () => {
    // 8 March 2026, 9:00am UTC: New York has gone to summer time (5:00am), Los Angeles not yet (1:00am).
    expect(appointmentWhen(new Date('2026-03-08T09:00:00Z'), { clinic: LA, patient: NEW_YORK })).toBe(
      'Sunday 8 March 2026, 1:00am Pacific Time (5:00am your time, Eastern)',
    );
  });
});

describe('zone names', () => {
  it.each(US_ZONES)('calls $zone "$name Time" all year', ({ zone, name }) => {
    expect(zoneName(zone)).toBe(`${name} Time`);
    expect(zoneShortName(zone)).toBe(name);
  });

  it('uses a generic name for other zones, never a summer or standard one', () => {
    expect(zoneName(LONDON)).toMatch(/ Time$/);
    expect(zoneName(LONDON)).not.toMatch(/Summer|Standard|Daylight|Mean/);
  });
});

describe('otherZoneWords', () => {
  it('is null when the clocks read the same', () => {
    expect(otherZoneWords(new Date('2026-12-03T17:00:00Z'), { clinic: LA, patient: 'America/Vancouver' })).toBeNull();
  });
});

describe('slotChoiceWords', () => {
  it('names the clinic’s zone on every time and gives the patient’s beneath', () => {
    expect(slotChoiceWords(new Date('2026-12-03T17:00:00Z'), { clinic: LA, patient: NEW_YORK })).toEqual({
      label: '9:00am Pacific',
      note: '12:00pm your time, Eastern',
    });
    expect(slotChoiceWords(new Date('2026-12-03T17:00:00Z'), { clinic: LA, patient: LA })).toEqual({ label: '9:00am Pacific', note: null });
  });
});

describe('clinicTimesSentence', () => {
  it('says the times are the clinic’s, and mentions the patient’s own only when it differs', () => {
    expect(clinicTimesSentence({ clinic: LA, patient: NEW_YORK })).toBe(
      'All times are Pacific Time, the clinic’s local time, because the consultation is in person at the clinic. Where your own time (Eastern Time) is different, it is shown too.',
    );
    expect(clinicTimesSentence({ clinic: LA, patient: LA })).toBe(
      'All times are Pacific Time, the clinic’s local time, because the consultation is in person at the clinic.',
    );
  });
});

describe('timeZoneOptions', () => {
  it('lists the clinic’s zone first, marked, then the others once each', () => {
    const zones = timeZoneOptions(LA);
    expect(zones[0]).toEqual({ value: LA, label: 'Pacific Time (Los Angeles), the clinic’s time zone' });
    expect(zones.map((z) => z.value).sort()).toEqual(COMMON_TIME_ZONES.map((z) => z.value).sort());
  });

  it('adds a clinic outside the list by its name', () => {
    expect(timeZoneOptions(LONDON)[0]).toEqual({ value: LONDON, label: 'Europe/London, the clinic’s time zone' });
    expect(timeZoneOptions(LONDON)).toHaveLength(COMMON_TIME_ZONES.length + 1);
  });
});
