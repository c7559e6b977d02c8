// Booking rules: which appointment slots the clinic can offer, and how a slot reads to the patient (pure; `now` is passed in).
import { TZDate, tzOffset } from '@date-fns/tz';
import { addDays, addMinutes, format } from 'date-fns';

export type WeeklyRule = {
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** 'HH:MM' or 'HH:MM:SS', wall clock in the clinic's zone. */
  startTime: string;
  /** 'HH:MM' or 'HH:MM:SS'; '24:00' means the end of the day. */
  endTime: string;
};

export type BookingSettings = {
  slotMinutes: number;
  bufferMinutes: number;
  minNoticeMinutes: number;
  horizonDays: number;
};

/** Half-open: [start, end). Intervals that only touch do not overlap. */
export type Interval = { start: Date; end: Date };
export type Slot = Interval;

export type FreeSlotsInput = {
  now: Date;
  /** The clinic's IANA zone; `rules` are wall-clock times there. */
  timeZone: string;
  rules: WeeklyRule[];
  settings: BookingSettings;
  closures: Interval[];
  busy: Interval[];
};

export type SlotDay = {
  /** YYYY-MM-DD in the zone the slots were grouped in. */
  dayKey: string;
  label: string;
  slots: Slot[];
};

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

export type CalendarDay = { year: number; month: number /* 0-11 */; day: number };

/**
 * A bounded memo for the zone conversions below (date-fns-tz asks Intl for every one, a few microseconds each):
 * they are pure, and the same few hundred slot times come back on every time page and every booking. Cleared
 * whole when full, so it never grows past `limit` entries.
 */
function zoneMemo<T>(limit = 20_000): (key: string, compute: () => T) => T {
  const cache = new Map<string, T>();
  return (key, compute) => {
    let value = cache.get(key);
    if (value === undefined) {
      value = compute();
      if (cache.size >= limit) cache.clear();
      cache.set(key, value);
    }
    return value;
  };
}

const dayLabels = zoneMemo<string>();
const timeLabels = zoneMemo<string>();
const dayKeys = zoneMemo<string>();
const wallInstants = zoneMemo<{ ms: number; exists: boolean }>();

export function computeFreeSlots(input: FreeSlotsInput): Slot[] {
  const { now, timeZone, rules, settings, closures, busy } = input;
  assertUsableSettings(settings);
  if (!isValidTimeZone(timeZone)) throw new RangeError(`Unknown time zone "${timeZone}"`);

  const earliest = addMinutes(now, settings.minNoticeMinutes).getTime();
  // Calendar days in the clinic's zone, not blocks of 24 hours: "two weeks ahead" keeps
  // the same wall-clock time even when the clocks change in between.
  const horizon = addDays(new TZDate(now.getTime(), timeZone), settings.horizonDays);
  const latest = horizon.getTime();
  const bufferMs = settings.bufferMinutes * MINUTE_MS;

  const byStart = new Map<number, Slot>();
  for (const day of calendarDays(calendarDayIn(now, timeZone), calendarDayIn(horizon, timeZone))) {
    const weekday = isoWeekday(day);
    for (const rule of rules) {
      if (rule.weekday !== weekday) continue;
      for (const slot of ruleSlots(day, rule, settings, timeZone)) {
        const start = slot.start.getTime();
        if (start < earliest || start > latest) continue;
        if (closures.some((closure) => overlaps(slot, closure))) continue;
        // The buffer protects both neighbours: cleaning up after the previous patient
        // and getting ready for the next one.
        const withBuffer = {
          start: new Date(start - bufferMs),
          end: new Date(slot.end.getTime() + bufferMs),
        };
        if (busy.some((taken) => overlaps(withBuffer, taken))) continue;
        // Overlapping rules for one weekday would otherwise offer the same time twice.
        byStart.set(start, slot);
      }
    }
  }
  return [...byStart.values()].sort(byStartTime);
}

/** The free slot that starts exactly at `start`, or null: how the server checks a requested time. */
export function isSlotFree(start: Date, input: FreeSlotsInput): Slot | null {
  const wanted = start.getTime();
  if (Number.isNaN(wanted)) return null;
  return computeFreeSlots(input).find((slot) => slot.start.getTime() === wanted) ?? null;
}

