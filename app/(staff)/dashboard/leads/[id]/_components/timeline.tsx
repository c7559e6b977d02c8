// A lead's one timeline, newest first: what happened, who did it and when (clinic time), each email with
// its current delivery status and a link to the message.
import type { ReactNode } from 'react';
import { Badge, EmptyState } from '@/components/dashboard/ui';
import type { EmailSummary, LeadDetail, TimelineEntry } from '@/lib/leads/detail';
import { CALL_OUTCOME_LABELS, formatClinicDateTime } from '@/lib/leads/lead-forms';
import { isLeadStatus, STATUS_LABELS } from '@/lib/leads/status';
import { RED_FLAG_LABELS } from './labels';
import { appointmentWhen } from '@/lib/booking/time-words';

export const EMAIL_TEMPLATE_LABELS: Record<string, string> = {
  'request-received': 'Request received',
  'booking-confirmed': 'Booking confirmed',
  'booking-rescheduled': 'Booking moved',
  'booking-cancelled': 'Booking cancelled',
  'appointment-reminder': 'Appointment reminder',
  'request-follow-up': 'Follow-up: do you still want a consultation?',
  'contact-attempt': 'We tried to reach you',
};

type Tone = 'neutral' | 'info' | 'success' | 'warning' | 'danger';
const EMAIL_STATUS: Record<string, [label: string, tone: Tone]> = {
  pending: ['Queued', 'info'],
  sending: ['Sending', 'info'],
  sent: ['Sent', 'neutral'],
  delivered: ['Delivered', 'success'],
  bounced: ['Bounced', 'danger'],
  complained: ['Marked as spam', 'danger'],
  failed: ['Failed', 'danger'],
  cancelled: ['Not sent (cancelled)', 'neutral'],
  held: ['Held (not sent)', 'warning'],
};

export function EmailStatusBadge({ status }: { status: string }) {
  const [label, tone] = EMAIL_STATUS[status] ?? [status, 'neutral'];
  return <Badge tone={tone}>{label}</Badge>;
}

const STATUS_REASONS: Record<string, string> = {
  new_request: 'after a new request',
  booked_by_patient: 'the patient booked online',
  booked_by_staff: 'after booking',
  appointment_cancelled: 'the appointment was cancelled',
};

// The follow-up email after these events is already shown on the email's own entry with its latest status.
const FOLDED_EMAIL_EVENTS = new Set(['email_sent', 'email_delivered']);

export function Timeline({ detail, timeZone }: { detail: LeadDetail; timeZone: string }) {
  const when = (d: Date) => formatClinicDateTime(d, timeZone);
  const queuedEmails = new Set(detail.timeline.filter((e) => e.type === 'email_queued').map((e) => String(e.payload.emailId)));
  const entries = detail.timeline.filter((e) => !(FOLDED_EMAIL_EVENTS.has(e.type) && queuedEmails.has(String(e.payload.emailId))));
  if (!entries.length) return <EmptyState title="Nothing has happened yet" />;
  return (
    <ol className="m-0 list-none p-0">
      {entries.map((entry) => (
        <li key={entry.id} className="border-l-4 border-line py-2 pl-3 [&+li]:mt-1">
          <p className="m-0 text-sm text-muted">
            <time dateTime={entry.occurredAt.toISOString()}>{when(entry.occurredAt)}</time> · {actorLabel(entry)}
          </p>
          <div className="break-words">{describe(entry, detail, when, timeZone)}</div>
        </li>
      ))}
    </ol>
  );
}

