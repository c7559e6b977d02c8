// What a consultation request does to its lead (lib/intake/rules.ts): the returning-lead merge, and the
// status, urgency and follow-up changes with the timeline entries that follow them.
import { describe, expect, it } from 'vitest';
import { LEAD_STATUSES } from '@/db/enums';
import { mergeReturningLead, requestConsequences, statusAfterRequest, type RequestFacts } from '@/lib/intake/rules';
import type { LeadStatus } from '@/lib/leads/status';

const now = new Date('2026-03-04T10:00:00Z');
const earlier = new Date('2025-01-01T09:00:00Z');
const request = { id: 'req-1', reference: 'CR-ABC234', sourcePage: '/guide/sciatica' };
const appointment = { id: 'apt-1', startsAt: new Date('2026-03-10T16:00:00Z') };

const facts = (over: Partial<RequestFacts> = {}): RequestFacts => ({
  lead: { id: 'lead-1', status: 'new', urgency: 'routine' },
  returning: false,
  marketingOptIn: false,
  request,
  urgent: false,
  redFlags: [],
  appointment: null,
  now,
  ...over,
});

const types = (result: ReturnType<typeof requestConsequences>) => result.activities.map((a) => a.type);

describe('statusAfterRequest', () => {
  // Written out: a change to where a request moves a lead has to change this table on purpose.
  const EXPECTED: Record<LeadStatus, { booked: LeadStatus; notBooked: LeadStatus }> = {
    new: { booked: 'scheduled', notBooked: 'new' },
    contacted: { booked: 'scheduled', notBooked: 'contacted' },
    scheduled: { booked: 'scheduled', notBooked: 'scheduled' },
    consulted: { booked: 'consulted', notBooked: 'consulted' },
    became_patient: { booked: 'became_patient', notBooked: 'became_patient' },
    not_a_fit: { booked: 'scheduled', notBooked: 'new' },
    no_response: { booked: 'scheduled', notBooked: 'new' },
  };
  it.each(LEAD_STATUSES.map((s) => [s] as const))('from %s', (from) => {
    expect(statusAfterRequest(from, true)).toBe(EXPECTED[from].booked);
    expect(statusAfterRequest(from, false)).toBe(EXPECTED[from].notBooked);
  });
});

describe('requestConsequences', () => {
  it('a first request without a booking: on the timeline, due for a call now, status unchanged', () => {
    const result = requestConsequences(facts());
    expect(result.updates).toEqual({ nextFollowUpAt: now });
    expect(result.activities).toEqual([
      {
        leadId: 'lead-1',
        type: 'request_submitted',
        actorType: 'patient',
        payload: { requestId: 'req-1', reference: 'CR-ABC234', returning: false, redFlags: [], sourcePage: '/guide/sciatica' },
        occurredAt: now,
      },
    ]);
  });

  it('a booking makes a new lead scheduled, says the patient booked, and sets no follow-up', () => {
    const result = requestConsequences(facts({ appointment }));
    expect(result.updates).toEqual({ status: 'scheduled' });
    expect(types(result)).toEqual(['request_submitted', 'appointment_booked', 'status_changed']);
    expect(result.activities[1]).toMatchObject({ actorType: 'patient', payload: { appointmentId: 'apt-1', startsAt: '2026-03-10T16:00:00.000Z' } });
    expect(result.activities[2]).toMatchObject({ actorType: 'system', payload: { from: 'new', to: 'scheduled', reason: 'booked_by_patient' } });
  });

  it('a closed lead asking again opens as new, for a call', () => {
    const result = requestConsequences(facts({ lead: { id: 'lead-1', status: 'no_response', urgency: 'routine' }, returning: true }));
    expect(result.updates).toEqual({ status: 'new', nextFollowUpAt: now });
    expect(result.activities[1]).toMatchObject({ type: 'status_changed', payload: { from: 'no_response', to: 'new', reason: 'new_request' } });
  });

  it('red flags make a routine lead urgent, after any status change', () => {
    const result = requestConsequences(facts({ urgent: true, redFlags: ['bladder_bowel_control'], appointment }));
    expect(result.updates).toEqual({ status: 'scheduled', urgency: 'urgent' });
    expect(types(result)).toEqual(['request_submitted', 'appointment_booked', 'status_changed', 'urgency_changed']);
    expect(result.activities[3]).toMatchObject({ actorType: 'system', payload: { from: 'routine', to: 'urgent', reason: 'red_flags' } });
    expect(result.activities[0]!.payload).toMatchObject({ redFlags: ['bladder_bowel_control'] });
  });

  it('an urgent lead stays urgent without a second entry', () => {
    const result = requestConsequences(facts({ lead: { id: 'lead-1', status: 'consulted', urgency: 'urgent' }, urgent: true, redFlags: ['fever'], appointment }));
    expect(result.updates).toEqual({});
    expect(types(result)).toEqual(['request_submitted', 'appointment_booked']);
  });

  it('a returning request carries the differing details, and a marketing tick only when returning', () => {
    const returning = requestConsequences(facts({ returning: true, differences: { firstName: 'Sam' }, marketingOptIn: true }));
    expect(returning.activities[0]!.payload).toEqual({
      requestId: 'req-1',
      reference: 'CR-ABC234',
      returning: true,
      differentContactDetails: { firstName: 'Sam' },
      marketingOptIn: true,
      redFlags: [],
      sourcePage: '/guide/sciatica',
    });
    const first = requestConsequences(facts({ marketingOptIn: true }));
    expect(first.activities[0]!.payload).not.toHaveProperty('marketingOptIn');
    expect(first.activities[0]!.payload).not.toHaveProperty('differentContactDetails');
  });
});

describe('mergeReturningLead', () => {
  const given = { firstName: 'Alex', lastName: 'Jones', email: 'Alex@Example.com', emailNormalized: 'alex@example.com', phone: '+15555550100' };
  const known = {
    firstName: 'Alex',
    lastName: 'Jones',
    email: 'alex@example.com',
    emailNormalized: 'alex@example.com',
    phoneE164: '+15555550100',
    contactConsentAt: earlier,
    privacyAcknowledgedAt: earlier,
  };

  it('changes nothing when the request says what the record says', () => {
    expect(mergeReturningLead(known, given, now)).toEqual({ fill: {} });
  });

  it('fills what the record lacks, and never overwrites who the person is', () => {
    const merged = mergeReturningLead({ ...known, email: null, emailNormalized: null, contactConsentAt: null }, given, now);
    expect(merged.fill).toEqual({ email: 'Alex@Example.com', emailNormalized: 'alex@example.com', emailUndeliverable: false, contactConsentAt: now });
    expect(merged.differences).toBeUndefined();
  });

  it('returns what differs for staff to decide, keyed by field', () => {
    const merged = mergeReturningLead({ ...known, firstName: 'Alexandra', phoneE164: '+15555550199' }, given, now);
    expect(merged.fill).toEqual({});
    expect(merged.differences).toEqual({ firstName: 'Alex', phone: '+15555550100' });
  });

  it('fills an empty phone without calling it a difference', () => {
    const merged = mergeReturningLead({ ...known, phoneE164: null }, given, now);
    expect(merged).toEqual({ fill: { phoneE164: '+15555550100' } });
  });
});
