// A known data set for the metrics queries, with every expected number worked out by hand. Shared by the
// metrics test and the erasure test (erasing someone must not change any of these numbers).
import { expect } from 'vitest';
import type { Database } from '@/db/client';
import { buildAppointment, buildLead } from '@/db/factories';
import * as t from '@/db/schema';
import type { LeadStatus } from '@/lib/leads/status';
import type { Metrics } from '@/lib/metrics/queries';

export const LA = 'America/Los_Angeles';
/** A wall-clock time at the clinic: Los Angeles is on PST (UTC-8) from 1 November 2026. */
const la = (wallClock: string) => new Date(`${wallClock}-08:00`);
const hours = (n: number) => n * 3_600_000;

// Three weeks, Monday 2 to Sunday 22 November 2026.
export const metricsRange = { from: '2026-11-02', to: '2026-11-22' };

type SeedLead = {
  key: string;
  createdAt: string;
  source: string | null;
  campaign: string | null;
  status: LeadStatus;
  /** Hours from the request to the first contact; absent = not contacted yet. */
  firstContactHours?: number;
  /** Status moves recorded on the timeline, in order. */
  history?: [LeadStatus, LeadStatus][];
  erased?: boolean;
};

// Ten leads inside the range (3 + 4 + 3 a week), three source pages and two campaigns, and two just outside
// it that would fall inside if the range were read in UTC instead of the clinic's zone.
const seedLeads: SeedLead[] = [
  { key: 'L1', createdAt: '2026-11-02T09:00', source: 'risks', campaign: 'fall', status: 'became_patient', firstContactHours: 1.5 },
  { key: 'L2', createdAt: '2026-11-03T10:00', source: 'risks', campaign: null, status: 'consulted', firstContactHours: 0.5 },
  {
    // Sunday night in Los Angeles, already Monday in UTC: it belongs to the first week.
    key: 'L3',
    createdAt: '2026-11-08T23:30',
    source: 'faq',
    campaign: 'fall',
    status: 'not_a_fit',
    firstContactHours: 2,
    history: [['new', 'contacted'], ['contacted', 'scheduled'], ['scheduled', 'consulted'], ['consulted', 'not_a_fit']],
  },
  { key: 'L4', createdAt: '2026-11-09T08:00', source: 'faq', campaign: 'spring', status: 'scheduled', firstContactHours: 5 },
  {
    // Reopened after being closed: it reached "scheduled" once even though it is "contacted" now.
    key: 'L5',
    createdAt: '2026-11-10T12:00',
    source: null,
    campaign: null,
    status: 'contacted',
    firstContactHours: 30,
    history: [['new', 'scheduled'], ['scheduled', 'not_a_fit'], ['not_a_fit', 'contacted']],
  },
  {
    key: 'L6',
    createdAt: '2026-11-12T12:00',
    source: 'risks',
    campaign: 'fall',
    status: 'no_response',
    firstContactHours: 100,
    history: [['new', 'contacted'], ['contacted', 'no_response']],
  },
  { key: 'L7', createdAt: '2026-11-13T12:00', source: 'recovery', campaign: 'spring', status: 'new' },
  { key: 'L8', createdAt: '2026-11-16T00:30', source: 'recovery', campaign: null, status: 'became_patient', firstContactHours: 3 },
  { key: 'L9', createdAt: '2026-11-18T12:00', source: 'risks', campaign: 'spring', status: 'new' },
  // The last evening of the range (Monday in UTC); this person has been erased and still counts.
  { key: 'L10', createdAt: '2026-11-22T23:00', source: 'faq', campaign: null, status: 'contacted', firstContactHours: 0.25, erased: true },
  // Outside: the evening before the range, and the first minutes after it.
  { key: 'L11', createdAt: '2026-11-01T23:00', source: 'risks', campaign: 'fall', status: 'became_patient', firstContactHours: 1, history: [['new', 'contacted']] },
  { key: 'L12', createdAt: '2026-11-23T00:30', source: 'faq', campaign: 'spring', status: 'new' },
];

type SeedAppointment = { lead: string; startsAt: string; createdAt: string; status: (typeof t.appointmentStatus.enumValues)[number] };

const seedAppointments: SeedAppointment[] = [
  { lead: 'L1', startsAt: '2026-11-05T10:00', createdAt: '2026-11-03T09:00', status: 'completed' },
  { lead: 'L2', startsAt: '2026-11-06T10:00', createdAt: '2026-11-04T09:00', status: 'completed' },
  { lead: 'L3', startsAt: '2026-11-10T10:00', createdAt: '2026-11-08T23:45', status: 'no_show' },
  { lead: 'L4', startsAt: '2026-11-12T10:00', createdAt: '2026-11-09T09:00', status: 'completed' },
  { lead: 'L5', startsAt: '2026-11-13T10:00', createdAt: '2026-11-10T13:00', status: 'cancelled' },
  { lead: 'L8', startsAt: '2026-11-20T10:00', createdAt: '2026-11-16T09:00', status: 'no_show' },
  // Booked in the range for after it, then cancelled.
  { lead: 'L9', startsAt: '2026-11-30T10:00', createdAt: '2026-11-18T13:00', status: 'cancelled' },
  // Booked in the range, started in it, not marked yet: not an outcome.
  { lead: 'L6', startsAt: '2026-11-22T16:00', createdAt: '2026-11-12T13:00', status: 'booked' },
  // Booked before the range, kept inside it.
  { lead: 'L11', startsAt: '2026-11-03T10:00', createdAt: '2026-10-30T09:00', status: 'completed' },
  // Booked just outside the range at either end (inside it if read in UTC), then cancelled.
  { lead: 'L11', startsAt: '2026-12-01T10:00', createdAt: '2026-11-01T23:30', status: 'cancelled' },
  { lead: 'L12', startsAt: '2026-11-25T10:00', createdAt: '2026-11-23T00:30', status: 'cancelled' },
];

