import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { ActionForm, Input } from '@/components/dashboard/form';
import { Card, Notice, PageHeader } from '@/components/dashboard/ui';
import { requestMeta } from '@/lib/auth';
import { requireStaff } from '@/lib/auth/guard';
import { clinic } from '@/lib/env';
import { getErasurePreview, type ErasurePreview } from '@/lib/privacy/service';
import { formatLongDateTime } from '@/lib/time/format';
import { eraseLeadAction } from './actions';

// The person's name stays out of the title: titles end up in browser history.
export const metadata: Metadata = { title: 'Erase a person’s data' };

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function Erased({ leadId, erasedAt }: { leadId: string; erasedAt: Date }) {
  return (
    <>
      <PageHeader title="This person has been erased" />
      <Notice tone="success">
        <p className="m-0 font-semibold">Their personal data was erased on {formatLongDateTime(erasedAt, clinic().timeZone)}.</p>
        <p className="m-0 mt-1">
          The record now reads “Erased person”. Dates, statuses and sources still count in the metrics. The erasure is in the audit log.
        </p>
      </Notice>
      <ul className="flex list-none flex-wrap gap-4 p-0">
        <li>
          <Link href={`/dashboard/leads/${leadId}`}>Go to the anonymised record</Link>
        </li>
        <li>
          <Link href="/dashboard">Back to the inbox</Link>
        </li>
      </ul>
    </>
  );
}

function Confirm({ preview }: { preview: ErasurePreview }) {
  const { lead, counts } = preview;
  const stopped = [
    counts.upcomingAppointments ? `${plural(counts.upcomingAppointments, 'upcoming appointment is', 'upcoming appointments are')} cancelled, freeing the time` : null,
    counts.openTasks ? `${plural(counts.openTasks, 'open task is', 'open tasks are')} cancelled` : null,
    counts.pendingEmails ? `${plural(counts.pendingEmails, 'unsent email is', 'unsent emails are')} cancelled` : null,
  ].filter((line): line is string => line !== null);
  return (
    <>
      <PageHeader title={`Erase ${lead.name}’s personal data`} description={[lead.email, lead.phone].filter(Boolean).join(' · ') || undefined} />
      <Notice tone="warning">
        <p className="m-0 font-bold">This cannot be undone.</p>
        <p className="m-0 mt-1">
          Only erase someone when they have asked for it, or when the clinic’s retention rules say so. If they asked for a copy of their data,{' '}
          <a href={`/dashboard/privacy/${lead.id}/export`} download>
            download their record
          </a>{' '}
          first.
        </p>
      </Notice>
      <div className="grid gap-5 lg:grid-cols-2">
        <Card title="What will be removed" id="removed">
          <ul className="m-0 list-disc space-y-1 pl-5">
            <li>Their name (the record becomes “Erased person”), email address and phone number</li>
            <li>The page they landed on and the site that sent them</li>
            <li>
              The messages they wrote in {plural(counts.requests, 'request', 'requests')}, and the request references they were given
            </li>
            <li>Notes and next steps of {plural(counts.calls, 'logged call', 'logged calls')}, and typed reasons and notes on the timeline</li>
            <li>The titles of {plural(counts.tasks, 'follow-up task', 'follow-up tasks')}</li>
            <li>Addresses, subjects and text of {plural(counts.emails, 'email', 'emails')}</li>
            <li>Any mention of their name, email or phone in other records and staff emails</li>
          </ul>
          {stopped.length ? (
            <>
              <h3 className="mt-4 mb-1 text-base font-bold">Also stopped</h3>
              <ul className="m-0 list-disc space-y-1 pl-5">
                {stopped.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            </>
          ) : null}
        </Card>
        <Card title="What is kept, without anything that identifies them" id="kept">
          <ul className="m-0 list-disc space-y-1 pl-5">
            <li>When they asked, their status and urgency, the source page and campaign: the metrics stay correct</li>
            <li>Their answers about pain and warning signs, which no longer belong to anyone identifiable</li>
            <li>Appointment times and outcomes, and when consent was given</li>
            <li>The timeline’s dates and kinds of events, and the audit log</li>
            {preview.suppressed ? <li>Their unsubscribe, so that their email address is never written to again</li> : null}
          </ul>
        </Card>
      </div>
      <Card title="Confirm" id="confirm">
        <div className="max-w-md">
          <ActionForm action={eraseLeadAction} submitLabel="Erase this person" pendingLabel="Erasing…" idPrefix="erase" hidden={{ leadId: lead.id }}>
            <Input name="confirm" label="Type ERASE to confirm" hint="In capital letters." autoComplete="off" />
          </ActionForm>
        </div>
        <p className="mt-3 mb-0">
          <Link href={`/dashboard/leads/${lead.id}`}>Cancel and go back to the record</Link>
        </p>
      </Card>
    </>
  );
}

export default async function ErasePage({ params }: { params: Promise<{ leadId: string }> }) {
  const { leadId } = await params;
  const admin = await requireStaff('leads.erase', `/dashboard/privacy/${leadId}/erase`);
  if (!z.uuid().safeParse(leadId).success) notFound();
  const preview = await getErasurePreview(await getDb(), { leadId, actorId: admin.id, meta: await requestMeta(), now: new Date() });
  if (!preview) notFound();
  return preview.lead.erasedAt ? <Erased leadId={leadId} erasedAt={preview.lead.erasedAt} /> : <Confirm preview={preview} />;
}
