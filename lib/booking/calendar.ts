// The staff schedule's calendar (pure; `now` is passed in): which days a day or week view shows, where
// each day starts and ends in the clinic's zone (23 or 25 hours when the clocks change), and one
// agenda per day — appointments, closures and the free time left in the opening hours.
import { tzOffset } from '@date-fns/tz';
import { formatDayLabel, formatTimeLabel, overlaps, parseClockTime, parseWallTime, wallTimeToInstant, type Interval, type WeeklyRule } from './rules';

export const SCHEDULE_VIEWS = ['day', 'week'] as const;
export type ScheduleView = (typeof SCHEDULE_VIEWS)[number];

/** A calendar date as 'YYYY-MM-DD', with no zone of its own. */
export type DayKey = string;

const MINUTE_MS = 60_000;
const DAY_KEY = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isScheduleView(value: unknown): value is ScheduleView {
  return typeof value === 'string' && (SCHEDULE_VIEWS as readonly string[]).includes(value);
}

/** A real calendar date in 'YYYY-MM-DD' form (not 2026-02-30). */
export function isDayKey(value: unknown): value is DayKey {
  if (typeof value !== 'string') return false;
  const match = DAY_KEY.exec(value);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function keyParts(key: DayKey): [number, number, number] {
  const match = DAY_KEY.exec(key);
  if (!match || !isDayKey(key)) throw new RangeError(`"${key}" is not a YYYY-MM-DD date`);
  return [Number(match[1]), Number(match[2]) - 1, Number(match[3])];
}

const keyOfUtcDate = (date: Date): DayKey => date.toISOString().slice(0, 10);

/** The calendar date an instant falls on in `timeZone`. */
export function dayKeyOf(instant: Date, timeZone: string): DayKey {
  return keyOfUtcDate(new Date(instant.getTime() + tzOffset(timeZone, instant) * MINUTE_MS));
}

export function addDaysToKey(key: DayKey, days: number): DayKey {
  const [y, m, d] = keyParts(key);
  return keyOfUtcDate(new Date(Date.UTC(y, m, d + days)));
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekdayOf(key: DayKey): number {
  const [y, m, d] = keyParts(key);
  return new Date(Date.UTC(y, m, d)).getUTCDay() || 7;
}

/** Weeks start on Monday. */
export function mondayOf(key: DayKey): DayKey {
  return addDaysToKey(key, 1 - isoWeekdayOf(key));
}

/** The days a view shows: the one day, or Monday to Sunday of its week. */
export function visibleDays(view: ScheduleView, key: DayKey): DayKey[] {
  if (view === 'day') return [key];
  const monday = mondayOf(key);
  return Array.from({ length: 7 }, (_, i) => addDaysToKey(monday, i));
}

/** The dates the previous / next links of a view go to. */
export function neighbours(view: ScheduleView, key: DayKey): { previous: DayKey; next: DayKey } {
  const step = view === 'day' ? 1 : 7;
  const anchor = view === 'day' ? key : mondayOf(key);
  return { previous: addDaysToKey(anchor, -step), next: addDaysToKey(anchor, step) };
}

/**
 * The instant a wall-clock time on a date happens in `timeZone`, read as the slot rules read it
 * (wallTimeToInstant): the first of a repeated hour; in the hour the clocks jump forward, 2:30am is 3:30am.
 */
export function wallClockInstant(key: DayKey, secondsOfDay: number, timeZone: string): Date {
  const [year, month, day] = keyParts(key);
  return wallTimeToInstant({ year, month, day }, secondsOfDay, timeZone).instant;
}

/** Where a date starts and ends in `timeZone`: half-open, 23 or 25 hours long on the days the clocks change. */
export function dayRange(key: DayKey, timeZone: string): Interval {
  return { start: wallClockInstant(key, 0, timeZone), end: wallClockInstant(addDaysToKey(key, 1), 0, timeZone) };
}

/** A `datetime-local` value ('YYYY-MM-DDTHH:MM') read as a wall-clock time in `timeZone`, or null. */
export function localDateTimeToInstant(value: string, timeZone: string): Date | null {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}(?::\d{2})?)$/.exec(value.trim());
  if (!match || !isDayKey(match[1])) return null;
  const seconds = parseClockTime(match[2]!);
  if (seconds === null || seconds >= 24 * 3600) return null;
  return wallClockInstant(match[1]!, seconds, timeZone);
}

/** An instant as a `datetime-local` value in `timeZone` (to fill a form with a stored time). */
export function instantToLocalDateTime(instant: Date, timeZone: string): string {
  return new Date(instant.getTime() + tzOffset(timeZone, instant) * MINUTE_MS).toISOString().slice(0, 16);
}

