// Scenario builders for consultation and booking tests: a bookable clinic, a filled-in request form, a free slot.
import { randomUUID } from 'node:crypto';
import type { Database } from '@/db/client';
import { buildLocation, buildProvider, buildWeekdayHours } from '@/db/factories';
import { availabilityRules, locations, providers, type AvailabilityRule, type Location, type Provider } from '@/db/schema';
import { listOpenSlots } from '@/lib/booking/service';
import type { Slot } from '@/lib/booking/rules';
import { consultationRequestSchema, type ConsultationRequestInput } from '@/lib/intake/schema';
import type { RedFlag, RedFlagAnswer } from '@/lib/intake/triage';

export type OpeningHours = { weekday: number; startTime: string; endTime: string }[];

export type SeededClinic = { location: Location; provider: Provider; hours: AvailabilityRule[] };

/**
 * One location and its one provider (30-minute slots, no buffer, a day's notice, four weeks ahead),
 * open Monday to Friday 9–12 and 1–5 unless `hours` says otherwise.
 */
export async function seedClinic(
  db: Database,
  options: { timeZone?: string; hours?: OpeningHours } = {},
): Promise<SeededClinic> {
  const [location] = await db
    .insert(locations)
    .values(buildLocation(options.timeZone ? { timeZone: options.timeZone } : {}))
    .returning();
  const [provider] = await db
    .insert(providers)
    .values(buildProvider(location!.id, { slotMinutes: 30, bufferMinutes: 0, minNoticeMinutes: 24 * 60, horizonDays: 28 }))
    .returning();
  const rules = options.hours
    ? options.hours.map((rule) => ({ ...rule, providerId: provider!.id }))
    : buildWeekdayHours(provider!.id);
  const hours = await db.insert(availabilityRules).values(rules).returning();
  return { location: location!, provider: provider!, hours };
}

/** The consultation form as the browser posts it: strings, a repeated key for the treatments checkboxes. */
export type RawConsultationForm = {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  preferredContact: string;
  bestTimeToCall: string;
  timeZone: string;
  painArea: string;
  painDuration: string;
  painLevel: string;
  treatmentsTried: string[];
  surgeryRecommended: string;
  message: string;
  slot: string;
  contactConsent: string;
  privacyAcknowledged: string;
  /** A ticked box posts 'yes'; an unticked one posts nothing. */
  marketingOptIn?: 'yes';
  /** The separate consent to text reminders: 'yes' when ticked. */
  textReminders?: 'yes';
  idempotencyKey: string;
  sourcePage: string;
  landingPage: string;
  referrer: string;
  utmSource: string;
  utmMedium: string;
  utmCampaign: string;
  utmTerm: string;
  utmContent: string;
} & Record<RedFlag, RedFlagAnswer>;

let people = 0;

/** A complete form filled in by a new person: what the patient typed, before the schema cleans it. */
export function rawForm(overrides: Partial<RawConsultationForm> = {}): RawConsultationForm {
  const n = ++people;
  return {
    firstName: 'Maria',
    lastName: `Gonzalez ${n}`,
    // Unique across test files and runs: several databases can share one server.
    email: `maria.gonzalez.${n}.${randomUUID().slice(0, 8)}@example.com`,
    phone: `(323) 555-01${String(n % 100).padStart(2, '0')}`,
    preferredContact: 'phone',
    bestTimeToCall: 'morning',
    timeZone: 'America/Los_Angeles',
    painArea: 'knee',
    painDuration: '3_to_12_months',
    painLevel: '6',
    treatmentsTried: ['physical_therapy', 'medication'],
    surgeryRecommended: 'not_sure',
    message: 'My right knee aches going down stairs and after long walks.',
    bladder_bowel_control: 'no',
    groin_numbness: 'no',
    leg_weakness: 'no',
    fever: 'no',
    recent_trauma: 'no',
    slot: 'call',
    contactConsent: 'yes',
    privacyAcknowledged: 'yes',
    idempotencyKey: randomUUID(),
    sourcePage: 'knee-pain-guide',
    landingPage: 'https://clinic.example/guide/knee-pain?utm_source=google&utm_medium=cpc',
    referrer: 'https://www.google.com/',
    utmSource: 'google',
    utmMedium: 'cpc',
    utmCampaign: 'knee-pain-2026',
    utmTerm: 'knee pain doctor',
    utmContent: 'ad-a',
    ...overrides,
  };
}

/**
 * A request the server accepts, built by the form's own schema so it is exactly what the action passes on.
 * `slot` may be a Date (the start of a free slot); by default the person asks to be called.
 */
export function validInput(
  overrides: Partial<Omit<RawConsultationForm, 'slot'>> & { slot?: string | Date } = {},
): ConsultationRequestInput {
  const { slot, ...rest } = overrides;
  return consultationRequestSchema.parse(
    rawForm({ ...rest, ...(slot !== undefined ? { slot: slot instanceof Date ? slot.toISOString() : slot } : {}) }),
  );
}

/** Every slot the public form would offer at `now`. */
export async function openSlots(db: Database, now: Date): Promise<Slot[]> {
  const open = await listOpenSlots(db, now);
  if (!open) throw new Error('No bookable provider: call seedClinic first');
  return open.slots;
}

/** The earliest slot the public form would offer at `now`. */
export async function firstFreeSlot(db: Database, now: Date): Promise<Slot> {
  const [slot] = await openSlots(db, now);
  if (!slot) throw new Error(`No free slot at ${now.toISOString()}`);
  return slot;
}