/** The `count` slots closest to `target` (not the one at `target` itself), in time order; ties go to the earlier slot. */
export function nearestFreeSlots(slots: Slot[], target: Date, count = 3): Slot[] {
  const t = target.getTime();
  const distance = (slot: Slot) => Math.abs(slot.start.getTime() - t);
  return slots
    .filter((slot) => slot.start.getTime() !== t)
    .sort((a, b) => distance(a) - distance(b) || byStartTime(a, b))
    .slice(0, Math.max(0, count))
    .sort(byStartTime);
}

/** "Wednesday 5 August 2026, 9:10am" in the given zone, without the zone: a building block. What patients and staff read comes from time-words.ts. */
export function formatSlotLabel(start: Date, timeZone: string): string {
  return `${formatDayLabel(start, timeZone)}, ${formatTimeLabel(start, timeZone)}`;
}

/** "Wednesday 5 August 2026" in the given zone. */
export function formatDayLabel(start: Date, timeZone: string): string {
  return dayLabels(`${timeZone}|${start.getTime()}`, () => format(inZone(start, timeZone), 'EEEE d MMMM yyyy'));
}

/** "9:10am", "9:00am", "12:30pm" in the given zone. */
export function formatTimeLabel(start: Date, timeZone: string): string {
  // date-fns rather than Intl: Intl's en-US time puts a narrow no-break space before an
  // upper-case AM/PM, and the exact characters vary with the runtime's ICU data.
  return timeLabels(`${timeZone}|${start.getTime()}`, () => format(inZone(start, timeZone), 'h:mmaaa'));
}

/** Slots grouped by the calendar day they fall on in `timeZone` (the patient's), earliest day first. */
export function groupSlotsByDay(slots: Slot[], timeZone: string): SlotDay[] {
  const days = new Map<string, SlotDay>();
  for (const slot of [...slots].sort(byStartTime)) {
    const dayKey = dayKeys(`${timeZone}|${slot.start.getTime()}`, () => format(inZone(slot.start, timeZone), 'yyyy-MM-dd'));
    let day = days.get(dayKey);
    if (!day) {
      day = { dayKey, label: formatDayLabel(slot.start, timeZone), slots: [] };
      days.set(dayKey, day);
    }
    day.slots.push(slot);
  }
  return [...days.values()];
}

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function ruleSlots(day: CalendarDay, rule: WeeklyRule, settings: BookingSettings, timeZone: string): Slot[] {
  const opensAt = parseWallTime(rule.startTime);
  const closesAt = parseWallTime(rule.endTime);
  const slotSeconds = settings.slotMinutes * 60;
  const stepSeconds = (settings.slotMinutes + settings.bufferMinutes) * 60;
  const slotMs = settings.slotMinutes * MINUTE_MS;
  const bufferMs = settings.bufferMinutes * MINUTE_MS;
  // The real closing instant, so a slot never runs past closing on the day the clocks change.
  const closingInstant = wallTimeToInstant(day, closesAt, timeZone).instant.getTime();

  const slots: Slot[] = [];
  let previousEnd: number | undefined;
  for (let wall = opensAt; wall + slotSeconds <= closesAt; wall += stepSeconds) {
    const resolved = wallTimeToInstant(day, wall, timeZone);
    if (!resolved.exists) continue;
    const start = resolved.instant.getTime();
    const end = start + slotMs;
    if (end > closingInstant) continue;
    // Where the clocks jump forward, the wall-clock grid is an hour shorter in real time;
    // without this, a slot after the gap could overlap the one before it (or eat its buffer).
    if (previousEnd !== undefined && start < previousEnd + bufferMs) continue;
    previousEnd = end;
    slots.push({ start: new Date(start), end: new Date(end) });
  }
  return slots;
}

/**
 * The instant a wall-clock time on a calendar day happens in `timeZone`; the one conversion the slot
 * rules and the schedule's calendar share. A time that happens twice (the hour the clocks go back) is
 * its first occurrence. `exists` is false inside a spring-forward gap; `instant` is then the time read
 * with the offset from before the change (02:30 becomes 03:30): a closing time, or a calendar's edge.
 */
export function wallTimeToInstant(day: CalendarDay, secondsOfDay: number, timeZone: string): { instant: Date; exists: boolean } {
  const { ms, exists } = wallInstants(`${timeZone}|${day.year}-${day.month}-${day.day}|${secondsOfDay}`, () => resolveWallTime(day, secondsOfDay, timeZone));
  return { instant: new Date(ms), exists };
}