/** Writes the data set above; returns the lead ids by key. */
export async function seedMetricsData(db: Database, providerId: string): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  for (const s of seedLeads) {
    const createdAt = la(s.createdAt);
    const [lead] = await db
      .insert(t.leads)
      .values(
        buildLead({
          ...(s.erased ? { firstName: 'Erased', lastName: 'person', email: null, emailNormalized: null, phoneE164: null, erasedAt: la('2026-11-25T12:00') } : {}),
          sourcePage: s.source,
          utmCampaign: s.campaign,
          status: s.status,
          firstContactedAt: s.firstContactHours === undefined ? null : new Date(createdAt.getTime() + hours(s.firstContactHours)),
          createdAt,
          updatedAt: createdAt,
          lastActivityAt: createdAt,
        }),
      )
      .returning({ id: t.leads.id });
    ids[s.key] = lead!.id;
    for (const [i, [from, to]] of (s.history ?? []).entries()) {
      await db.insert(t.leadActivities).values({
        leadId: lead!.id,
        type: 'status_changed',
        actorType: 'staff',
        payload: { from, to },
        occurredAt: new Date(createdAt.getTime() + hours(i + 1)),
      });
    }
  }
  for (const a of seedAppointments) {
    await db.insert(t.appointments).values(
      buildAppointment(providerId, ids[a.lead]!, la(a.startsAt), { status: a.status, createdAt: la(a.createdAt), updatedAt: la(a.createdAt) }),
    );
  }
  return ids;
}

/** What every metric must be for the data set above and the three weeks of November. */
export const expectedMetrics = {
  totalLeads: 10,
  leadsPerWeek: [
    { week: '2026-11-02', leads: 3 },
    { week: '2026-11-09', leads: 4 },
    { week: '2026-11-16', leads: 3 },
  ],
  funnel: [
    { status: 'new', reached: 10, share: 1 },
    { status: 'contacted', reached: 8, share: 0.8 },
    { status: 'scheduled', reached: 6, share: 0.6 },
    { status: 'consulted', reached: 4, share: 0.4 },
    { status: 'became_patient', reached: 2, share: 0.2 },
  ],
  closed: { notAFit: 1, noResponse: 1 },
  bySource: [
    { label: 'risks', leads: 4, patients: 1, conversion: 0.25 },
    { label: 'faq', leads: 3, patients: 0, conversion: 0 },
    { label: 'recovery', leads: 2, patients: 1, conversion: 0.5 },
    { label: '(none)', leads: 1, patients: 0, conversion: 0 },
  ],
  byCampaign: [
    { label: '(none)', leads: 4, patients: 1, conversion: 0.25 },
    { label: 'fall', leads: 3, patients: 1, conversion: 1 / 3 },
    { label: 'spring', leads: 3, patients: 0, conversion: 0 },
  ],
  firstContact: {
    // Waits of 0.25, 0.5, 1.5, 2, 3, 5, 30 and 100 hours: the middle two are 2 and 3.
    medianHours: 2.5,
    contacted: 8,
    waiting: 2,
    buckets: [
      { bucket: 'under_1_hour', label: 'Under 1 hour', leads: 2 },
      { bucket: '1_to_4_hours', label: '1 to 4 hours', leads: 3 },
      { bucket: '4_to_24_hours', label: '4 to 24 hours', leads: 1 },
      { bucket: '1_to_3_days', label: '1 to 3 days', leads: 1 },
      { bucket: 'over_3_days', label: 'More than 3 days', leads: 1 },
      { bucket: 'not_yet', label: 'Not contacted yet', leads: 2 },
    ],
  },
  appointments: {
    // Started in the range: 4 kept, 2 missed (the cancelled one and the one still "booked" are not outcomes).
    completed: 4,
    noShows: 2,
    noShowRate: 2 / 6,
    // Booked in the range: 8, of which 2 were cancelled.
    created: 8,
    cancelled: 2,
    cancellationRate: 0.25,
  },
} satisfies Omit<Metrics, 'range' | 'timeZone'>;

/** Exact counts; the fractions compared to 12 places (they are floating point either side). */
export function expectMetrics(actual: Metrics, expected: typeof expectedMetrics) {
  const { byCampaign, appointments, ...exact } = expected;
  expect(actual).toMatchObject(exact);
  const withoutRate = (rows: Metrics['byCampaign']) => rows.map((row) => ({ label: row.label, leads: row.leads, patients: row.patients }));
  expect(withoutRate(actual.byCampaign)).toEqual(withoutRate(byCampaign));
  actual.byCampaign.forEach((row, i) => expect(row.conversion).toBeCloseTo(byCampaign[i]!.conversion, 12));
  const { noShowRate, ...counts } = appointments;
  expect(actual.appointments).toMatchObject(counts);
  expect(actual.appointments.noShowRate).toBeCloseTo(noShowRate, 12);
}