// ---------------------------------------------------------------- one day's agenda

export type CalendarAppointment = { start: Date; end: Date; status: 'booked' | 'completed' | 'cancelled' | 'no_show' };
export type CalendarClosure = Interval & { reason: string | null; clinicWide: boolean };

export type AgendaEntry<A extends CalendarAppointment> =
  | { kind: 'appointment'; start: Date; end: Date; appointment: A }
  | { kind: 'closed'; start: Date; end: Date; allDay: boolean; reason: string | null; clinicWide: boolean }
  | { kind: 'free'; start: Date; end: Date };

export type ScheduleDay<A extends CalendarAppointment> = {
  key: DayKey;
  /** "Thursday 26 November 2026" */
  label: string;
  isToday: boolean;
  /** Opening hours that day, as instants (wall-clock rules read in the clinic's zone). */
  openingHours: Interval[];
  /** In time order: appointments (cancelled ones too), closures, and free time from now on. */
  entries: AgendaEntry<A>[];
};

export type ScheduleInput<A extends CalendarAppointment> = {
  timeZone: string;
  now: Date;
  rules: WeeklyRule[];
  closures: CalendarClosure[];
  appointments: A[];
};

export function buildSchedule<A extends CalendarAppointment>(days: DayKey[], input: ScheduleInput<A>): ScheduleDay<A>[] {
  const today = dayKeyOf(input.now, input.timeZone);
  return days.map((key) => buildDay(key, input, today));
}

function buildDay<A extends CalendarAppointment>(key: DayKey, input: ScheduleInput<A>, today: DayKey): ScheduleDay<A> {
  const { timeZone, now } = input;
  const day = dayRange(key, timeZone);
  const weekday = isoWeekdayOf(key);
  const openingHours = input.rules
    .filter((rule) => rule.weekday === weekday)
    .map((rule) => ({ start: ruleInstant(key, rule.startTime, timeZone), end: ruleInstant(key, rule.endTime, timeZone) }))
    .filter((range) => range.end > range.start)
    .sort(byStart);

  // An appointment belongs to the day it starts on, so one running past midnight is listed once.
  const appointments = input.appointments.filter((a) => a.start >= day.start && a.start < day.end);
  const closures = input.closures.filter((c) => overlaps(c, day));
  const taken: Interval[] = [...closures, ...appointments.filter((a) => a.status !== 'cancelled')];
  // Free time is only worth showing from now on; earlier gaps cannot be booked any more.
  const free = openingHours
    .flatMap((range) => subtract(range, taken))
    .map((range) => ({ start: range.start < now ? now : range.start, end: range.end }))
    .filter((range) => range.end > range.start);

  const entries: AgendaEntry<A>[] = [
    ...appointments.map((appointment) => ({ kind: 'appointment' as const, start: appointment.start, end: appointment.end, appointment })),
    ...closures.map((c) => ({
      kind: 'closed' as const,
      start: c.start < day.start ? day.start : c.start,
      end: c.end > day.end ? day.end : c.end,
      allDay: c.start <= day.start && c.end >= day.end,
      reason: c.reason,
      clinicWide: c.clinicWide,
    })),
    ...free.map((range) => ({ kind: 'free' as const, ...range })),
  ];
  entries.sort((a, b) => byStart(a, b) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
  return { key, label: formatDayLabel(day.start, timeZone), isToday: key === today, openingHours, entries };
}

const KIND_ORDER = { closed: 0, appointment: 1, free: 2 } as const;

function ruleInstant(key: DayKey, time: string, timeZone: string): Date {
  return wallClockInstant(key, parseWallTime(time), timeZone);
}

/** `range` with every part covered by `cuts` taken out, in time order. */
export function subtract(range: Interval, cuts: Interval[]): Interval[] {
  let pieces: Interval[] = [range];
  for (const cut of cuts) {
    pieces = pieces.flatMap((piece) => {
      if (!overlaps(piece, cut)) return [piece];
      const left = cut.start > piece.start ? [{ start: piece.start, end: cut.start }] : [];
      const right = cut.end < piece.end ? [{ start: cut.end, end: piece.end }] : [];
      return [...left, ...right];
    });
  }
  return pieces.sort(byStart);
}

/** "9:00am–9:30am" in the zone. */
export function formatTimeRange(start: Date, end: Date, timeZone: string): string {
  return `${formatTimeLabel(start, timeZone)}–${formatTimeLabel(end, timeZone)}`;
}

function byStart(a: Interval, b: Interval): number {
  return a.start.getTime() - b.start.getTime();
}
