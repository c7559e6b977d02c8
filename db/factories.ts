// Row builders shared by the seed script and the tests: realistic defaults, any field overridable.
import type {
  NewAppointment,
  NewAvailabilityRule,
  NewConsultationRequest,
  NewLead,
  NewLocation,
  NewProvider,
  NewStaffUser,
} from './schema';

let counter = 0;
const next = () => ++counter;

export function buildLocation(overrides: Partial<NewLocation> = {}): NewLocation {
  return {
    name: 'Main clinic',
    address: '100 Example Avenue, Suite 200, Los Angeles, CA 90025',
    phone: '+13105550142',
    timeZone: 'America/Los_Angeles',
    ...overrides,
  };
}

export function buildProvider(locationId: string, overrides: Partial<NewProvider> = {}): NewProvider {
  return {
    locationId,
    name: 'Dr. Example Provider',
    title: 'MD',
    slotMinutes: 30,
    bufferMinutes: 0,
    minNoticeMinutes: 24 * 60,
    horizonDays: 28,
    ...overrides,
  };
}

/** Monday to Friday, 9:00–12:00 and 13:00–17:00 (a lunch break), in the location's time zone. */
export function buildWeekdayHours(providerId: string): NewAvailabilityRule[] {
  return [1, 2, 3, 4, 5].flatMap((weekday) => [
    { providerId, weekday, startTime: '09:00', endTime: '12:00' },
    { providerId, weekday, startTime: '13:00', endTime: '17:00' },
  ]);
}

export function buildStaffUser(overrides: Partial<NewStaffUser> = {}): NewStaffUser {
  const n = next();
  return { email: `staff${n}@example.com`, name: `Staff Member ${n}`, role: 'staff', ...overrides };
}

export function buildLead(overrides: Partial<NewLead> = {}): NewLead {
  const n = next();
  const email = overrides.email ?? `patient${n}@example.com`;
  return {
    firstName: 'Pat',
    lastName: `Example${n}`,
    email,
    emailNormalized: email.trim().toLowerCase(),
    phoneE164: `+1323555${String(1000 + (n % 9000)).padStart(4, '0')}`,
    preferredContact: 'phone',
    bestTimeToCall: 'any',
    timeZone: 'America/Los_Angeles',
    contactConsentAt: new Date(),
    privacyAcknowledgedAt: new Date(),
    ...overrides,
  };
}

export function buildConsultationRequest(
  leadId: string,
  overrides: Partial<NewConsultationRequest> = {},
): NewConsultationRequest {
  const n = next();
  return {
    leadId,
    reference: `CR-T${String(n).padStart(5, '0')}${Math.random().toString(36).slice(2, 6).toUpperCase()}`,
    idempotencyKey: `test-${n}-${Math.random().toString(36).slice(2)}`,
    painArea: 'lower_back',
    painDuration: '3_to_12_months',
    painLevel: 6,
    treatmentsTried: ['physical_therapy'],
    surgeryRecommended: 'not_sure',
    preferredContact: 'phone',
    bestTimeToCall: 'any',
    timeZone: 'America/Los_Angeles',
    ...overrides,
  };
}

export function buildAppointment(
  providerId: string,
  leadId: string,
  startsAt: Date,
  overrides: Partial<NewAppointment> = {},
): NewAppointment {
  return {
    providerId,
    leadId,
    startsAt,
    endsAt: new Date(startsAt.getTime() + 30 * 60_000),
    bookedByType: 'patient',
    ...overrides,
  };
}
