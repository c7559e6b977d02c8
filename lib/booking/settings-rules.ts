// What admins may set for booking (pure, no I/O): a provider's booking settings, their weekly hours and
// closures, read from raw form values. Each parser returns the clean values or one message per field,
// in the GOV.UK style (say what to do; no "please", no "invalid"); the typed values go back to the form.
import type { FieldErrors, FormValues, ParsedForm } from '@/lib/forms/parse';
import { z } from '@/lib/zod';
import { localDateTimeToInstant } from './calendar';
import { parseClockTime } from './rules';

// ---------------------------------------------------------------- limits (the database checks the same)

export const SLOT_MINUTES = { min: 5, max: 240 } as const;
export const BUFFER_MINUTES = { min: 0, max: 120 } as const;
/** Minimum notice is entered in hours and stored in minutes; a month is already more than any clinic asks. */
export const NOTICE_HOURS = { min: 0, max: 720 } as const;
export const HORIZON_DAYS = { min: 1, max: 365 } as const;
export const PROVIDER_NAME_MAX = 120;
export const CLOSURE_REASON_MAX = 200;
/** Ranges a weekday may have: more than this is a mistake, not a timetable. */
export const RANGES_PER_DAY_MAX = 6;

export const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;
export const weekdayName = (weekday: number) => WEEKDAY_NAMES[weekday - 1] ?? `Day ${weekday}`;

export type { FieldErrors, FormValues };

// ---------------------------------------------------------------- provider settings

const wholeNumber = (label: string, unit: string, { min, max }: { min: number; max: number }) =>
  z
    .string()
    .trim()
    .min(1, { message: `Enter the ${label}` })
    .regex(/^\d+$/, { message: `${capitalise(label)} must be a whole number of ${unit}` })
    .transform(Number)
    .refine((n) => n >= min && n <= max, { message: `${capitalise(label)} must be between ${min} and ${max} ${unit}` });

export const providerSettingsSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, { message: 'Enter the provider’s name' })
    .max(PROVIDER_NAME_MAX, { message: `Name must be ${PROVIDER_NAME_MAX} characters or fewer` }),
  title: z
    .string()
    .trim()
    .max(PROVIDER_NAME_MAX, { message: `Title must be ${PROVIDER_NAME_MAX} characters or fewer` })
    .transform((v) => v || null),
  slotMinutes: wholeNumber('appointment length', 'minutes', SLOT_MINUTES),
  bufferMinutes: wholeNumber('break between appointments', 'minutes', BUFFER_MINUTES),
  minNoticeHours: wholeNumber('minimum notice', 'hours', NOTICE_HOURS),
  horizonDays: wholeNumber('booking horizon', 'days', HORIZON_DAYS),
  active: z.enum(['yes', 'no'], { message: 'Select whether patients can book with this provider' }).transform((v) => v === 'yes'),
});

export type ProviderSettings = {
  name: string;
  title: string | null;
  slotMinutes: number;
  bufferMinutes: number;
  minNoticeMinutes: number;
  horizonDays: number;
  active: boolean;
};

export const PROVIDER_FIELDS = ['name', 'title', 'slotMinutes', 'bufferMinutes', 'minNoticeHours', 'horizonDays', 'active'] as const;

export function parseProviderSettings(values: FormValues): ParsedForm<ProviderSettings> {
  const raw = Object.fromEntries(PROVIDER_FIELDS.map((field) => [field, values[field] ?? '']));
  const result = providerSettingsSchema.safeParse(raw);
  if (!result.success) return { ok: false, errors: firstErrorPerField(result.error), values: raw };
  const { minNoticeHours, ...rest } = result.data;
  return { ok: true, data: { ...rest, minNoticeMinutes: minNoticeHours * 60 } };
}

/** The stored provider as form values (minimum notice shown in hours). */
export function providerFormValues(p: ProviderSettings): FormValues {
  return {
    name: p.name,
    title: p.title ?? '',
    slotMinutes: String(p.slotMinutes),
    bufferMinutes: String(p.bufferMinutes),
    minNoticeHours: String(Math.round(p.minNoticeMinutes / 60)),
    horizonDays: String(p.horizonDays),
    active: p.active ? 'yes' : 'no',
  };
}

// ---------------------------------------------------------------- weekly hours

export type HoursRange = { weekday: number; startTime: string; endTime: string };

/** Field names of one range in the weekly-hours form: `d<weekday>-<row>-start` / `-end`. */
export const hoursField = (weekday: number, row: number, edge: 'start' | 'end') => `d${weekday}-${row}-${edge}`;
const HOURS_FIELD = /^d([1-7])-(\d{1,2})-(start|end)$/;

/** Stored rules as form values, rows numbered per weekday in time order. */
export function hoursFormValues(rules: HoursRange[]): FormValues {
  const values: FormValues = {};
  const sorted = [...rules].sort((a, b) => a.weekday - b.weekday || a.startTime.localeCompare(b.startTime));
  const rows = new Map<number, number>();
  for (const rule of sorted) {
    const row = rows.get(rule.weekday) ?? 0;
    rows.set(rule.weekday, row + 1);
    values[hoursField(rule.weekday, row, 'start')] = rule.startTime.slice(0, 5);
    values[hoursField(rule.weekday, row, 'end')] = rule.endTime.slice(0, 5);
  }
  return values;
}

