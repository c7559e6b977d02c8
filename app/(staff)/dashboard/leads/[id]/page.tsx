import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import parsePhoneNumberFromString from 'libphonenumber-js';
import { getDb } from '@/db/client';
import { loadOrTryAgain } from '@/lib/http/page-data';
import { StatusBadge, UrgencyBadge } from '@/components/dashboard/badges';
import { MarkDoneForm } from '@/components/dashboard/lead/mark-done';
import { Badge, Card, EmptyState, Facts, Notice } from '@/components/dashboard/ui';
import { requestMeta } from '@/lib/auth';
import { requireStaff } from '@/lib/auth/guard';
import { can } from '@/lib/auth/permissions';
import { writeAudit } from '@/lib/audit/log';
import { appointmentWhen, slotChoiceWords } from '@/lib/booking/time-words';
import { staffSlotDays } from '@/lib/booking/staff';
import { clinic } from '@/lib/env';
import { getLeadDetail, isErased, isUpcoming, type LeadDetail } from '@/lib/leads/detail';
import {
  CONTACT_METHOD_LABELS,
  CONTACT_TIME_LABELS,
  PAIN_AREA_LABELS,
  PAIN_DURATION_LABELS,
  SURGERY_RECOMMENDED_LABELS,
  TREATMENT_LABELS,
} from '@/lib/leads/labels';
import { CANCEL_REASON_MAX, formatClinicDate, formatClinicDateTime } from '@/lib/leads/lead-forms';
import { emailRefusal } from '@/lib/leads/staff-actions';
import { cancelAppointmentAction, completeTaskAction, rescheduleAction } from './actions';
import { ActionForm, TextArea } from '@/components/dashboard/form';
import { BookingForm, type SlotDayOption } from './_components/booking-form';
import { Disclosure, LeadActionForms } from './_components/lead-action-forms';
import { RED_FLAG_LABELS } from './_components/labels';
import { Timeline } from './_components/timeline';

