// The cards down the left of a lead's page that only show what is known: how to reach them, their open
// follow-ups, their consultation requests with the answers, and their consent and where they came from.
import parsePhoneNumberFromString from 'libphonenumber-js';
import type { ReactNode } from 'react';
import { MarkDoneForm } from '@/components/dashboard/lead/mark-done';
import { Badge, Card, EmptyState, Facts, Notice } from '@/components/dashboard/ui';
import type { LeadPageData } from '@/lib/leads/detail';
import {
  CONTACT_METHOD_LABELS,
  CONTACT_TIME_LABELS,
  PAIN_AREA_LABELS,
  PAIN_DURATION_LABELS,
  SURGERY_RECOMMENDED_LABELS,
  TREATMENT_LABELS,
} from '@/lib/intake/labels';
import { completeTaskAction } from '../actions';
import { RED_FLAG_LABELS } from './labels';

type When = (d: Date | null) => string | null;

export function ContactCard({ page, when }: { page: LeadPageData; when: When }) {
  const { lead } = page;
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

export function FollowUpsCard({ page, now, when }: { page: LeadPageData; now: Date; when: When }) {
  const { openTasks, lead } = page;
  return (
    <Card title={`Open follow-ups (${openTasks.length})`} id="tasks">
      {openTasks.length ? (
        <ul className="m-0 list-none p-0">
          {openTasks.map((task) => (
            <li key={task.id} className="flex flex-wrap items-start justify-between gap-2 border-b border-line py-2 last:border-b-0">
              <div>
                <p className="m-0 font-semibold">{task.title}</p>
                <p className="m-0 text-sm">
                  {task.dueAt < now ? <strong className="text-danger">Overdue: </strong> : 'Due '}
                  {when(task.dueAt)} · for {task.assigneeName ?? 'nobody'}
                </p>
              </div>
              {page.may.write ? <MarkDoneForm action={completeTaskAction} hidden={{ taskId: task.id, version: lead.version, leadId: lead.id }} context={task.title} /> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="m-0 text-muted">No open follow-ups.</p>
      )}
    </Card>
  );
}

type Request = LeadPageData['requests'][number];

export function RequestsCard({ page, when }: { page: LeadPageData; when: When }) {
  return (
    <Card title={`Consultation requests (${page.requests.length})`} id="requests">
      {page.requests.length === 0 ? <EmptyState title="No requests" /> : null}
      {page.requests.map((r) => (
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
          <Facts rows={answers(r)} />
          {r.message ? (
            <figure className="m-0 mt-2">
              <figcaption className="font-semibold text-muted">Their message</figcaption>
              <blockquote className="m-0 whitespace-pre-wrap border-l-4 border-line pl-3">{r.message}</blockquote>
            </figure>
          ) : null}
        </section>
      ))}
    </Card>
  );
}

function answers(r: Request): [string, ReactNode][] {
  return [
    ['Pain', PAIN_AREA_LABELS[r.painArea]],
    ['For', PAIN_DURATION_LABELS[r.painDuration]],
    ['Pain level', `${r.painLevel} out of 10`],
    ['Tried', r.treatmentsTried.length ? r.treatmentsTried.map((t) => TREATMENT_LABELS[t]).join(', ') : 'Nothing yet'],
    ['Surgery advised', SURGERY_RECOMMENDED_LABELS[r.surgeryRecommended]],
    ['Warning signs', r.hasRedFlags ? `${r.redFlags.length} reported (see above)` : 'None reported'],
    ['Wants', r.wantsCallToArrange ? 'A call to arrange a time' : 'Booked a time online'],
    ['Contact by', `${CONTACT_METHOD_LABELS[r.preferredContact]}, ${CONTACT_TIME_LABELS[r.bestTimeToCall].toLowerCase()}`],
    ['From page', r.sourcePage],
  ];
}

export function ConsentCard({ page, when }: { page: LeadPageData; when: When }) {
  const { lead } = page;
  return (
    <Card title="Consent and where they came from" id="consent">
      <Facts
        rows={[
          ['Contact consent', when(lead.contactConsentAt) ?? 'Not given'],
          ['Privacy notice', lead.privacyAcknowledgedAt ? `Read ${when(lead.privacyAcknowledgedAt)}` : 'Not acknowledged'],
          ['Marketing emails', lead.marketingConsent ? `Yes, since ${when(lead.marketingConsentAt) ?? '—'}` : 'No'],
          ['Follow-up emails', page.unsubscribed ? 'Unsubscribed' : 'Allowed'],
          ['First page', lead.sourcePage],
          ['Landed on', lead.landingPage],
          ['Referrer', lead.referrer],
          ['Campaign', [lead.utmSource, lead.utmMedium, lead.utmCampaign].filter(Boolean).join(' / ') || null],
          ['Ad term / content', [lead.utmTerm, lead.utmContent].filter(Boolean).join(' / ') || null],
        ]}
      />
    </Card>
  );
}
