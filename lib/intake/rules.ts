// Pure rules about leads: request references, how a returning request meets the lead it matches, and what
// a new request changes on its lead (status, urgency, follow-up) with the timeline entries that follow.
import { randomInt } from 'node:crypto';
import type { Lead } from '@/db/schema';
import type { TimelineEntry } from '@/lib/timeline/write';

// No 0/O, 1/I/L: a reference read out over the phone is never ambiguous.
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** "CR-7K3F9Q": short enough to read out, 31^6 ≈ 890 million values (a unique key backs it). */
export function newReference(random: (max: number) => number = randomInt): string {
  let code = '';
  for (let i = 0; i < 6; i++) code += ALPHABET[random(ALPHABET.length)];
  return `CR-${code}`;
}

type Status = Lead['status'];

/**
 * A new request from someone the clinic already knows: a booking makes them scheduled; a closed lead
 * (not a fit, no response) opens again as new; anyone further along keeps their status.
 */
export function statusAfterRequest(current: Status, booked: boolean): Status {
  if (booked && (current === 'new' || current === 'contacted' || current === 'no_response' || current === 'not_a_fit')) {
    return 'scheduled';
  }
  if (!booked && (current === 'no_response' || current === 'not_a_fit')) return 'new';
  return current;
}

/** Who the request says the person is. */
export type GivenContact = { firstName: string; lastName: string; email: string; emailNormalized: string; phone: string };

type KnownContact = Pick<Lead, 'firstName' | 'lastName' | 'email' | 'emailNormalized' | 'phoneE164' | 'contactConsentAt' | 'privacyAcknowledgedAt'>;

/**
 * A returning request against the lead it matched. Nobody has proved they own this email or phone, so it
 * never overwrites who the person is: empty fields are filled (`fill`); anything that differs is returned
 * as `differences` (field → what this request gave) for staff to see on the timeline and decide.
 */
export function mergeReturningLead(known: KnownContact, given: GivenContact, now: Date): { fill: Partial<Lead>; differences?: Record<string, string> } {
  const fill: Partial<Lead> = {};
  if (!known.email) Object.assign(fill, { email: given.email, emailNormalized: given.emailNormalized, emailUndeliverable: false });
  if (!known.phoneE164) fill.phoneE164 = given.phone;
  if (!known.contactConsentAt) fill.contactConsentAt = now;
  if (!known.privacyAcknowledgedAt) fill.privacyAcknowledgedAt = now;
  const compare: [string, string | null, string][] = [
    ['firstName', known.firstName, given.firstName],
    ['lastName', known.lastName, given.lastName],
    ['phone', known.phoneE164, given.phone],
    ['email', known.emailNormalized, given.emailNormalized],
  ];
  const changed = compare.filter(([, was, now_]) => was !== null && was !== now_);
  return changed.length ? { fill, differences: Object.fromEntries(changed.map(([k, , v]) => [k, v])) } : { fill };
}

export type RequestFacts = {
  /** The lead as it stands once matched or created, before this request's consequences. */
  lead: Pick<Lead, 'id' | 'status' | 'urgency'>;
  returning: boolean;
  /** Contact details this request gave that differ from the record (mergeReturningLead). */
  differences?: Record<string, string>;
  marketingOptIn: boolean;
  request: { id: string; reference: string; sourcePage: string | null };
  urgent: boolean;
  redFlags: readonly string[];
  appointment: { id: string; startsAt: Date } | null;
  now: Date;
};

export type RequestConsequences = {
  /** What changes on the lead; empty when nothing does. */
  updates: Partial<Pick<Lead, 'status' | 'urgency' | 'nextFollowUpAt'>>;
  /** The timeline entries, in the order they happened. */
  activities: TimelineEntry[];
};

/**
 * What a new request does to its lead: the request (and a booking made with it) on the timeline; the status
 * statusAfterRequest gives; urgent when it has red flags; due for a call now when nothing was booked.
 */
export function requestConsequences(facts: RequestFacts): RequestConsequences {
  const { lead, request, appointment, now } = facts;
  const entry = (type: TimelineEntry['type'], actorType: TimelineEntry['actorType'], payload: Record<string, unknown>): TimelineEntry => ({
    leadId: lead.id,
    type,
    actorType,
    payload,
    occurredAt: now,
  });
  const activities: TimelineEntry[] = [
    entry('request_submitted', 'patient', {
      requestId: request.id,
      reference: request.reference,
      returning: facts.returning,
      ...(facts.differences ? { differentContactDetails: facts.differences } : {}),
      ...(facts.returning && facts.marketingOptIn ? { marketingOptIn: true } : {}),
      redFlags: facts.redFlags,
      sourcePage: request.sourcePage,
    }),
  ];
  if (appointment) activities.push(entry('appointment_booked', 'patient', { appointmentId: appointment.id, startsAt: appointment.startsAt.toISOString() }));

  const updates: RequestConsequences['updates'] = {};
  const status = statusAfterRequest(lead.status, appointment !== null);
  if (status !== lead.status) {
    updates.status = status;
    activities.push(entry('status_changed', 'system', { from: lead.status, to: status, reason: appointment ? 'booked_by_patient' : 'new_request' }));
  }
  if (facts.urgent && lead.urgency !== 'urgent') {
    updates.urgency = 'urgent';
    activities.push(entry('urgency_changed', 'system', { from: lead.urgency, to: 'urgent', reason: 'red_flags' }));
  }
  if (!appointment) updates.nextFollowUpAt = now;
  return { updates, activities };
}