function resolveWallTime(day: CalendarDay, secondsOfDay: number, timeZone: string): { ms: number; exists: boolean } {
  // The wall-clock fields as if they were UTC; Date.UTC also rolls "24:00" over to the next day.
  const wall = new Date(Date.UTC(day.year, day.month, day.day, 0, 0, secondsOfDay));
  const asUtc = wall.getTime();
  // A real instant is within 14 hours of `asUtc`, so the zone's offsets a day either side
  // are the two offsets around any clock change near this wall time.
  const offsetBefore = tzOffset(timeZone, new Date(asUtc - DAY_MS));
  const offsetAfter = tzOffset(timeZone, new Date(asUtc + DAY_MS));
  // We pick between the candidates ourselves because TZDate's constructor resolves a repeated
  // hour to its second occurrence in zones east of UTC (Europe/London) but its first in
  // zones west of it; the product always wants the first.
  const matches = [offsetBefore, offsetAfter]
    .map((offset) => asUtc - offset * MINUTE_MS)
    .filter((candidate) => sameWallClock(new TZDate(candidate, timeZone), wall))
    .sort((a, b) => a - b);
  const first = matches[0];
  if (first !== undefined) return { ms: first, exists: true };
  return { ms: asUtc - offsetBefore * MINUTE_MS, exists: false };
}

function sameWallClock(local: TZDate, wall: Date): boolean {
  return (
    local.getFullYear() === wall.getUTCFullYear() &&
    local.getMonth() === wall.getUTCMonth() &&
    local.getDate() === wall.getUTCDate() &&
    local.getHours() === wall.getUTCHours() &&
    local.getMinutes() === wall.getUTCMinutes() &&
    local.getSeconds() === wall.getUTCSeconds()
  );
}

const WALL_TIME = /^(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** Seconds since midnight for 'HH:MM' or 'HH:MM:SS' ('24:00' allowed), or null. */
export function parseClockTime(value: string): number | null {
  const match = WALL_TIME.exec(value);
  if (!match) return null;
  const [h, m, s] = [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)];
  if (m > 59 || s > 59) return null;
  const seconds = h * 3600 + m * 60 + s;
  return seconds <= DAY_MS / 1000 ? seconds : null;
}

/** Seconds since midnight of an opening hours' time; throws on one that is not 'HH:MM' or 'HH:MM:SS'. */
export function parseWallTime(value: string): number {
  const seconds = parseClockTime(value);
  if (seconds === null) throw new RangeError(`Opening time "${value}" is not HH:MM or HH:MM:SS`);
  return seconds;
}

function assertUsableSettings(settings: BookingSettings): void {
  // These would make the slot loop or the day loop run forever.
  if (!(settings.slotMinutes > 0) || !Number.isFinite(settings.slotMinutes)) {
    throw new RangeError(`slotMinutes must be a positive number, got ${settings.slotMinutes}`);
  }
  if (!(settings.bufferMinutes >= 0) || !Number.isFinite(settings.bufferMinutes)) {
    throw new RangeError(`bufferMinutes must be zero or more, got ${settings.bufferMinutes}`);
  }
  if (!Number.isFinite(settings.horizonDays) || !Number.isFinite(settings.minNoticeMinutes)) {
    throw new RangeError('horizonDays and minNoticeMinutes must be finite numbers');
  }
}

function calendarDayIn(instant: Date, timeZone: string): CalendarDay {
  const local = inZone(instant, timeZone);
  return { year: local.getFullYear(), month: local.getMonth(), day: local.getDate() };
}

/** Every calendar day from `first` to `last`, inclusive. Plain dates, so no zone is involved. */
function calendarDays(first: CalendarDay, last: CalendarDay): CalendarDay[] {
  const days: CalendarDay[] = [];
  const end = Date.UTC(last.year, last.month, last.day);
  for (let i = 0; ; i++) {
    const date = new Date(Date.UTC(first.year, first.month, first.day + i));
    if (date.getTime() > end) return days;
    days.push({ year: date.getUTCFullYear(), month: date.getUTCMonth(), day: date.getUTCDate() });
  }
}

function isoWeekday(day: CalendarDay): number {
  return new Date(Date.UTC(day.year, day.month, day.day)).getUTCDay() || 7;
}

function inZone(instant: Date, timeZone: string): TZDate {
  return new TZDate(instant.getTime(), timeZone);
}

/** Whether two half-open intervals share any time (touching ones do not). */
export function overlaps(a: Interval, b: Interval): boolean {
  return a.start.getTime() < b.end.getTime() && b.start.getTime() < a.end.getTime();
}

function byStartTime(a: Slot, b: Slot): number {
  return a.start.getTime() - b.start.getTime();
}