function actorLabel(entry: TimelineEntry): string {
  if (entry.actorType === 'staff') return entry.actorName ?? 'A former staff member';
  return entry.actorType === 'patient' ? 'Patient' : 'System';
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
const statusLabel = (v: unknown) => (isLeadStatus(v) ? STATUS_LABELS[v] : String(v ?? '—'));

function EmailLine({ email, verb, emailId }: { email: EmailSummary | undefined; verb: string; emailId: string | undefined }) {
  const name = email ? (EMAIL_TEMPLATE_LABELS[email.template] ?? email.template) : 'An email';
  return (
    <p className="m-0">
      {verb} <strong>{name}</strong>
      {email ? <> to {email.toAddress} </> : ' '}
      {email ? <EmailStatusBadge status={email.status} /> : null}
      {emailId ? (
        <>
          {' '}
          <a href={`/dashboard/emails/${emailId}`}>
            View message<span className="sr-only"> “{name}”</span>
          </a>
        </>
      ) : null}
    </p>
  );
}

function describe(entry: TimelineEntry, detail: LeadDetail, when: (d: Date) => string, timeZone: string): ReactNode {
  const p = entry.payload;
  const staffName = (id: unknown) => (typeof id === 'string' ? (detail.staffNames.get(id) ?? 'a former staff member') : 'nobody');
  const at = (v: unknown) => (typeof v === 'string' ? when(new Date(v)) : '—');
  // An appointment's time: the clinic's, with its zone's name (lib/booking/time-words).
  const appointmentAt = (v: unknown) => (typeof v === 'string' ? appointmentWhen(new Date(v), { clinic: timeZone }, 'staff') : '—');
  switch (entry.type) {
    case 'request_submitted': {
      const flags = Array.isArray(p.redFlags) ? (p.redFlags as string[]) : [];
      const differs = p.differentContactDetails as Record<string, string> | undefined;
      return (
        <>
          <p className="m-0">
            {p.returning ? 'Sent another consultation request' : 'Sent a consultation request'} <strong>{str(p.reference)}</strong>
            {str(p.sourcePage) ? <> from the page “{str(p.sourcePage)}”</> : null}
          </p>
          {flags.length ? (
            <p className="m-0 font-semibold text-danger">
              <Badge tone="danger">Urgent</Badge> Warning signs: {flags.map((f) => RED_FLAG_LABELS[f] ?? f).join('; ')}
            </p>
          ) : null}
          {differs ? (
            <p className="m-0">
              Gave different contact details: {Object.entries(differs).map(([k, v]) => `${k} ${v}`).join(', ')}
            </p>
          ) : null}
        </>
      );
    }
    case 'status_changed': {
      const reason = str(p.reason);
      return (
        <p className="m-0">
          Status changed from <strong>{statusLabel(p.from)}</strong> to <strong>{statusLabel(p.to)}</strong>
          {reason && STATUS_REASONS[reason] ? ` (${STATUS_REASONS[reason]})` : ''}
        </p>
      );
    }
    case 'urgency_changed':
      return <p className="m-0">Marked <strong>{p.to === 'urgent' ? 'urgent' : 'routine'}</strong>{p.reason === 'red_flags' ? ' because of warning signs' : ''}</p>;
    case 'assigned':
      return p.to ? (
        <p className="m-0">
          Assigned to <strong>{staffName(p.to)}</strong>
        </p>
      ) : (
        <p className="m-0">Unassigned (was {staffName(p.from)})</p>
      );
    case 'note_added':
      return (
        <>
          <p className="m-0 font-semibold">Added a note</p>
          <p className="m-0 whitespace-pre-wrap">{str(p.body)}</p>
        </>
      );
    case 'call_logged': {
      const call = detail.calls.get(String(p.callLogId));
      const outcome = str(p.outcome) as keyof typeof CALL_OUTCOME_LABELS | undefined;
      return (
        <>
          <p className="m-0">
            Logged a call: <strong>{outcome ? CALL_OUTCOME_LABELS[outcome] : 'call'}</strong>
          </p>
          {call?.notes ? <p className="m-0 whitespace-pre-wrap">{call.notes}</p> : null}
          {call?.nextStep ? <p className="m-0">Next step: {call.nextStep}</p> : null}
        </>
      );
    }
    case 'task_created':
      return (
        <p className="m-0">
          Set a follow-up: <strong>{str(p.title)}</strong>, due {at(p.dueAt)}
          {p.assignedToId ? <>, for {staffName(p.assignedToId)}</> : null}
        </p>
      );
    case 'task_completed':
      return (
        <p className="m-0">
          {p.outcome === 'cancelled' ? 'Cancelled the follow-up' : 'Completed the follow-up'}: <strong>{str(p.title)}</strong>
        </p>
      );
    case 'appointment_booked':
      return (
        <p className="m-0">
          Booked an appointment for <strong>{appointmentAt(p.startsAt)}</strong>
        </p>
      );
    case 'appointment_rescheduled':
      return (
        <p className="m-0">
          Moved the appointment from {appointmentAt(p.from)} to <strong>{appointmentAt(p.to)}</strong>
        </p>
      );
    case 'appointment_cancelled':
      return (
        <p className="m-0">
          Cancelled the appointment on <strong>{appointmentAt(p.startsAt)}</strong>
          {str(p.reason) ? <> (reason: {str(p.reason)})</> : null}
        </p>
      );
    case 'appointment_completed':
      return <p className="m-0">Appointment took place</p>;
    case 'appointment_no_show':
      return <p className="m-0">Did not come to the appointment</p>;
    case 'email_queued': {
      const emailId = str(p.emailId);
      const email = emailId ? detail.emails.get(emailId) : undefined;
      const later = email && email.sendAfter > entry.occurredAt ? ` (scheduled for ${when(email.sendAfter)})` : '';
      return (
        <>
          <EmailLine email={email} emailId={emailId} verb={entry.actorType === 'staff' ? 'Sent the email' : 'Email'} />
          {later ? <p className="m-0 text-sm text-muted">{later.trim().replace(/^\(|\)$/g, '')}</p> : null}
        </>
      );
    }
    case 'email_sent':
    case 'email_delivered':
    case 'email_bounced':
    case 'email_complained':
    case 'email_failed': {
      const emailId = str(p.emailId);
      const verb = { email_sent: 'Sent:', email_delivered: 'Delivered:', email_bounced: 'Bounced:', email_complained: 'Marked as spam:', email_failed: 'Could not send:' }[entry.type];
      return <EmailLine email={emailId ? detail.emails.get(emailId) : undefined} emailId={emailId} verb={verb} />;
    }
    case 'unsubscribed':
      return <p className="m-0">Unsubscribed from follow-up emails</p>;
    case 'details_updated':
      return <p className="m-0">Contact details updated</p>;
    case 'erased':
      return <p className="m-0">Personal data erased</p>;
  }
}
