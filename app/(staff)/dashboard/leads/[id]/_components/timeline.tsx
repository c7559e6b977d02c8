// A lead's one timeline, newest first: what happened, who did it and when (clinic time), each email with
// its current delivery status and a link to the message. How each kind of entry reads is one table,
// ENTRY_DESCRIPTIONS.
import type { ReactNode } from 'react';
import { EmailStatusBadge } from '@/components/dashboard/email-status-badge';
import { Badge, EmptyState } from '@/components/dashboard/ui';
import { appointmentWhen } from '@/lib/booking/time-words';
import { templateLabel } from '@/lib/labels';
import { textKindLabel } from '@/lib/texts/labels';
import type { EmailSummary, LeadDetail, TimelineEntry } from '@/lib/leads/detail';
import { CALL_OUTCOME_LABELS } from '@/lib/leads/lead-forms';
import { isLeadStatus, STATUS_LABELS } from '@/lib/leads/status';
import { formatClinicDateTime } from '@/lib/time/format';
import { RED_FLAG_LABELS } from './labels';

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
          <div className="break-words">{describeEntry(entry, detail, timeZone)}</div>
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
  const name = email ? templateLabel(email.template) : 'An email';
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

/** What an entry's description is drawn from: the entry, its lead's page data and the clinic's clock. */
export type EntryContext = {
  entry: TimelineEntry;
  p: TimelineEntry['payload'];
  detail: LeadDetail;
  when: (d: Date) => string;
  /** A stored instant (a string in the payload) in clinic time, or a dash. */
  at: (v: unknown) => string;
  /** An appointment's time: the clinic's, with its zone's name (lib/booking/time-words). */
  appointmentAt: (v: unknown) => string;
  /** A staff member named in the payload, by id; "nobody" when none. */
  staffName: (id: unknown) => string;
};

const line = (content: ReactNode) => <p className="m-0">{content}</p>;