/** The rows a weekday has in some form values, in row order: what the editor shows. */
export function hoursRows(values: FormValues, weekday: number): { row: number; start: string; end: string }[] {
  const rows = new Set<number>();
  for (const key of Object.keys(values)) {
    const match = HOURS_FIELD.exec(key);
    if (match && Number(match[1]) === weekday) rows.add(Number(match[2]));
  }
  return [...rows]
    .sort((a, b) => a - b)
    .map((row) => ({ row, start: values[hoursField(weekday, row, 'start')] ?? '', end: values[hoursField(weekday, row, 'end')] ?? '' }));
}

/**
 * Reads the weekly-hours form. A row with both times empty is a removed range. Ranges may touch
 * (9–12 and 12–5) but not overlap; the database's exclusion constraint refuses overlaps too.
 */
export function parseWeeklyHours(values: FormValues): ParsedForm<HoursRange[]> {
  const kept: FormValues = {};
  for (const [key, value] of Object.entries(values)) if (HOURS_FIELD.test(key)) kept[key] = value.trim();
  const errors: FieldErrors = {};
  const ranges: (HoursRange & { row: number; from: number; to: number })[] = [];

  for (let weekday = 1; weekday <= 7; weekday++) {
    const day = weekdayName(weekday);
    const rows = hoursRows(kept, weekday).filter((r) => r.start || r.end);
    if (rows.length > RANGES_PER_DAY_MAX) {
      errors[hoursField(weekday, rows[RANGES_PER_DAY_MAX]!.row, 'start')] = `${day} can have at most ${RANGES_PER_DAY_MAX} ranges of hours`;
      continue;
    }
    const dayRanges: typeof ranges = [];
    for (const { row, start, end } of rows) {
      const startField = hoursField(weekday, row, 'start');
      const endField = hoursField(weekday, row, 'end');
      const from = start ? parseClockTime(start) : null;
      const to = end ? parseClockTime(end) : null;
      if (!start) errors[startField] = `Enter the time ${day}’s hours start`;
      else if (from === null || from >= 24 * 3600) errors[startField] = `Enter ${day}’s start time like 09:00`;
      if (!end) errors[endField] = `Enter the time ${day}’s hours end`;
      else if (to === null) errors[endField] = `Enter ${day}’s end time like 17:00`;
      if (from === null || to === null || errors[startField] || errors[endField]) continue;
      if (to <= from) {
        errors[endField] = `${day}’s end time must be after its start time`;
        continue;
      }
      dayRanges.push({ weekday, row, from, to, startTime: clock(from), endTime: clock(to) });
    }
    dayRanges.sort((a, b) => a.from - b.from);
    for (let i = 1; i < dayRanges.length; i++) {
      const previous = dayRanges[i - 1]!;
      const current = dayRanges[i]!;
      if (current.from < previous.to) {
        errors[hoursField(weekday, current.row, 'start')] =
          `${day}’s hours overlap: ${current.startTime}–${current.endTime} starts before ${previous.startTime}–${previous.endTime} ends`;
      }
    }
    ranges.push(...dayRanges);
  }
  if (Object.keys(errors).length) return { ok: false, errors, values: kept };
  return { ok: true, data: ranges.map(({ weekday, startTime, endTime }) => ({ weekday, startTime, endTime })) };
}

const clock = (seconds: number) =>
  `${String(Math.floor(seconds / 3600)).padStart(2, '0')}:${String(Math.floor((seconds % 3600) / 60)).padStart(2, '0')}`;

// ---------------------------------------------------------------- closures

export type ClosureInput = { providerId: string | null; startsAt: Date; endsAt: Date; reason: string | null };
export const CLOSURE_FIELDS = ['scope', 'startsAt', 'endsAt', 'reason'] as const;

/**
 * Reads the add-a-closure form: times are wall-clock times in the clinic's zone. `scope` is 'clinic'
 * (everyone) or 'provider' (the provider the page is about).
 */
export function parseClosure(values: FormValues, ctx: { providerId: string; timeZone: string; now: Date }): ParsedForm<ClosureInput> {
  const raw = Object.fromEntries(CLOSURE_FIELDS.map((field) => [field, (values[field] ?? '').trim()]));
  const errors: FieldErrors = {};
  if (raw.scope !== 'clinic' && raw.scope !== 'provider') errors.scope = 'Select who the closure applies to';
  const startsAt = raw.startsAt ? localDateTimeToInstant(raw.startsAt, ctx.timeZone) : null;
  const endsAt = raw.endsAt ? localDateTimeToInstant(raw.endsAt, ctx.timeZone) : null;
  if (!raw.startsAt) errors.startsAt = 'Enter the date and time the closure starts';
  else if (!startsAt) errors.startsAt = 'Enter the start as a real date and time';
  if (!raw.endsAt) errors.endsAt = 'Enter the date and time the closure ends';
  else if (!endsAt) errors.endsAt = 'Enter the end as a real date and time';
  else if (startsAt && endsAt <= startsAt) errors.endsAt = 'The end must be after the start';
  else if (endsAt <= ctx.now) errors.endsAt = 'The end must be in the future';
  if (raw.reason!.length > CLOSURE_REASON_MAX) errors.reason = `Reason must be ${CLOSURE_REASON_MAX} characters or fewer`;
  if (Object.keys(errors).length || !startsAt || !endsAt) return { ok: false, errors, values: raw };
  return {
    ok: true,
    data: { providerId: raw.scope === 'provider' ? ctx.providerId : null, startsAt, endsAt, reason: raw.reason || null },
  };
}

// ---------------------------------------------------------------- helpers

function firstErrorPerField(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form');
    errors[field] ??= issue.message;
  }
  return errors;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
