// How an appointment's time reads, everywhere it is shown (pages, emails, staff screens): the one owner of the rule
// "an in-person consultation is stated in the clinic's local time, with its zone's name; the patient's own time follows
// in brackets when it differs". Every consultation in this product is in person (docs/decisions/0014-clinic-local-times.md).
// Pure: the instant and the zones are passed in.
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { formatDayLabel, formatSlotLabel, formatTimeLabel } from './rules';

export type TimeZones = {
  /** The clinic's IANA zone: where the patient must be, so the time that counts. */
  clinic: string;
  /** The patient's chosen zone, when known; shown in brackets when its clock reads differently. */
  patient?: string | null;
};

/** Who "your time" is in the brackets: the patient reading it, or staff reading about the patient. */
export type Reader = 'patient' | 'staff';

/**
 * The names people use for the zones the form offers. Generic names ("Pacific Time", not "Pacific Standard Time",
 * which is wrong half the year); Arizona keeps standard time all year, so it gets its own name.
 */
const ZONE_NAMES: Record<string, string> = {
  'America/New_York': 'Eastern',
  'America/Chicago': 'Central',
  'America/Denver': 'Mountain',
  'America/Phoenix': 'Arizona',
  'America/Los_Angeles': 'Pacific',
  'America/Anchorage': 'Alaska',
  'Pacific/Honolulu': 'Hawaii',
};

/** The zone's short name: "Pacific", "Eastern", "Arizona"; for other zones Intl's generic name without "Time" ("United Kingdom"). */
export function zoneShortName(timeZone: string): string {
  const known = ZONE_NAMES[timeZone];
  if (known) return known;
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longGeneric' }).formatToParts(new Date(0));
  const generic = parts.find((part) => part.type === 'timeZoneName')?.value ?? timeZone;
  return generic.replace(/ Time$/, '');
}

/** The zone's name in words, the same all year: "Pacific Time", "Arizona Time", "United Kingdom Time". */
export function zoneName(timeZone: string): string {
  const short = zoneShortName(timeZone);
  return /^GMT|^UTC/.test(short) ? short : `${short} Time`;
}

/**
 * The patient's own time when their clock reads differently from the clinic's, else null:
 * "12:00pm your time, Eastern", or with the day when it is another day there ("Friday 4 December, 2:00am your time, United Kingdom").
 */
export function otherZoneWords(start: Date, zones: TimeZones, reader: Reader = 'patient'): string | null {
  const patient = zones.patient;
  if (!patient || patient === zones.clinic) return null;
  const clinicDay = formatDayLabel(start, zones.clinic);
  const patientDay = formatDayLabel(start, patient);
  const time = formatTimeLabel(start, patient);
  if (clinicDay === patientDay && time === formatTimeLabel(start, zones.clinic)) return null;
  const whose = reader === 'patient' ? 'your time' : 'patient’s time';
  const day = clinicDay === patientDay ? '' : `${format(new TZDate(start.getTime(), patient), 'EEEE d MMMM')}, `;
  return `${day}${time} ${whose}, ${zoneShortName(patient)}`;
}

/** "Thursday 3 December 2026, 9:00am Pacific Time (12:00pm your time, Eastern)": how an appointment's time is stated. */
export function appointmentWhen(start: Date, zones: TimeZones, reader: Reader = 'patient'): string {
  const other = otherZoneWords(start, zones, reader);
  const clinic = `${formatSlotLabel(start, zones.clinic)} ${zoneName(zones.clinic)}`;
  return other ? `${clinic} (${other})` : clinic;
}

/** One free time in a list under its day heading: "9:00am Pacific", and the patient's own time beneath it when it differs. */
export function slotChoiceWords(start: Date, zones: TimeZones): { label: string; note: string | null } {
  return { label: `${formatTimeLabel(start, zones.clinic)} ${zoneShortName(zones.clinic)}`, note: otherZoneWords(start, zones) };
}

/** The sentence above a list of times: which zone they are in, and why. */
export function clinicTimesSentence(zones: TimeZones): string {
  const own = zones.patient && zones.patient !== zones.clinic ? ` Where your own time (${zoneName(zones.patient)}) is different, it is shown too.` : '';
  return `All times are ${zoneName(zones.clinic)}, the clinic’s local time, because the consultation is in person at the clinic.${own}`;
}
