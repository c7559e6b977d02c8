// How each answer reads to people (the form, the check page, the staff dashboard).
import type {
  CONTACT_METHODS,
  CONTACT_TIMES,
  PAIN_AREAS,
  PAIN_DURATIONS,
  SURGERY_RECOMMENDED,
  TREATMENTS_TRIED,
} from '@/db/enums';

type LabelMap<T extends readonly string[]> = Record<T[number], string>;

export const CONTACT_METHOD_LABELS: LabelMap<typeof CONTACT_METHODS> = {
  phone: 'Phone call',
  email: 'Email',
  text: 'Text message',
};

export const CONTACT_TIME_LABELS: LabelMap<typeof CONTACT_TIMES> = {
  morning: 'Morning (9am to 12pm)',
  afternoon: 'Afternoon (12pm to 5pm)',
  evening: 'Early evening (5pm to 7pm)',
  any: 'Any time',
};

export const PAIN_AREA_LABELS: LabelMap<typeof PAIN_AREAS> = {
  lower_back: 'Lower back',
  neck: 'Neck',
  mid_back: 'Middle of the back',
  hip: 'Hip',
  knee: 'Knee',
  shoulder: 'Shoulder',
  other: 'Somewhere else',
};

export const PAIN_DURATION_LABELS: LabelMap<typeof PAIN_DURATIONS> = {
  under_6_weeks: 'Less than 6 weeks',
  '6_weeks_to_3_months': '6 weeks to 3 months',
  '3_to_12_months': '3 to 12 months',
  over_1_year: 'More than a year',
};

export const TREATMENT_LABELS: LabelMap<typeof TREATMENTS_TRIED> = {
  physical_therapy: 'Physical therapy',
  medication: 'Medicine for pain',
  injections: 'Injections',
  chiropractic: 'Chiropractic care',
  surgery: 'Surgery',
};

export const SURGERY_RECOMMENDED_LABELS: LabelMap<typeof SURGERY_RECOMMENDED> = {
  yes: 'Yes',
  no: 'No',
  not_sure: 'I’m not sure',
};

export const RED_FLAG_ANSWER_LABELS = { yes: 'Yes', no: 'No', not_sure: 'I’m not sure' } as const;

/** Time zones offered first: the US zones, by the names people know them by. */
export const COMMON_TIME_ZONES = [
  { value: 'America/New_York', label: 'Eastern Time (New York)' },
  { value: 'America/Chicago', label: 'Central Time (Chicago)' },
  { value: 'America/Denver', label: 'Mountain Time (Denver)' },
  { value: 'America/Phoenix', label: 'Mountain Time without daylight saving (Phoenix)' },
  { value: 'America/Los_Angeles', label: 'Pacific Time (Los Angeles)' },
  { value: 'America/Anchorage', label: 'Alaska Time (Anchorage)' },
  { value: 'Pacific/Honolulu', label: 'Hawaii Time (Honolulu)' },
];

/** The zones to offer, the clinic's first (in-person times are the clinic's); a clinic outside the list is added by its IANA name. */
export function timeZoneOptions(clinicZone: string): { value: string; label: string }[] {
  const clinic = COMMON_TIME_ZONES.find((z) => z.value === clinicZone) ?? { value: clinicZone, label: clinicZone.replace(/_/g, ' ') };
  return [{ ...clinic, label: `${clinic.label}, the clinic’s time zone` }, ...COMMON_TIME_ZONES.filter((z) => z.value !== clinicZone)];
}

export const options = <T extends string>(labels: Record<T, string>) =>
  (Object.entries(labels) as [T, string][]).map(([value, label]) => ({ value, label }));
