import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { describe, expect, it } from 'vitest';
import {
  computeFreeSlots,
  formatDayLabel,
  formatSlotLabel,
  formatTimeLabel,
  groupSlotsByDay,
  isSlotFree,
  isValidTimeZone,
  nearestFreeSlots,
  type BookingSettings,
  type FreeSlotsInput,
  type Slot,
  type WeeklyRule,
} from '@/lib/booking/rules';

const LA = 'America/Los_Angeles';
const NEW_YORK = 'America/New_York';
const LONDON = 'Europe/London';

// Monday to Friday, 9 to 12 and 1 to 5 with an hour for lunch.
const weekdayHours: WeeklyRule[] = [1, 2, 3, 4, 5].flatMap((weekday) => [
  { weekday, startTime: '09:00', endTime: '12:00' },
  { weekday, startTime: '13:00', endTime: '17:00' },
]);

const defaultSettings: BookingSettings = { slotMinutes: 30, bufferMinutes: 10, minNoticeMinutes: 0, horizonDays: 7 };

// Monday 3 August 2026, 7am in Los Angeles (PDT, UTC-7).
const mondayMorning = new Date('2026-08-03T07:00:00-07:00');

function clinic(overrides: Partial<Omit<FreeSlotsInput, 'settings'>> & { settings?: Partial<BookingSettings> } = {}): FreeSlotsInput {
  const { settings, ...rest } = overrides;
  return {
    now: mondayMorning,
    timeZone: LA,
    rules: weekdayHours,
    closures: [],
    busy: [],
    ...rest,
    settings: { ...defaultSettings, ...settings },
  };
}

/** A slot's start as the clinic's clock shows it, e.g. "Mon 3 Aug 09:40". */
function clinicTime(slot: Slot, timeZone = LA): string {
  return format(new TZDate(slot.start.getTime(), timeZone), 'EEE d MMM HH:mm');
}

function startsOn(slots: Slot[], day: string): string[] {
  return slots.map((slot) => clinicTime(slot)).filter((time) => time.startsWith(day)).map((time) => time.slice(-5));
}

function instants(slots: Slot[]): string[] {
  return slots.map((slot) => slot.start.toISOString());
}

function lengthsInMinutes(slots: Slot[]): number[] {
  return slots.map((slot) => (slot.end.getTime() - slot.start.getTime()) / 60_000);
}

const mondayMorningSlots = ['09:00', '09:40', '10:20', '11:00'];
const mondayAfternoonSlots = ['13:00', '13:40', '14:20', '15:00', '15:40', '16:20'];

