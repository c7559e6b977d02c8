// How each kind of timeline entry reads on a lead's page (ENTRY_DESCRIPTIONS in the lead page's timeline):
// every kind has a row, and each row says what happened in staff's words, with names, times in the clinic's
// zone and each email's current status. Rendered to static markup: no browser, no database.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ENTRY_DESCRIPTIONS, describeEntry } from '@/app/(staff)/dashboard/leads/[id]/_components/timeline';
import { activityType } from '@/db/schema';
import type { EmailSummary, LeadDetail, TimelineEntry } from '@/lib/leads/detail';

const LA = 'America/Los_Angeles';
const ALEX = '404f615b-2416-49c1-af9b-fd987874a7a3';
const at = new Date('2026-12-01T17:30:00Z');

const email = (id: string, template: string, status: EmailSummary['status'], sendAfter = at): EmailSummary => ({
  id,
  template,
  status,
  toAddress: 'pat@example.com',
  createdAt: at,
  sendAfter,
});

const detail = {
  staffNames: new Map([[ALEX, 'Alex Admin']]),
  emails: new Map([
    ['e1', email('e1', 'request-follow-up', 'pending', new Date('2026-12-03T17:00:00Z'))],
    ['e2', email('e2', 'contact-attempt', 'bounced')],
  ]),
  calls: new Map([['c1', { id: 'c1', notes: 'Left a message.', nextStep: 'Try Thursday' }]]),
} as unknown as LeadDetail;

function read(type: TimelineEntry['type'], payload: Record<string, unknown> = {}, actorType: TimelineEntry['actorType'] = 'system'): string {
  const entry = { id: 'a', leadId: 'l', type, actorType, actorStaffId: null, actorName: null, payload, occurredAt: at } as TimelineEntry;
  const html = renderToStaticMarkup(createElement('div', null, describeEntry(entry, detail, LA)));
  return html.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim();
}

describe('the timeline’s descriptions', () => {
  it('has a row for every kind of entry the database can hold', () => {
    expect(Object.keys(ENTRY_DESCRIPTIONS).sort()).toEqual([...activityType.enumValues].sort());
  });

  it.each([
    ['status_changed', { from: 'new', to: 'contacted', reason: 'new_request' }, 'Status changed from New to Contacted (after a new request)'],
    ['urgency_changed', { to: 'urgent', reason: 'red_flags' }, 'Marked urgent because of warning signs'],
    ['assigned', { to: ALEX }, 'Assigned to Alex Admin'],
    ['assigned', { to: null, from: 'a0000000-0000-4000-8000-000000000000' }, 'Unassigned (was a former staff member)'],
    ['note_added', { body: 'Prefers mornings.' }, 'Added a notePrefers mornings.'],
    ['call_logged', { outcome: 'voicemail', callLogId: 'c1' }, 'Logged a call: Left a voicemailLeft a message.Next step: Try Thursday'],
    ['task_created', { title: 'Call back', dueAt: '2026-12-04T17:00:00.000Z', assignedToId: ALEX }, 'Set a follow-up: Call back, due Fri 4 Dec 2026, 9:00am, for Alex Admin'],
    ['task_completed', { title: 'Call back', outcome: 'cancelled' }, 'Cancelled the follow-up: Call back'],
    ['appointment_booked', { startsAt: '2026-12-11T19:00:00.000Z' }, 'Booked an appointment for Friday 11 December 2026, 11:00am Pacific Time'],
    ['appointment_cancelled', { startsAt: '2026-12-11T19:00:00.000Z', reason: 'Ill' }, 'Cancelled the appointment on Friday 11 December 2026, 11:00am Pacific Time (reason: Ill)'],
    ['appointment_no_show', {}, 'Did not come to the appointment'],
    ['email_bounced', { emailId: 'e2' }, 'Bounced: We tried to reach you to pat@example.com Bounced View message “We tried to reach you”'],
    ['email_sent', { emailId: 'gone' }, 'Sent: An email View message “An email”'],
    ['unsubscribed', {}, 'Unsubscribed from follow-up emails'],
  ] as const)('%s reads as staff say it', (type, payload, words) => {
    expect(read(type, payload)).toBe(words);
  });

  it('shows a queued email with its current status and when it is due, in the front desk’s words', () => {
    expect(read('email_queued', { emailId: 'e1' }, 'staff')).toBe(
      'Sent the email Follow-up: do you still want a consultation? to pat@example.com Waiting to send View message “Follow-up: do you still want a consultation?”scheduled for Thu 3 Dec 2026, 9:00am',
    );
  });

  it('names warning signs and a returning patient’s request', () => {
    expect(read('request_submitted', { returning: true, reference: 'CR-1', redFlags: ['fever'] }, 'patient')).toBe(
      'Sent another consultation request CR-1Urgent Warning signs: High temperature (fever) with back pain',
    );
  });
});

describe('text messages on the timeline', () => {
  it.each([
    ['text_queued', { kind: 'booking-confirmed', sendAfter: at.toISOString() }, 'Text Booking confirmation'],
    ['text_queued', { kind: 'appointment-reminder', sendAfter: '2026-12-09T17:00:00Z' }, 'Text Appointment reminder, scheduled for Wed 9 Dec 2026, 9:00am'],
    ['text_sent', { kind: 'booking-confirmed' }, 'Text sent: Booking confirmation'],
    ['text_delivered', { kind: 'help' }, 'Text delivered: Answer to HELP'],
    ['text_failed', { kind: 'booking-confirmed', status: 'undelivered', errorCode: '30005', numberProblem: 'undeliverable' }, 'Text not delivered: Booking confirmation (error 30005)Number Texts cannot reach this number. Call or email instead.'],
    ['text_failed', { kind: 'appointment-reminder', cancelled: 'opted out (STOP)' }, 'Text not sent: opted out (STOP): Appointment reminder'],
    ['text_opted_out', { keyword: 'STOP' }, 'Replied STOP: no more texts (confirmed to them once)'],
    ['text_opted_in', {}, 'Replied START: texts are on again'],
    ['text_consent_given', { source: 'reminder_box' }, 'Agreed to text reminders (ticked the box)'],
  ] as const)('%s %j reads “%s”', (type, payload, words) => {
    expect(read(type, payload)).toBe(words);
  });

  it('shows a reply in the patient’s words, marked for staff, or as a confirmation', () => {
    expect(read('text_received', { body: 'Is there parking?', meaning: 'message' }, 'patient')).toBe('Replied by text for staff to answerIs there parking?');
    expect(read('text_received', { body: 'C', meaning: 'confirm', confirmedAppointmentId: 'x' }, 'patient')).toBe('Replied by text confirmed the appointmentC');
  });
});