export const metadata: Metadata = { title: 'Lead' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function LeadPage({ params }: { params: Promise<{ id: string }> }) {
  const staff = await requireStaff('leads.read', `/dashboard/leads/${(await params).id}`);
  const { id } = await params;
  if (!UUID.test(id)) notFound();
  const db = await getDb();
  const now = new Date();
  const back = `/dashboard/leads/${id}`;
  // The database restarting: a short wait, then a "try again" page rather than a 500.
  const detail = await loadOrTryAgain('lead page', back, () => getLeadDetail(db, id));
  if (!detail) notFound();
  // Every view of a person's record is on the audit trail, whoever looks and however often (a view is
  // counted twice only if the connection dropped between the row's commit and its answer).
  const meta = await requestMeta();
  await loadOrTryAgain('lead page: audit', back, () => writeAudit(db, { actorStaffId: staff.id, action: 'lead_viewed', entityType: 'lead', entityId: id, meta, at: now }));

  const timeZone = clinic().timeZone;
  if (isErased(detail)) {
    return (
      <>
        <h1 className="m-0 mb-4 text-2xl font-bold">Erased record</h1>
        <Notice>This person’s data was erased on {formatClinicDate(detail.erasedAt, timeZone)}.</Notice>
      </>
    );
  }

  const { lead } = detail;
  const days = await loadOrTryAgain('lead page: free times', back, () => staffSlotDays(db, now, timeZone));
  const slotDays: SlotDayOption[] | null = days
    ? days.map((d) => ({ key: d.dayKey, label: d.label, slots: d.slots.map((s) => ({ value: s.start.toISOString(), label: slotChoiceWords(s.start, { clinic: timeZone }).label })) }))
    : null;
  const when = (d: Date | null) => (d ? formatClinicDateTime(d, timeZone) : null);
  // An appointment: the clinic's time with its zone, and the patient's when it differs (they may ask on the phone).
  const appointmentAt = (d: Date) => appointmentWhen(d, { clinic: timeZone, patient: lead.timeZone }, 'staff');
  const canWrite = can(staff.role, 'leads.write');
  const urgentRequests = detail.requests.filter((r) => r.hasRedFlags);
  const upcoming = detail.appointments.filter((a) => isUpcoming(a, now)).reverse();
  const past = detail.appointments.filter((a) => !isUpcoming(a, now));
  const fullName = `${lead.firstName} ${lead.lastName}`;

  return (
    <>
      <div className="mb-4">
        <p className="m-0 text-sm">
          <a href="/dashboard">Inbox</a> <span aria-hidden="true">›</span> <span className="sr-only">current page: </span>
          {fullName}
        </p>
        <h1 className="m-0 text-2xl font-bold">{fullName}</h1>
        <div className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1">
          <span>
            <span className="sr-only">Status: </span>
            <StatusBadge status={lead.status} />
          </span>
          <span>
            <span className="sr-only">Urgency: </span>
            <UrgencyBadge urgency={lead.urgency} />
          </span>
          <span>Assigned to {lead.assignedToName ?? 'nobody'}</span>
          <SpeedToLead lead={lead} now={now} when={when} />
        </div>
        {can(staff.role, 'leads.export') || can(staff.role, 'leads.erase') ? (
          <p className="m-0 mt-2 flex flex-wrap gap-x-4 text-sm">
            {can(staff.role, 'leads.export') ? <a href={`/dashboard/privacy/${lead.id}/export`}>Export this person’s record (JSON)</a> : null}
            {can(staff.role, 'leads.erase') ? <a href={`/dashboard/privacy/${lead.id}/erase`}>Erase this person</a> : null}
          </p>
        ) : null}
      </div>

      {/* One column on tablets and phones: the timeline is far down, so say where everything is. */}
      <nav aria-label="On this page" className="mb-4 lg:hidden">
        <ul className="m-0 flex list-none flex-wrap gap-x-4 gap-y-1 p-0">
          {[
            ['#actions-title', 'Actions'],
            ['#appointments-title', 'Appointments'],
            ['#requests-title', 'Requests'],
            ['#timeline-title', 'Timeline'],
          ].map(([href, label]) => (
            <li key={href}>
              <a href={href}>{label}</a>
            </li>
          ))}
        </ul>
      </nav>

      {urgentRequests.length ? (
        <Notice tone="danger">
          <p className="m-0 font-bold text-danger">Urgent: warning signs reported</p>
          <ul className="m-0 list-disc pl-5">
            {[...new Set(urgentRequests.flatMap((r) => r.redFlags))].map((f) => (
              <li key={f}>{RED_FLAG_LABELS[f] ?? f}</li>
            ))}
          </ul>
          <p className="m-0 text-sm">Call them today. The request below shows the answers.</p>
        </Notice>
      ) : null}

      <div className="grid gap-5 lg:grid-cols-2">
        <div className="min-w-0">
          <ContactCard detail={detail} when={when} />
          {canWrite ? (
            <Card title="Actions" id="actions">
              <LeadActionForms
                lead={lead}
                me={staff.id}
                staff={detail.staff}
                slotDays={slotDays}
                emailBlocked={emailRefusal(lead, 'contact-attempt', false)}
                unsubscribed={detail.unsubscribed}
                today={formatClinicDate(now, timeZone)}
              />
            </Card>
          ) : null}

          <Card title={`Open follow-ups (${detail.openTasks.length})`} id="tasks">
            {detail.openTasks.length ? (
              <ul className="m-0 list-none p-0">
                {detail.openTasks.map((task) => (
                  <li key={task.id} className="flex flex-wrap items-start justify-between gap-2 border-b border-line py-2 last:border-b-0">
                    <div>
                      <p className="m-0 font-semibold">{task.title}</p>
                      <p className="m-0 text-sm">
                        {task.dueAt < now ? <strong className="text-danger">Overdue: </strong> : 'Due '}
                        {when(task.dueAt)} · for {task.assigneeName ?? 'nobody'}
                      </p>
                    </div>
                    {canWrite ? <MarkDoneForm action={completeTaskAction} hidden={{ taskId: task.id, version: lead.version, leadId: lead.id }} context={task.title} /> : null}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="m-0 text-muted">No open follow-ups.</p>
            )}
          </Card>

          <Card title="Appointments" id="appointments">
            {upcoming.length === 0 && past.length === 0 ? <p className="m-0 text-muted">No appointments yet.</p> : null}
            {upcoming.map((a) => (
              <div key={a.id} className="mb-3 rounded border border-line p-3">
                <p className="m-0 font-semibold">
                  {appointmentAt(a.startsAt)} <Badge tone="success">Booked</Badge>
                </p>
                <p className="m-0 text-sm text-muted">
                  With {a.providerName} · booked by {a.bookedByType === 'staff' ? 'staff' : a.bookedByType === 'patient' ? 'the patient online' : 'the system'}
                </p>
                {canWrite ? (
                  <>
                    {slotDays ? (
                      <BookingForm
                        action={rescheduleAction}
                        idPrefix={`move-${a.id.slice(0, 8)}`}
                        hidden={{ leadId: lead.id, version: lead.version, appointmentId: a.id }}
                        days={slotDays}
                        legend="Choose the new time"
                        submitLabel="Move appointment"
                        pendingLabel="Moving…"
                        disclosure={{ title: 'Change the time', id: `move-${a.id}` }}
                      />
                    ) : (
                      <Disclosure title="Change the time" id={`move-${a.id}`}>
                        {null}
                      </Disclosure>
                    )}
                    <ActionForm
                      action={cancelAppointmentAction}
                      submitLabel="Cancel appointment"
                      pendingLabel="Cancelling…"
                      idPrefix={`cancel-${a.id.slice(0, 8)}`}
                      hidden={{ leadId: lead.id, version: lead.version, appointmentId: a.id }}
                      disclosure={{ title: 'Cancel this appointment', id: `cancel-${a.id}` }}
                    >
                      <TextArea name="reason" label="Reason (optional)" hint="Only staff see this. The patient is emailed that it was cancelled." rows={2} maxLength={CANCEL_REASON_MAX} />
                    </ActionForm>
                  </>
                ) : null}
              </div>
            ))}
            {past.length ? (
              <table className="w-full border-collapse text-left">
                <caption className="text-left font-semibold">Past and cancelled</caption>
                <thead>
                  <tr>
                    <th scope="col" className="border-b border-line py-1 pr-2">When</th>
                    <th scope="col" className="border-b border-line py-1">Status</th>
                  </tr>
                </thead>
                <tbody>
                  {past.map((a) => (
                    <tr key={a.id}>
                      <td className="border-b border-line py-1 pr-2">{appointmentAt(a.startsAt)}</td>
                      <td className="border-b border-line py-1">
                        <AppointmentStatus status={a.status} passed={a.startsAt <= now} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
          </Card>

          <Card title={`Consultation requests (${detail.requests.length})`} id="requests">
            {detail.requests.length === 0 ? <EmptyState title="No requests" /> : null}
            {detail.requests.map((r) => (
              <section key={r.id} aria-labelledby={`req-${r.id}`} className="mb-4 border-b border-line pb-4 last:mb-0 last:border-b-0 last:pb-0">
                <h3 id={`req-${r.id}`} className="m-0 mb-2 text-base font-bold">
                  {r.reference} · {when(r.submittedAt)} {r.hasRedFlags ? <Badge tone="danger">Urgent</Badge> : null}
                </h3>
                {r.hasRedFlags ? (
                  <div className="mb-2 border-l-4 border-danger bg-danger-soft p-2">
                    <p className="m-0 font-bold text-danger">Warning signs (answered yes or not sure):</p>
                    <ul className="m-0 list-disc pl-5">
                      {r.redFlags.map((f) => (
                        <li key={f}>{RED_FLAG_LABELS[f] ?? f}</li>
                      ))}
                    </ul>
                  </div>
                ) : null}
                <Facts
                  rows={[
                    ['Pain', PAIN_AREA_LABELS[r.painArea]],
                    ['For', PAIN_DURATION_LABELS[r.painDuration]],
                    ['Pain level', `${r.painLevel} out of 10`],
                    ['Tried', r.treatmentsTried.length ? r.treatmentsTried.map((t) => TREATMENT_LABELS[t]).join(', ') : 'Nothing yet'],
                    ['Surgery advised', SURGERY_RECOMMENDED_LABELS[r.surgeryRecommended]],
                    ['Warning signs', r.hasRedFlags ? `${r.redFlags.length} reported (see above)` : 'None reported'],
                    ['Wants', r.wantsCallToArrange ? 'A call to arrange a time' : 'Booked a time online'],
                    ['Contact by', `${CONTACT_METHOD_LABELS[r.preferredContact]}, ${CONTACT_TIME_LABELS[r.bestTimeToCall].toLowerCase()}`],
                    ['From page', r.sourcePage],
                  ]}
                />
                {r.message ? (
                  <figure className="m-0 mt-2">
                    <figcaption className="font-semibold text-muted">Their message</figcaption>
                    <blockquote className="m-0 whitespace-pre-wrap border-l-4 border-line pl-3">{r.message}</blockquote>
                  </figure>
                ) : null}
              </section>
            ))}
          </Card>

          <Card title="Consent and where they came from" id="consent">
            <Facts
              rows={[
                ['Contact consent', when(lead.contactConsentAt) ?? 'Not given'],
                ['Privacy notice', lead.privacyAcknowledgedAt ? `Read ${when(lead.privacyAcknowledgedAt)}` : 'Not acknowledged'],
                ['Marketing emails', lead.marketingConsent ? `Yes, since ${when(lead.marketingConsentAt) ?? '—'}` : 'No'],
                ['Follow-up emails', detail.unsubscribed ? 'Unsubscribed' : 'Allowed'],
                ['First page', lead.sourcePage],
                ['Landed on', lead.landingPage],
                ['Referrer', lead.referrer],
                ['Campaign', [lead.utmSource, lead.utmMedium, lead.utmCampaign].filter(Boolean).join(' / ') || null],
                ['Ad term / content', [lead.utmTerm, lead.utmContent].filter(Boolean).join(' / ') || null],
              ]}
            />
          </Card>
        </div>

        <div className="min-w-0">
          <Card title="Timeline" id="timeline">
            <Timeline detail={detail} timeZone={timeZone} />
          </Card>
        </div>
      </div>
    </>
  );
}

function ContactCard({ detail, when }: { detail: LeadDetail; when: (d: Date | null) => string | null }) {
  const { lead } = detail;
  const phone = lead.phoneE164 ? (parsePhoneNumberFromString(lead.phoneE164)?.formatNational() ?? lead.phoneE164) : null;
  return (
    <Card title="Contact" id="contact">
      {lead.emailUndeliverable ? (
        <Notice tone="danger">
          <p className="m-0 font-bold text-danger">Email bounced — call instead</p>
        </Notice>
      ) : null}
      <Facts
        rows={[
          ['Phone', phone && lead.phoneE164 ? <a href={`tel:${lead.phoneE164}`}>{phone}</a> : 'None given'],
          [
            'Email',
            lead.email ? (
              <>
                <a href={`mailto:${lead.email}`} className="[overflow-wrap:anywhere]">
                  {lead.email}
                </a>
                {lead.emailUndeliverable ? <> <Badge tone="danger">Bounced</Badge></> : null}
              </>
            ) : (
              'None given'
            ),
          ],
          ['Prefers', CONTACT_METHOD_LABELS[lead.preferredContact]],
          ['Best time', CONTACT_TIME_LABELS[lead.bestTimeToCall]],
          ['Their time zone', lead.timeZone],
          ['Next follow-up', when(lead.nextFollowUpAt) ?? 'None set'],
        ]}
      />
    </Card>
  );
}

function SpeedToLead({ lead, now, when }: { lead: LeadDetail['lead']; now: Date; when: (d: Date | null) => string | null }) {
  if (lead.firstContactedAt) {
    return <span>First contacted {when(lead.firstContactedAt)} ({waited(lead.createdAt, lead.firstContactedAt)} after the request)</span>;
  }
  return (
    <span className="font-semibold">
      Not contacted yet: waiting {waited(lead.createdAt, now)}
    </span>
  );
}

/** "3 h 05 min", "2 days 4 h": how long someone waited, read at a glance. */
function waited(from: Date, to: Date): string {
  const minutes = Math.max(0, Math.floor((to.getTime() - from.getTime()) / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${String(minutes % 60).padStart(2, '0')} min`;
  return `${Math.floor(hours / 24)} days ${hours % 24} h`;
}

function AppointmentStatus({ status, passed }: { status: string; passed: boolean }) {
  if (status === 'cancelled') return <Badge>Cancelled</Badge>;
  if (status === 'completed') return <Badge tone="success">Took place</Badge>;
  if (status === 'no_show') return <Badge tone="warning">Did not come</Badge>;
  return <Badge tone="info">{passed ? 'Booked (date passed)' : 'Booked'}</Badge>;
}