function RequestSubmitted({ p }: EntryContext) {
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

function CallLogged({ p, detail }: EntryContext) {
  const call = detail.calls.get(String(p.callLogId));
  const outcome = str(p.outcome) as keyof typeof CALL_OUTCOME_LABELS | undefined;
  return (
    <>
      {line(
        <>
          Logged a call: <strong>{outcome ? CALL_OUTCOME_LABELS[outcome] : 'call'}</strong>
        </>,
      )}
      {call?.notes ? <p className="m-0 whitespace-pre-wrap">{call.notes}</p> : null}
      {call?.nextStep ? <p className="m-0">Next step: {call.nextStep}</p> : null}
    </>
  );
}

function EmailQueued({ entry, p, detail, when }: EntryContext) {
  const emailId = str(p.emailId);
  const email = emailId ? detail.emails.get(emailId) : undefined;
  const later = email && email.sendAfter > entry.occurredAt ? `scheduled for ${when(email.sendAfter)}` : '';
  return (
    <>
      <EmailLine email={email} emailId={emailId} verb={entry.actorType === 'staff' ? 'Sent the email' : 'Email'} />
      {later ? <p className="m-0 text-sm text-muted">{later}</p> : null}
    </>
  );
}

/** An email's later event: the verb before the email's line. */
function emailEvent(verb: string) {
  return function EmailEvent({ p, detail }: EntryContext) {
    const emailId = str(p.emailId);
    return <EmailLine email={emailId ? detail.emails.get(emailId) : undefined} emailId={emailId} verb={verb} />;
  };
}

/** How each kind of entry reads: one row per kind, so a new kind cannot go undescribed. */
export const ENTRY_DESCRIPTIONS: Record<TimelineEntry['type'], (c: EntryContext) => ReactNode> = {
  request_submitted: RequestSubmitted,
  status_changed: ({ p }) => {
    const reason = str(p.reason);
    return line(
      <>
        Status changed from <strong>{statusLabel(p.from)}</strong> to <strong>{statusLabel(p.to)}</strong>
        {reason && STATUS_REASONS[reason] ? ` (${STATUS_REASONS[reason]})` : ''}
      </>,
    );
  },
  urgency_changed: ({ p }) =>
    line(
      <>
        Marked <strong>{p.to === 'urgent' ? 'urgent' : 'routine'}</strong>
        {p.reason === 'red_flags' ? ' because of warning signs' : ''}
      </>,
    ),
  assigned: ({ p, staffName }) =>
    p.to ? (
      line(
        <>
          Assigned to <strong>{staffName(p.to)}</strong>
        </>,
      )
    ) : (
      line(<>Unassigned (was {staffName(p.from)})</>)
    ),
  note_added: ({ p }) => (
    <>
      <p className="m-0 font-semibold">Added a note</p>
      <p className="m-0 whitespace-pre-wrap">{str(p.body)}</p>
    </>
  ),
  call_logged: CallLogged,
  task_created: ({ p, at, staffName }) =>
    line(
      <>
        Set a follow-up: <strong>{str(p.title)}</strong>, due {at(p.dueAt)}
        {p.assignedToId ? <>, for {staffName(p.assignedToId)}</> : null}
      </>,
    ),
  task_completed: ({ p }) =>
    line(
      <>
        {p.outcome === 'cancelled' ? 'Cancelled the follow-up' : 'Completed the follow-up'}: <strong>{str(p.title)}</strong>
      </>,
    ),
  appointment_booked: ({ p, appointmentAt }) =>
    line(
      <>
        Booked an appointment for <strong>{appointmentAt(p.startsAt)}</strong>
      </>,
    ),
  appointment_rescheduled: ({ p, appointmentAt }) =>
    line(
      <>
        Moved the appointment from {appointmentAt(p.from)} to <strong>{appointmentAt(p.to)}</strong>
      </>,
    ),
  appointment_cancelled: ({ p, appointmentAt }) =>
    line(
      <>
        Cancelled the appointment on <strong>{appointmentAt(p.startsAt)}</strong>
        {str(p.reason) ? <> (reason: {str(p.reason)})</> : null}
      </>,
    ),
  appointment_completed: () => line('Appointment took place'),
  appointment_no_show: () => line('Did not come to the appointment'),
  email_queued: EmailQueued,
  email_sent: emailEvent('Sent:'),
  email_delivered: emailEvent('Delivered:'),
  email_bounced: emailEvent('Bounced:'),
  email_complained: emailEvent('Marked as spam:'),
  email_failed: emailEvent('Could not send:'),
  unsubscribed: () => line('Unsubscribed from follow-up emails'),
  details_updated: () => line('Contact details updated'),
  erased: () => line('Personal data erased'),
  text_queued: ({ entry, p, at }) =>
    line(
      <>
        {entry.actorType === 'staff' ? 'Sent the text' : 'Text'} <strong>{textKindLabel(p.kind)}</strong>
        {typeof p.sendAfter === 'string' && new Date(p.sendAfter) > entry.occurredAt ? <>, scheduled for {at(p.sendAfter)}</> : null}
      </>,
    ),
  text_sent: ({ p }) => line(<>Text sent: <strong>{textKindLabel(p.kind)}</strong></>),
  text_delivered: ({ p }) => line(<>Text delivered: <strong>{textKindLabel(p.kind)}</strong></>),
  text_failed: TextFailed,
  text_received: TextReceived,
  text_opted_out: ({ p }) => line(<>Replied <strong>{str(p.keyword) ?? 'STOP'}</strong>: no more texts (confirmed to them once)</>),
  text_opted_in: () => line(<>Replied <strong>START</strong>: texts are on again</>),
  text_consent_given: ({ p }) => line(p.source === 'chose_text' ? 'Agreed to texts (chose text message)' : 'Agreed to text reminders (ticked the box)'),
};

function TextFailed({ p }: EntryContext) {
  const why = str(p.cancelled) ? `not sent: ${str(p.cancelled)}` : p.status === 'undelivered' ? 'not delivered' : 'could not send';
  return (
    <>
      {line(
        <>
          Text {why}: <strong>{textKindLabel(p.kind)}</strong>
          {str(p.errorCode) ? <> (error {str(p.errorCode)})</> : null}
        </>,
      )}
      {p.numberProblem === 'undeliverable' ? (
        <p className="m-0 font-semibold text-danger">
          <Badge tone="danger">Number</Badge> Texts cannot reach this number. Call or email instead.
        </p>
      ) : null}
    </>
  );
}

function TextReceived({ p }: EntryContext) {
  const meaning = str(p.meaning);
  const note = p.confirmedAppointmentId ? 'confirmed the appointment' : meaning === 'message' || meaning === 'confirm' ? 'for staff to answer' : `keyword ${meaning?.toUpperCase()}`;
  return (
    <>
      <p className="m-0 font-semibold">
        Replied by text <Badge tone={p.confirmedAppointmentId ? 'success' : meaning === 'message' ? 'warning' : 'neutral'}>{note}</Badge>
      </p>
      <p className="m-0 whitespace-pre-wrap">{str(p.body)}</p>
    </>
  );
}

/** One entry's description, drawn by its kind's row in ENTRY_DESCRIPTIONS. */
export function describeEntry(entry: TimelineEntry, detail: LeadDetail, timeZone: string): ReactNode {
  const when = (d: Date) => formatClinicDateTime(d, timeZone);
  return ENTRY_DESCRIPTIONS[entry.type]({
    entry,
    p: entry.payload,
    detail,
    when,
    at: (v) => (typeof v === 'string' ? when(new Date(v)) : '—'),
    appointmentAt: (v) => (typeof v === 'string' ? appointmentWhen(new Date(v), { clinic: timeZone }, 'staff') : '—'),
    staffName: (id) => (typeof id === 'string' ? (detail.staffNames.get(id) ?? 'a former staff member') : 'nobody'),
  });
}