describe('computeFreeSlots: opening hours', () => {
  it('offers 30-minute slots with a 10-minute buffer through a weekday, morning and afternoon', () => {
    const slots = computeFreeSlots(clinic());
    expect(startsOn(slots, 'Mon 3 Aug')).toEqual([...mondayMorningSlots, ...mondayAfternoonSlots]);
    expect(new Set(lengthsInMinutes(slots))).toEqual(new Set([30]));
  });

  it('offers no slot inside the lunch break', () => {
    const slots = computeFreeSlots(clinic({ settings: { horizonDays: 14 } }));
    const touchesLunch = slots.filter((slot) => {
      const start = format(new TZDate(slot.start.getTime(), LA), 'HH:mm');
      const end = format(new TZDate(slot.end.getTime(), LA), 'HH:mm');
      return start < '13:00' && end > '12:00';
    });
    expect(slots.length).toBeGreaterThan(0);
    expect(touchesLunch).toEqual([]);
  });

  it.each([
    [30, 0, '09:00 09:30 10:00 10:30 11:00 11:30'],
    [45, 15, '09:00 10:00 11:00'],
    [60, 10, '09:00 10:10'],
    [50, 10, '09:00 10:00 11:00'],
    [200, 0, 'nothing'],
  ])('with %i-minute slots and a %i-minute buffer, a 9-to-12 morning offers %s', (slotMinutes, bufferMinutes, morning) => {
    const slots = computeFreeSlots(clinic({ rules: weekdayHours.filter((rule) => rule.startTime === '09:00'), settings: { slotMinutes, bufferMinutes } }));
    expect(startsOn(slots, 'Mon 3 Aug').join(' ') || 'nothing').toBe(morning);
    expect(lengthsInMinutes(slots).every((minutes) => minutes === slotMinutes)).toBe(true);
  });

  it('offers no slot at the weekend when the clinic has no weekend hours', () => {
    const slots = computeFreeSlots(clinic());
    expect(startsOn(slots, 'Sat')).toEqual([]);
    expect(startsOn(slots, 'Sun')).toEqual([]);
    expect(startsOn(slots, 'Fri 7 Aug')).toHaveLength(10);
  });

  it('offers a Saturday clinic only on Saturdays', () => {
    const slots = computeFreeSlots(clinic({ rules: [{ weekday: 6, startTime: '10:00', endTime: '11:00:00' }] }));
    expect(slots.map((slot) => clinicTime(slot))).toEqual(['Sat 8 Aug 10:00']);
  });

  it('offers each time once when two opening-hours rules overlap', () => {
    const slots = computeFreeSlots(
      clinic({
        rules: [
          { weekday: 1, startTime: '09:00', endTime: '11:00' },
          { weekday: 1, startTime: '09:00', endTime: '10:00' },
        ],
      }),
    );
    expect(startsOn(slots, 'Mon 3 Aug')).toEqual(['09:00', '09:40', '10:20']);
  });

  it('returns slots in time order even when the rules are not', () => {
    const slots = computeFreeSlots(clinic({ rules: [...weekdayHours].reverse() }));
    expect(instants(slots)).toEqual([...instants(slots)].sort());
  });

  it('refuses opening hours it cannot read', () => {
    expect(() => computeFreeSlots(clinic({ rules: [{ weekday: 1, startTime: '9am', endTime: '12:00' }] }))).toThrow(RangeError);
    expect(() => computeFreeSlots(clinic({ timeZone: 'Mars/Olympus_Mons' }))).toThrow(RangeError);
    expect(() => computeFreeSlots(clinic({ settings: { slotMinutes: 0 } }))).toThrow(RangeError);
  });
});

describe('computeFreeSlots: notice and horizon', () => {
  // Now is Monday 9:15am in Los Angeles.
  const nineFifteen = new Date('2026-08-03T09:15:00-07:00');

  it.each([
    [0, 'Mon 3 Aug 09:40'],
    [25, 'Mon 3 Aug 09:40'],
    [26, 'Mon 3 Aug 10:20'],
    [65, 'Mon 3 Aug 10:20'],
    [66, 'Mon 3 Aug 11:00'],
    [24 * 60, 'Tue 4 Aug 09:40'],
  ])('with %i minutes of notice at 9:15am Monday, the first slot offered is %s', (minNoticeMinutes, first) => {
    const slots = computeFreeSlots(clinic({ now: nineFifteen, settings: { minNoticeMinutes } }));
    expect(clinicTime(slots[0]!)).toBe(first);
  });

  it('does not offer a slot that has already started', () => {
    const slots = computeFreeSlots(clinic({ now: nineFifteen }));
    expect(startsOn(slots, 'Mon 3 Aug')).not.toContain('09:00');
  });

  it.each([
    [1, 'Tue 4 Aug 09:00'],
    [2, 'Wed 5 Aug 09:00'],
    [7, 'Mon 10 Aug 09:00'],
  ])('looking %i days ahead from 9am Monday, the last slot offered is %s', (horizonDays, last) => {
    const slots = computeFreeSlots(clinic({ now: new Date('2026-08-03T09:00:00-07:00'), settings: { horizonDays } }));
    expect(clinicTime(slots[0]!)).toBe('Mon 3 Aug 09:00');
    expect(clinicTime(slots.at(-1)!)).toBe(last);
  });

  it('counts the horizon in calendar days across a clock change', () => {
    // Friday 6 March 2026, 9am PST; the clocks go forward on Sunday 8 March.
    const slots = computeFreeSlots(clinic({ now: new Date('2026-03-06T09:00:00-08:00'), settings: { horizonDays: 3 } }));
    expect(clinicTime(slots.at(-1)!)).toBe('Mon 9 Mar 09:00');
    expect(slots.at(-1)!.start.toISOString()).toBe('2026-03-09T16:00:00.000Z');
  });
});

