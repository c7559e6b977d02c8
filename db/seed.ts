// Demo data: one location, one provider with weekly hours, an admin and a staff login, and
// sample leads at every stage, so a fresh `npm run dev` shows a working clinic. The two demo logins are
// marked `mfa_waiver = demo_seed`: that waiver counts only outside production (or on the e2e test server,
// DEMO_MFA_WAIVER), so a production server that seeds demo data still asks them to set up a second factor.
import { TZDate } from '@date-fns/tz';
import { count } from 'drizzle-orm';
import type { Database, Tx } from './client';
import {
  buildAppointment,
  buildConsultationRequest,
  buildLead,
  buildLocation,
  buildProvider,
  buildWeekdayHours,
} from './factories';
import * as t from './schema';

export type SeedOptions = {
  now: Date;
  clinic: { name: string; physician: string; address: string; phone: string; timeZone: string };
  /** argon2id hash of the demo password (hashing lives in lib/auth; db/ imports nothing above it). */
  passwordHash: string;
  adminEmail: string;
  staffEmail: string;
  /**
   * Called for each appointment the seed books, inside its transaction: the app queues its reminder there
   * (lib/startup.ts), as a real booking would, so the health check finds nothing missing. db/ stays below lib/.
   */
  onBooked?: (tx: Tx, booked: { appointment: t.Appointment; lead: t.Lead; request: t.ConsultationRequest }) => Promise<void>;
};

export async function isDatabaseEmpty(db: Database): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(t.staffUsers);
  return (row?.n ?? 0) === 0;
}

type SampleLead = {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  status: (typeof t.leadStatus.enumValues)[number];
  urgency?: 'routine' | 'urgent';
  daysAgo: number;
  sourcePage: string | null;
  utmCampaign?: string;
  painArea: (typeof t.painArea.enumValues)[number];
  painLevel: number;
  redFlags?: (typeof t.redFlag.enumValues)[number][];
  message?: string;
};

const samples: SampleLead[] = [
  { firstName: 'Maria', lastName: 'Gonzalez', email: 'maria.gonzalez@example.com', phone: '+13235550142', status: 'new', urgency: 'urgent', daysAgo: 0.05, sourcePage: 'when-surgery-is-considered', painArea: 'lower_back', painLevel: 8, redFlags: ['leg_weakness'], message: 'My left leg has felt weaker this week.' },
  { firstName: 'James', lastName: 'Carter', email: 'james.carter@example.com', phone: '+13105550187', status: 'new', daysAgo: 0.2, sourcePage: 'risks-and-outcomes', utmCampaign: 'spine-guide-fall', painArea: 'lower_back', painLevel: 6, message: 'My surgeon suggested a fusion and I want a second opinion.' },
  { firstName: 'Linda', lastName: 'Nguyen', email: 'linda.nguyen@example.com', phone: '+16265550119', status: 'new', daysAgo: 1.3, sourcePage: 'non-surgical-options', painArea: 'knee', painLevel: 5 },
  { firstName: 'Robert', lastName: 'Kim', email: 'robert.kim@example.com', phone: '+18185550173', status: 'contacted', daysAgo: 2.5, sourcePage: 'common-procedures', painArea: 'neck', painLevel: 7 },
  { firstName: 'Patricia', lastName: 'Okafor', email: 'patricia.okafor@example.com', phone: '+13235550166', status: 'contacted', daysAgo: 4, sourcePage: 'recovery', utmCampaign: 'spine-guide-fall', painArea: 'lower_back', painLevel: 4 },
  { firstName: 'David', lastName: 'Levine', email: 'david.levine@example.com', phone: '+13105550128', status: 'scheduled', daysAgo: 5, sourcePage: 'risks-and-outcomes', painArea: 'lower_back', painLevel: 7 },
  { firstName: 'Susan', lastName: 'Park', email: 'susan.park@example.com', phone: '+17145550150', status: 'scheduled', daysAgo: 6, sourcePage: 'fear-of-movement', painArea: 'mid_back', painLevel: 5 },
  { firstName: 'Michael', lastName: 'Brown', email: 'michael.brown@example.com', phone: '+19495550111', status: 'consulted', daysAgo: 12, sourcePage: null, painArea: 'hip', painLevel: 6 },
  { firstName: 'Karen', lastName: 'Davis', email: 'karen.davis@example.com', phone: '+15625550177', status: 'became_patient', daysAgo: 20, sourcePage: 'non-surgical-options', utmCampaign: 'prp-awareness', painArea: 'shoulder', painLevel: 5 },
  { firstName: 'Thomas', lastName: 'Wilson', email: 'thomas.wilson@example.com', phone: '+13235550104', status: 'became_patient', daysAgo: 26, sourcePage: 'faq', painArea: 'lower_back', painLevel: 7 },
  { firstName: 'Nancy', lastName: 'Martinez', email: 'nancy.martinez@example.com', phone: '+18055550190', status: 'not_a_fit', daysAgo: 15, sourcePage: 'when-surgery-is-considered', painArea: 'other', painLevel: 3 },
  { firstName: 'Daniel', lastName: 'Thompson', email: 'daniel.thompson@example.com', phone: '+16195550133', status: 'no_response', daysAgo: 18, sourcePage: 'benefits', painArea: 'knee', painLevel: 4 },
];

