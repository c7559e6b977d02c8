import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { Table } from '@/components/dashboard/table';
import { ActionForm } from '@/components/dashboard/form';
import { Card, Facts, Notice, PageHeader } from '@/components/dashboard/ui';
import { requestMeta } from '@/lib/auth';
import { requireStaff } from '@/lib/auth/guard';
import { can } from '@/lib/auth/permissions';
import { formatShortDateTime } from '@/lib/time/format';
import { viewOutboxMessage, type OutboxMessage } from '@/lib/email/staff-view';
import { templateLabel } from '@/lib/labels';
import { clinic } from '@/lib/env';
import { EmailStatusBadge } from '@/components/dashboard/email-status-badge';
import { retryEmailAction } from './actions';

export const metadata: Metadata = { title: 'Email' };

const EVENT_LABELS: Record<string, string> = {
  'email.sent': 'Accepted by the email service',
  'email.delivered': 'Delivered to the inbox',
  'email.delivery_delayed': 'Delivery delayed',
  'email.bounced': 'Bounced',
  'email.complained': 'Marked as spam by the recipient',
  'email.failed': 'The email service could not send it',
  'email.opened': 'Opened',
  'email.clicked': 'A link was clicked',
};

export default async function EmailPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const staff = await requireStaff('emails.read', '/dashboard/emails');
  const { id } = await params;
  const { queued } = await searchParams;
  if (!z.uuid().safeParse(id).success) notFound();
  const message = await viewOutboxMessage(await getDb(), { emailId: id, staffId: staff.id, meta: await requestMeta(), now: new Date() });
  if (!message) notFound();
  const tz = clinic().timeZone;
  const at = (d: Date | null) => (d ? formatShortDateTime(d, tz) : null);

  return (
    <>
      <p className="mb-2 mt-0">
        <Link href="/dashboard/emails">
          <span aria-hidden="true">← </span>All emails
        </Link>
      </p>
      <PageHeader title={templateLabel(message.template)} description={`To ${message.toAddress}`} />
      {queued === '1' ? (
        <div role="status">
          <Notice tone="success">The email is back in the queue. It is sent within a few seconds; this page shows how it went when you reload it.</Notice>
        </div>
      ) : null}

      <div className="grid gap-5 lg:grid-cols-2">
        <Card title="Details" id="details">
          <Facts
            rows={[
              [
                'Subject',
                message.subject ?? <span className="text-muted">{message.body.kind === 'secret' ? 'Not shown' : 'Cannot be rendered'}</span>,
              ],
              ['To', message.toAddress],
              ['Status', <EmailStatusBadge key="status" status={message.status} />],
              ['Attempts', `${message.attempts} of ${message.maxAttempts}`],
              ['Last error', message.lastError ?? <span className="text-muted">None</span>],
              ['Patient', message.leadId ? <Link href={`/dashboard/leads/${message.leadId}`}>{message.leadName || 'Open lead'}</Link> : <span className="text-muted">Staff email</span>],
              ['Queued', at(message.createdAt)],
            ]}
          />
          {message.status === 'failed' && can(staff.role, 'leads.write') ? (
            <div className="mt-4 border-t border-line pt-4">
              <p className="mt-0">
                Sending gave up after {message.attempts} {message.attempts === 1 ? 'attempt' : 'attempts'}. If the problem is fixed, send it again: it goes
                back in the queue as new.
              </p>
              <ActionForm action={retryEmailAction} submitLabel="Try sending again" pendingLabel="Queueing…" idPrefix="retry" hidden={{ emailId: message.id }} />
            </div>
          ) : null}
        </Card>
        <Card title="What happened" id="history">
          <History message={message} tz={tz} />
        </Card>
      </div>

      <Card title="The message" id="message">
        <MessageBody message={message} />
      </Card>
    </>
  );
}

function History({ message, tz }: { message: OutboxMessage; tz: string }) {
  const rows: { at: Date; what: string; note?: string | null }[] = [{ at: message.createdAt, what: 'Queued' }];
  // A scheduled message (a reminder, a follow-up) waits until its time.
  if (message.sendAfter.getTime() - message.createdAt.getTime() > 60_000) rows.push({ at: message.sendAfter, what: 'Due to be sent' });
  if (message.nextAttemptAt && message.status === 'pending') rows.push({ at: message.nextAttemptAt, what: 'Next attempt' });
  if (message.sentAt) rows.push({ at: message.sentAt, what: 'Sent' });
  if (message.deliveredAt) rows.push({ at: message.deliveredAt, what: 'Delivered' });
  for (const event of message.events) rows.push({ at: event.at, what: EVENT_LABELS[event.type] ?? event.type, note: event.note });
  rows.sort((a, b) => a.at.getTime() - b.at.getTime());
  return (
    <Table
      caption="What happened to this email, oldest first"
      headRowClassName="border-b-2 border-line"
      columns={[
        { key: 'when', label: 'When', className: 'w-1/3 py-1 pr-3' },
        { key: 'what', label: 'What', className: 'py-1' },
      ]}
    >
      {rows.map((row, i) => (
        <tr key={i} className="border-b border-line align-top">
          <td className="py-1 pr-3 whitespace-nowrap">{formatShortDateTime(row.at, tz)}</td>
          <td className="py-1">
            {row.what}
            {row.note ? <span className="text-muted"> ({row.note})</span> : null}
          </td>
        </tr>
      ))}
    </Table>
  );
}

function MessageBody({ message }: { message: OutboxMessage }) {
  const { body } = message;
  if (body.kind === 'secret') {
    return <Notice>This message contains a one-time sign-in link and is not shown.</Notice>;
  }
  if (body.kind === 'unrenderable') {
    return (
      <Notice tone="danger">
        <p className="m-0 font-bold">This message cannot be shown</p>
        <p className="m-0">{body.error}</p>
      </Notice>
    );
  }
  return (
    <>
      {body.kind === 'preview' ? <Notice>{previewNote(message.status)}</Notice> : null}
      {message.status === 'held' ? <Notice tone="warning">Kept, not sent: email was in preview mode when this message was due.</Notice> : null}
      <h3 className="mb-2 mt-0 text-base font-bold">As the recipient sees it</h3>
      {/* sandbox="" : no scripts, no forms, no navigation, a unique origin. The body is our own render, but it is still mail. */}
      <iframe sandbox="" srcDoc={body.html} title={`Email: ${body.subject}`} className="h-[36rem] w-full rounded border border-line bg-white" />
      <h3 className="mb-2 mt-5 text-base font-bold">Plain text version</h3>
      <pre tabIndex={0} className="m-0 max-h-[28rem] overflow-auto rounded border border-line bg-page p-3 text-sm whitespace-pre-wrap break-words">
        {body.text}
      </pre>
    </>
  );
}

/** Why a message is shown rendered now rather than as it was sent. */
function previewNote(status: OutboxMessage['status']): string {
  if (status === 'pending' || status === 'sending') return 'Not sent yet. This is how it will look when it is sent.';
  if (status === 'cancelled') return 'Not sent: it was cancelled. This is how it would have looked.';
  return 'It was not sent. This is how it would look.';
}