describe('computeFreeSlots: closures', () => {
  it('offers nothing on a day the clinic is closed', () => {
    const tuesday = { start: new Date('2026-08-04T00:00:00-07:00'), end: new Date('2026-08-05T00:00:00-07:00') };
    const slots = computeFreeSlots(clinic({ closures: [tuesday] }));
    expect(startsOn(slots, 'Tue 4 Aug')).toEqual([]);
    expect(startsOn(slots, 'Mon 3 Aug')).toHaveLength(10);
    expect(startsOn(slots, 'Wed 5 Aug')).toHaveLength(10);
  });

  it.each([
    ['10:00', '12:00', '09:00'],
    ['09:30', '09:40', '09:00 09:40 10:20 11:00'],
    ['09:29', '09:41', '10:20 11:00'],
    ['11:30', '13:00', '09:00 09:40 10:20 11:00'],
  ])('closed from %s to %s, the morning still offers %s', (from, to, morning) => {
    const closure = { start: new Date(`2026-08-03T${from}:00-07:00`), end: new Date(`2026-08-03T${to}:00-07:00`) };
    const slots = computeFreeSlots(clinic({ closures: [closure] }));
    expect(startsOn(slots, 'Mon 3 Aug').filter((time) => time < '12:00').join(' ')).toBe(morning);
    expect(startsOn(slots, 'Mon 3 Aug').filter((time) => time > '12:00')).toEqual(mondayAfternoonSlots);
  });
});

describe('computeFreeSlots: booked appointments and the buffer', () => {
  it.each([
    ['09:00', '09:30', 'takes only its own slot: the next one just touches its buffer', '09:40 10:20 11:00'],
    ['09:00', '09:31', 'also blocks a slot that starts inside its buffer', '10:20 11:00'],
    ['10:10', '10:20', 'in the gap between two slots blocks both through their buffers', '09:00 11:00'],
    ['10:00', '10:10', 'blocks the slot it overlaps but not the one whose buffer it touches', '09:00 10:20 11:00'],
    ['08:20', '08:50', 'ending one buffer before a slot leaves that slot free', '09:00 09:40 10:20 11:00'],
    ['08:20', '08:51', 'ending inside the buffer before a slot blocks it', '09:40 10:20 11:00'],
  ])('an appointment from %s to %s %s', (from, to, _why, morning) => {
    const appointment = { start: new Date(`2026-08-03T${from}:00-07:00`), end: new Date(`2026-08-03T${to}:00-07:00`) };
    const slots = computeFreeSlots(clinic({ busy: [appointment] }));
    expect(startsOn(slots, 'Mon 3 Aug').filter((time) => time < '12:00').join(' ')).toBe(morning);
  });

  it('blocks a slot only on the day of the appointment', () => {
    const appointment = { start: new Date('2026-08-04T09:00:00-07:00'), end: new Date('2026-08-04T09:30:00-07:00') };
    const slots = computeFreeSlots(clinic({ busy: [appointment] }));
    expect(startsOn(slots, 'Mon 3 Aug')[0]).toBe('09:00');
    expect(startsOn(slots, 'Tue 4 Aug')[0]).toBe('09:40');
  });
});

