// The metrics page's date range (pure): calendar dates in the clinic's time zone, read from the query
// string, with presets and a safe default. Weeks start on Monday, as Postgres's date_trunc('week') does.
import { clinicDayKey } from '@/lib/time/format';

/** A calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;

/** Both ends included; the queries turn them into instants in the clinic's zone. */
export type DateRange = { from: IsoDate; to: IsoDate };

export const RANGE_PRESETS = [
  { id: 'last-4-weeks', label: 'Last 4 weeks' },
  { id: 'last-12-weeks', label: 'Last 12 weeks' },
  { id: 'this-year', label: 'This year' },
] as const;

export type RangePreset = (typeof RANGE_PRESETS)[number]['id'];

export const DEFAULT_PRESET: RangePreset = 'last-12-weeks';

/** Longer ranges make the weekly chart unreadable and the queries slow: 3 years is plenty. */
export const MAX_RANGE_DAYS = 3 * 366;

export type RangeField = 'from' | 'to';

export type ParsedRange = {
  range: DateRange;
  /** The preset the range equals, if any (the page marks it as current). */
  preset: RangePreset | null;
  /** Messages for the form; when there are any, `range` is the default. */
  errors: Partial<Record<RangeField, string>>;
  /** What was typed, to show again beside the errors. */
  values: Partial<Record<RangeField, string>>;
};

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The date as a UTC midnight, or null if it is not a real calendar date. */
function toUtc(date: string): Date | null {
  const match = ISO_DATE.exec(date);
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const value = new Date(Date.UTC(y, m - 1, d));
  if (value.getUTCFullYear() !== y || value.getUTCMonth() !== m - 1 || value.getUTCDate() !== d) return null;
  if (y < 2000 || y > 2100) return null;
  return value;
}

const fromUtc = (date: Date): IsoDate => date.toISOString().slice(0, 10);

export function isIsoDate(value: string): boolean {
  return toUtc(value) !== null;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromUtc(new Date(toUtc(date)!.getTime() + days * DAY_MS));
}

/** Days from `a` to `b` (negative when b is earlier). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((toUtc(b)!.getTime() - toUtc(a)!.getTime()) / DAY_MS);
}

/** The Monday of the week that contains `date`. */
export function weekStart(date: IsoDate): IsoDate {
  const day = toUtc(date)!.getUTCDay(); // 0 = Sunday
  return addDays(date, -((day + 6) % 7));
}

/** Today's date on the clinic's wall calendar. */
export function todayIn(timeZone: string, now: Date): IsoDate {
  return clinicDayKey(now, timeZone);
}

/**
 * "Last N weeks" is this week and the N-1 whole weeks before it, so every bar of the weekly chart is a
 * whole week except the current one; "this year" starts on 1 January.
 */
export function presetRange(preset: RangePreset, today: IsoDate): DateRange {
  switch (preset) {
    case 'last-4-weeks':
      return { from: addDays(weekStart(today), -3 * 7), to: today };
    case 'last-12-weeks':
      return { from: addDays(weekStart(today), -11 * 7), to: today };
    case 'this-year':
      return { from: `${today.slice(0, 4)}-01-01`, to: today };
  }
}

export function isPreset(value: unknown): value is RangePreset {
  return RANGE_PRESETS.some((p) => p.id === value);
}

function matchingPreset(range: DateRange, today: IsoDate): RangePreset | null {
  return RANGE_PRESETS.find((p) => {
    const r = presetRange(p.id, today);
    return r.from === range.from && r.to === range.to;
  })?.id ?? null;
}

const first = (value: string | string[] | undefined): string => (Array.isArray(value) ? (value[0] ?? '') : (value ?? '')).trim();

/**
 * Reads `?preset=` or `?from=&to=`. Bad input never fails the page: the default range is used and each
 * problem is returned as a message for its field. A missing end means today; a missing start means
 * 12 weeks before the end.
 */
export function parseRange(
  query: { from?: string | string[]; to?: string | string[]; preset?: string | string[] },
  today: IsoDate,
): ParsedRange {
  const preset = first(query.preset);
  const fromText = first(query.from);
  const toText = first(query.to);
  const fallback = presetRange(DEFAULT_PRESET, today);

  if (!fromText && !toText) {
    const chosen = isPreset(preset) ? preset : DEFAULT_PRESET;
    return { range: presetRange(chosen, today), preset: chosen, errors: {}, values: {} };
  }

  const values = { from: fromText, to: toText };
  const errors: ParsedRange['errors'] = {};
  if (fromText && !isIsoDate(fromText)) errors.from = 'Start date must be a real date, like 2026-09-01';
  if (toText && !isIsoDate(toText)) errors.to = 'End date must be a real date, like 2026-11-30';
  if (Object.keys(errors).length) return { range: fallback, preset: DEFAULT_PRESET, errors, values };

  const to = toText || today;
  const from = fromText || addDays(weekStart(to), -11 * 7);
  if (daysBetween(today, from) > 0) errors.from = 'Start date must be today or in the past';
  else if (daysBetween(from, to) < 0) errors.to = 'End date must be the same as or after the start date';
  else if (daysBetween(from, to) >= MAX_RANGE_DAYS) errors.to = 'End date must be within 3 years of the start date';
  if (Object.keys(errors).length) return { range: fallback, preset: DEFAULT_PRESET, errors, values };

  const range = { from, to };
  return { range, preset: matchingPreset(range, today), errors: {}, values: {} };
}

/** The Mondays of every week the range touches, oldest first (the weekly chart's bars). */
export function weeksOf(range: DateRange): IsoDate[] {
  const weeks: IsoDate[] = [];
  for (let week = weekStart(range.from); daysBetween(week, range.to) >= 0; week = addDays(week, 7)) weeks.push(week);
  return weeks;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const LONG_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "3 Nov" (short) or "3 November 2026" (long): dates as the dashboard writes them. */
export function formatDate(date: IsoDate, style: 'short' | 'long' = 'long'): string {
  const d = toUtc(date)!;
  const day = d.getUTCDate();
  return style === 'short' ? `${day} ${MONTHS[d.getUTCMonth()]}` : `${day} ${LONG_MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}
