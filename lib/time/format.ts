// How a moment or a length of time is written for staff (pure): the one place for clinic-zone date formatting.
// Every moment reads in the clinic's zone, passed in; each function is one way a time reads, named for where.
// An appointment's time with its zone's name is lib/booking/time-words.ts (appointmentWhen).
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';

const at = (instant: Date, timeZone: string) => new TZDate(instant.getTime(), timeZone);

/** "Thu 26 Nov 2026, 3:05pm" at the clinic: every time on a lead's page and the account page. */
export function formatClinicDateTime(instant: Date, timeZone: string): string {
  return format(at(instant, timeZone), 'EEE d MMM yyyy, h:mmaaa');
}

/** "Thu 26 Nov 2026" at the clinic. */
export function formatClinicDate(instant: Date, timeZone: string): string {
  return format(at(instant, timeZone), 'EEE d MMM yyyy');
}

/** "26 Nov 2026, 9:10am" at the clinic: a compact moment for tables. */
export function formatShortDateTime(instant: Date, timeZone: string): string {
  return format(at(instant, timeZone), 'd MMM yyyy, h:mmaaa');
}

/**
 * "Nov 26, 2026, 3:05 PM", with `seconds` "Nov 26, 2026, 3:05:07 PM": a record's moment (the audit log
 * tells entries a second apart; the staff list says when someone last signed in).
 */
export function formatRecordTime(instant: Date, timeZone: string, { seconds = false } = {}): string {
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    ...(seconds ? { second: '2-digit' } : {}),
  }).format(instant);
}

/** "November 26, 2026 at 3:05 PM": a moment written out in full, in a sentence. */
export function formatLongDateTime(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone, dateStyle: 'long', timeStyle: 'short' }).format(instant);
}

/** "2026-11-26": the clinic's calendar day of an instant (a file name's date, "today", the same-day test). */
export function clinicDayKey(instant: Date, timeZone: string): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

/**
 * The inbox's short moment, the day in words near today: "Today, 9:05 AM", "Yesterday, 4:12 PM", "Nov 23, 4:12 PM", "Dec 30, 2025, 4:12 PM".
 */
export function formatWhen(date: Date, now: Date, timeZone: string): string {
  const time = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', minute: '2-digit' }).format(date);
  const day = clinicDayKey(date, timeZone);
  if (day === clinicDayKey(now, timeZone)) return `Today, ${time}`;
  if (day === clinicDayKey(new Date(now.getTime() - 86_400_000), timeZone)) return `Yesterday, ${time}`;
  if (day === clinicDayKey(new Date(now.getTime() + 86_400_000), timeZone)) return `Tomorrow, ${time}`;
  const sameYear = day.slice(0, 4) === clinicDayKey(now, timeZone).slice(0, 4);
  const date_ = new Intl.DateTimeFormat('en-US', { timeZone, month: 'short', day: 'numeric', ...(sameYear ? {} : { year: 'numeric' }) }).format(date);
  return `${date_}, ${time}`;
}

/** "1 hour 30 minutes", "45 minutes": a length of time in whole minutes, in words. */
export function formatMinutes(total: number): string {
  const hours = Math.floor(total / 60);
  const minutes = total % 60;
  const parts = [hours ? `${hours} hour${hours === 1 ? '' : 's'}` : '', minutes ? `${minutes} minute${minutes === 1 ? '' : 's'}` : ''];
  return parts.filter(Boolean).join(' ') || '0 minutes';
}

/** How long from `start` to `end` (an appointment, a free stretch), to the nearest minute, in words. */
export function formatDuration(start: Date, end: Date): string {
  return formatMinutes(Math.round((end.getTime() - start.getTime()) / 60_000));
}

/** "3 h 05 min", "2 days 4 h": how long someone has waited, read at a glance. */
export function formatWaited(from: Date, to: Date): string {
  const minutes = Math.max(0, Math.floor((to.getTime() - from.getTime()) / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${String(minutes % 60).padStart(2, '0')} min`;
  return `${Math.floor(hours / 24)} days ${hours % 24} h`;
}