describe('computeFreeSlots: daylight saving', () => {
  const sundayOnly = (startTime: string, endTime: string): WeeklyRule[] => [{ weekday: 7, startTime, endTime }];

  it('skips the hour that does not exist when the clocks go forward (8 March 2026, Los Angeles)', () => {
    const slots = computeFreeSlots(
      clinic({
        now: new Date('2026-03-07T00:00:00-08:00'),
        rules: sundayOnly('01:00', '04:00'),
        settings: { slotMinutes: 30, bufferMinutes: 0, horizonDays: 3 },
      }),
    );
    expect(instants(slots)).toEqual([
      '2026-03-08T09:00:00.000Z', // 1:00am PST
      '2026-03-08T09:30:00.000Z', // 1:30am PST
      '2026-03-08T10:00:00.000Z', // 3:00am PDT
      '2026-03-08T10:30:00.000Z', // 3:30am PDT
    ]);
    expect(slots.map((slot) => clinicTime(slot).slice(-5))).toEqual(['01:00', '01:30', '03:00', '03:30']);
    expect(lengthsInMinutes(slots)).toEqual([30, 30, 30, 30]);
  });

  it('keeps every slot exactly an hour long across the jump', () => {
    const slots = computeFreeSlots(
      clinic({
        now: new Date('2026-03-07T00:00:00-08:00'),
        rules: sundayOnly('01:00', '04:00'),
        settings: { slotMinutes: 60, bufferMinutes: 0, horizonDays: 3 },
      }),
    );
    expect(instants(slots)).toEqual(['2026-03-08T09:00:00.000Z', '2026-03-08T10:00:00.000Z']);
    expect(slots.map((slot) => slot.end.toISOString())).toEqual(['2026-03-08T10:00:00.000Z', '2026-03-08T11:00:00.000Z']);
  });

  it('never offers overlapping slots where the clocks jump forward', () => {
    // 1:30am PST to 2:15am is really 1:30 to 3:15am PDT, so a 3:00am slot would overlap it.
    const slots = computeFreeSlots(
      clinic({
        now: new Date('2026-03-07T00:00:00-08:00'),
        rules: sundayOnly('00:00', '04:00'),
        settings: { slotMinutes: 45, bufferMinutes: 0, horizonDays: 3 },
      }),
    );
    expect(instants(slots)).toEqual(['2026-03-08T08:00:00.000Z', '2026-03-08T08:45:00.000Z', '2026-03-08T09:30:00.000Z']);
    for (const [i, slot] of slots.slice(1).entries()) {
      expect(slot.start.getTime()).toBeGreaterThanOrEqual(slots[i]!.end.getTime());
    }
  });

  it.each([
    ['1 November 2026', LA, '2026-10-31T00:00:00-07:00', ['2026-11-01T07:30:00.000Z', '2026-11-01T08:00:00.000Z', '2026-11-01T08:30:00.000Z', '2026-11-01T10:00:00.000Z']],
    ['25 October 2026', LONDON, '2026-10-24T00:00:00+01:00', ['2026-10-24T23:30:00.000Z', '2026-10-25T00:00:00.000Z', '2026-10-25T00:30:00.000Z', '2026-10-25T02:00:00.000Z']],
  ])('uses the first of the repeated hour when the clocks go back (%s, %s)', (_day, zone, now, expected) => {
    const slots = computeFreeSlots(
      clinic({
        now: new Date(now),
        timeZone: zone,
        rules: sundayOnly('00:30', '02:30'),
        settings: { slotMinutes: 30, bufferMinutes: 0, horizonDays: 3 },
      }),
    );
    expect(instants(slots)).toEqual(expected);
    expect(new Set(instants(slots)).size).toBe(slots.length);
    expect(lengthsInMinutes(slots)).toEqual([30, 30, 30, 30]);
    expect(slots.map((slot) => clinicTime(slot, zone).slice(-5))).toEqual(['00:30', '01:00', '01:30', '02:00']);
  });

  it('skips the missing hour in London too (29 March 2026)', () => {
    const slots = computeFreeSlots(
      clinic({
        now: new Date('2026-03-28T00:00:00Z'),
        timeZone: LONDON,
        rules: sundayOnly('00:00', '03:00'),
        settings: { slotMinutes: 30, bufferMinutes: 0, horizonDays: 3 },
      }),
    );
    expect(instants(slots)).toEqual(['2026-03-29T00:00:00.000Z', '2026-03-29T00:30:00.000Z', '2026-03-29T01:00:00.000Z', '2026-03-29T01:30:00.000Z']);
  });

  it.each([
    ['forward', '2026-03-08T16:00:00.000Z', '2026-03-07T17:00:00.000Z', '2026-03-06T12:00:00-08:00'],
    ['back', '2026-11-01T17:00:00.000Z', '2026-10-31T16:00:00.000Z', '2026-10-30T12:00:00-07:00'],
  ])('puts 9am on the day the clocks go %s at %s, and 9am the day before at %s', (_change, dayOf, dayBefore, now) => {
    const slots = computeFreeSlots(
      clinic({
        now: new Date(now),
        rules: [6, 7].map((weekday) => ({ weekday, startTime: '09:00', endTime: '10:00' })),
        settings: { slotMinutes: 60, bufferMinutes: 0, horizonDays: 3 },
      }),
    );
    expect(instants(slots)).toEqual([dayBefore, dayOf]);
  });
});