/** The next weekday (Mon–Fri) `days` days or more after `from`, at `hour`:00 in the zone, as an instant. */
function weekdayAt(from: Date, days: number, hour: number, timeZone: string): Date {
  const local = new TZDate(from.getTime(), timeZone);
  let d = new TZDate(local.getFullYear(), local.getMonth(), local.getDate() + days, hour, 0, 0, timeZone);
  while (d.getDay() === 0 || d.getDay() === 6) {
    d = new TZDate(d.getFullYear(), d.getMonth(), d.getDate() + 1, hour, 0, 0, timeZone);
  }
  return new Date(d.getTime());
}

/** The same hour on the weekday `days` before `from` (stepping back over a weekend), in the clinic's zone. */
function pastWeekdayAt(from: Date, days: number, hour: number, timeZone: string): Date {
  const local = new TZDate(from.getTime(), timeZone);
  let d = new TZDate(local.getFullYear(), local.getMonth(), local.getDate() - days, hour, 0, 0, timeZone);
  while (d.getDay() === 0 || d.getDay() === 6) {
    d = new TZDate(d.getFullYear(), d.getMonth(), d.getDate() - 1, hour, 0, 0, timeZone);
  }
  return new Date(d.getTime());
}

export async function seedDemoData(db: Database, options: SeedOptions): Promise<{ leads: number }> {
  const { now, clinic } = options;
  const ago = (days: number) => new Date(now.getTime() - days * 86_400_000);

  return db.transaction(async (tx) => {
    const [admin] = await tx
      .insert(t.staffUsers)
      .values({ email: options.adminEmail, name: 'Alex Admin', role: 'admin', passwordHash: options.passwordHash, mfaWaiver: 'demo_seed' })
      .returning();
    const [staff] = await tx
      .insert(t.staffUsers)
      .values({ email: options.staffEmail, name: 'Sam Frontdesk', role: 'staff', passwordHash: options.passwordHash, mfaWaiver: 'demo_seed' })
      .returning();
    const [location] = await tx
      .insert(t.locations)
      .values(buildLocation({ name: clinic.name, address: clinic.address, phone: clinic.phone, timeZone: clinic.timeZone }))
      .returning();
    const [provider] = await tx
      .insert(t.providers)
      .values(buildProvider(location!.id, { name: clinic.physician, title: 'Physician' }))
      .returning();
    await tx.insert(t.availabilityRules).values(buildWeekdayHours(provider!.id));

    let scheduledIndex = 0;
    for (const s of samples) {
      const createdAt = ago(s.daysAgo);
      const urgent = s.urgency === 'urgent';
      const contacted = s.status !== 'new';
      const [lead] = await tx
        .insert(t.leads)
        .values(
          buildLead({
            firstName: s.firstName,
            lastName: s.lastName,
            email: s.email,
            emailNormalized: s.email,
            phoneE164: s.phone,
            timeZone: clinic.timeZone,
            status: s.status,
            urgency: urgent ? 'urgent' : 'routine',
            sourcePage: s.sourcePage,
            landingPage: s.sourcePage ? `/guide/${s.sourcePage}` : '/',
            referrer: s.sourcePage ? 'https://www.google.com/' : null,
            utmSource: s.utmCampaign ? 'newsletter' : null,
            utmMedium: s.utmCampaign ? 'email' : null,
            utmCampaign: s.utmCampaign ?? null,
            assignedToId: contacted ? staff!.id : null,
            firstContactedAt: contacted ? new Date(createdAt.getTime() + 3 * 3_600_000) : null,
            nextFollowUpAt: s.status === 'contacted' ? ago(-1) : null,
            contactConsentAt: createdAt,
            privacyAcknowledgedAt: createdAt,
            createdAt,
            updatedAt: createdAt,
            lastActivityAt: createdAt,
          }),
        )
        .returning();
      const [request] = await tx
        .insert(t.consultationRequests)
        .values(
          buildConsultationRequest(lead!.id, {
            reference: `CR-DEMO${String(samples.indexOf(s) + 1).padStart(2, '0')}`,
            idempotencyKey: `seed-${s.email}`,
            painArea: s.painArea,
            painLevel: s.painLevel,
            redFlags: s.redFlags ?? [],
            hasRedFlags: (s.redFlags ?? []).length > 0,
            message: s.message ?? null,
            timeZone: clinic.timeZone,
            wantsCallToArrange: s.status === 'new' || s.status === 'contacted',
            sourcePage: s.sourcePage,
            landingPage: s.sourcePage ? `/guide/${s.sourcePage}` : '/',
            utmCampaign: s.utmCampaign ?? null,
            submittedAt: createdAt,
          }),
        )
        .returning();
      await tx.insert(t.leadActivities).values({
        leadId: lead!.id,
        type: 'request_submitted',
        actorType: 'patient',
        payload: { requestId: request!.id, reference: request!.reference, redFlags: s.redFlags ?? [] },
        occurredAt: createdAt,
      });
      if (contacted) {
        await tx.insert(t.leadActivities).values({
          leadId: lead!.id,
          type: 'call_logged',
          actorType: 'staff',
          actorStaffId: staff!.id,
          payload: { outcome: 'reached', nextStep: 'Offer a consultation time' },
          occurredAt: new Date(createdAt.getTime() + 3 * 3_600_000),
        });
      }
      // Booked people come in on a weekday soon; the one who has been seen came in two weekdays ago, and the
      // front desk has not yet recorded whether they came (the schedule offers "Mark completed" / "no-show").
      if (s.status === 'scheduled' || s.status === 'consulted') {
        const startsAt =
          s.status === 'consulted'
            ? pastWeekdayAt(now, 2, 11, clinic.timeZone)
            : weekdayAt(now, 2 + scheduledIndex * 2, 10 + scheduledIndex, clinic.timeZone);
        if (s.status === 'scheduled') scheduledIndex++;
        const [appointment] = await tx
          .insert(t.appointments)
          .values(buildAppointment(provider!.id, lead!.id, startsAt, { consultationRequestId: request!.id, bookedByType: 'staff', bookedByStaffId: staff!.id }))
          .returning();
        await tx.insert(t.leadActivities).values({
          leadId: lead!.id,
          type: 'appointment_booked',
          actorType: 'staff',
          actorStaffId: staff!.id,
          payload: { appointmentId: appointment!.id, startsAt: startsAt.toISOString() },
          occurredAt: new Date(createdAt.getTime() + 4 * 3_600_000),
        });
        if (s.status === 'scheduled') await options.onBooked?.(tx, { appointment: appointment!, lead: lead!, request: request! });
      }
      if (s.status === 'contacted') {
        await tx.insert(t.followUpTasks).values({
          leadId: lead!.id,
          assignedToId: staff!.id,
          createdById: staff!.id,
          title: 'Call back to offer a consultation time',
          // One overdue, one due tomorrow: both views have something to show.
          dueAt: s.daysAgo > 3 ? ago(1) : ago(-1),
        });
      }
    }
    await tx.insert(t.auditLog).values({
      actorStaffId: admin!.id,
      action: 'seed.demo_data',
      entityType: 'database',
      detail: { leads: samples.length },
    });
    const [row] = await tx.select({ n: count() }).from(t.leads);
    return { leads: row?.n ?? 0 };
  });
}