describe('isSlotFree', () => {
  const booked = { start: new Date('2026-08-03T10:20:00-07:00'), end: new Date('2026-08-03T10:50:00-07:00') };
  const input = clinic({ busy: [booked] });

  it('confirms a free slot and gives its end', () => {
    expect(isSlotFree(new Date('2026-08-03T09:40:00-07:00'), input)).toEqual({
      start: new Date('2026-08-03T09:40:00-07:00'),
      end: new Date('2026-08-03T10:10:00-07:00'),
    });
  });

  it.each([
    ['a slot someone has just booked', '2026-08-03T10:20:00-07:00'],
    ['a time between slots', '2026-08-03T09:10:00-07:00'],
    ['a time in the lunch break', '2026-08-03T12:20:00-07:00'],
    ['a Saturday', '2026-08-08T09:00:00-07:00'],
  ])('refuses %s', (_why, time) => {
    expect(isSlotFree(new Date(time), input)).toBeNull();
  });

  it('refuses a slot that has already started', () => {
    const at = new Date('2026-08-03T09:00:00-07:00');
    expect(isSlotFree(at, input)).not.toBeNull();
    expect(isSlotFree(at, { ...input, now: new Date('2026-08-03T09:15:00-07:00') })).toBeNull();
  });

  it('refuses a time that is not a date at all', () => {
    expect(isSlotFree(new Date('not a date'), input)).toBeNull();
  });
});

describe('nearestFreeSlots', () => {
  const slots = computeFreeSlots(clinic()).filter((slot) => clinicTime(slot).startsWith('Mon 3 Aug'));
  const at = (time: string) => new Date(`2026-08-03T${time}:00-07:00`);
  const times = (result: Slot[]) => result.map((slot) => clinicTime(slot).slice(-5));

  it.each([
    ['offers the next free slots when the chosen one was just taken', '10:20', 3, '09:00 09:40 11:00'],
    ['prefers the earlier of two equally close slots', '10:00', 1, '09:40'],
    ['breaks a tie for the last place in favour of the earlier slot', '10:00', 3, '09:00 09:40 10:20'],
    ['looks across lunch', '12:00', 2, '11:00 13:00'],
    ['looks only forward from before opening', '07:00', 3, '09:00 09:40 10:20'],
    ['offers nothing when asked for none', '10:00', 0, ''],
  ])('%s', (_why, target, count, expected) => {
    expect(times(nearestFreeSlots(slots, at(target), count)).join(' ')).toBe(expected);
  });

  it('offers three by default, in time order', () => {
    expect(times(nearestFreeSlots(slots, at('13:40')))).toEqual(['13:00', '14:20', '15:00']);
  });

  it('offers what there is when there are fewer slots than asked for', () => {
    expect(times(nearestFreeSlots(slots.slice(0, 2), at('09:00'), 3))).toEqual(['09:40']);
  });

  it('leaves the list it was given in its original order', () => {
    const before = instants(slots);
    nearestFreeSlots(slots, at('15:00'));
    expect(instants(slots)).toEqual(before);
  });
});

describe('slot labels', () => {
  it.each([
    // 5 August 2026 is a Wednesday; 9:10am in Los Angeles is 16:10Z.
    ['2026-08-05T16:10:00Z', LA, 'Wednesday 5 August 2026, 9:10am'],
    ['2026-08-05T16:10:00Z', NEW_YORK, 'Wednesday 5 August 2026, 12:10pm'],
    ['2026-08-05T16:10:00Z', LONDON, 'Wednesday 5 August 2026, 5:10pm'],
    ['2026-08-05T16:00:00Z', LA, 'Wednesday 5 August 2026, 9:00am'],
    // 4:30pm Wednesday in Los Angeles is already Thursday in London.
    ['2026-08-05T23:30:00Z', LONDON, 'Thursday 6 August 2026, 12:30am'],
    // US clocks went forward on 8 March, UK clocks not until 29 March: 7 hours apart, not 8.
    ['2026-03-16T16:00:00Z', LA, 'Monday 16 March 2026, 9:00am'],
    ['2026-03-16T16:00:00Z', NEW_YORK, 'Monday 16 March 2026, 12:00pm'],
    ['2026-03-16T16:00:00Z', LONDON, 'Monday 16 March 2026, 4:00pm'],
    ['2026-03-30T16:00:00Z', LONDON, 'Monday 30 March 2026, 5:00pm'],
    // UK clocks went back on 25 October, US clocks not until 1 November.
    ['2026-10-26T16:00:00Z', LA, 'Monday 26 October 2026, 9:00am'],
    ['2026-10-26T16:00:00Z', LONDON, 'Monday 26 October 2026, 4:00pm'],
    ['2026-11-02T17:00:00Z', LA, 'Monday 2 November 2026, 9:00am'],
    ['2026-11-02T17:00:00Z', NEW_YORK, 'Monday 2 November 2026, 12:00pm'],
    ['2026-11-02T17:00:00Z', LONDON, 'Monday 2 November 2026, 5:00pm'],
  ])('shows %s in %s as "%s"', (at, zone, label) => {
    expect(formatSlotLabel(new Date(at), zone)).toBe(label);
  });

  it('shows a clinic slot at the patient’s own time', () => {
    const [first] = computeFreeSlots(clinic());
    expect(formatSlotLabel(first!.start, LA)).toBe('Monday 3 August 2026, 9:00am');
    expect(formatSlotLabel(first!.start, NEW_YORK)).toBe('Monday 3 August 2026, 12:00pm');
    expect(formatSlotLabel(first!.start, LONDON)).toBe('Monday 3 August 2026, 5:00pm');
  });

  it.each([
    ['2026-08-05T07:00:00Z', '12:00am'],
    ['2026-08-05T19:00:00Z', '12:00pm'],
    ['2026-08-05T20:05:00Z', '1:05pm'],
  ])('writes %s in Los Angeles as %s', (at, time) => {
    expect(formatTimeLabel(new Date(at), LA)).toBe(time);
  });

  it('writes the day on its own', () => {
    expect(formatDayLabel(new Date('2026-08-05T16:10:00Z'), LA)).toBe('Wednesday 5 August 2026');
  });
});

describe('groupSlotsByDay', () => {
  const mondayAfternoonAndTuesdayMorning = computeFreeSlots(clinic()).filter((slot) => {
    const time = clinicTime(slot);
    return (time.startsWith('Mon 3 Aug') && time.slice(-5) >= '13:00') || (time.startsWith('Tue 4 Aug') && time.slice(-5) < '12:00');
  });

  it('groups slots by the clinic’s day for a patient in the same zone', () => {
    const days = groupSlotsByDay(mondayAfternoonAndTuesdayMorning, LA);
    expect(days.map((day) => [day.dayKey, day.label, day.slots.length])).toEqual([
      ['2026-08-03', 'Monday 3 August 2026', 6],
      ['2026-08-04', 'Tuesday 4 August 2026', 4],
    ]);
  });

  it('moves a late-afternoon clinic slot to the next day for a patient in London', () => {
    const days = groupSlotsByDay(mondayAfternoonAndTuesdayMorning, LONDON);
    expect(days.map((day) => [day.dayKey, day.slots.map((slot) => formatTimeLabel(slot.start, LONDON))])).toEqual([
      ['2026-08-03', ['9:00pm', '9:40pm', '10:20pm', '11:00pm', '11:40pm']],
      ['2026-08-04', ['12:20am', '5:00pm', '5:40pm', '6:20pm', '7:00pm']],
    ]);
  });

  it('keeps the days in order when the slots were not', () => {
    const days = groupSlotsByDay([...mondayAfternoonAndTuesdayMorning].reverse(), LA);
    expect(days.map((day) => day.dayKey)).toEqual(['2026-08-03', '2026-08-04']);
    expect(instants(days[0]!.slots)).toEqual([...instants(days[0]!.slots)].sort());
  });

  it('returns no days for no slots', () => {
    expect(groupSlotsByDay([], LA)).toEqual([]);
  });
});

describe('time zones', () => {
  it.each([
    [LA, true],
    [LONDON, true],
    ['UTC', true],
    ['Mars/Olympus_Mons', false],
    ['', false],
    ['America/Los_Angeles ', false],
  ])('treats %j as a valid time zone: %s', (zone, valid) => {
    expect(isValidTimeZone(zone)).toBe(valid);
  });
});
