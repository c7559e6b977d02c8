import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/db/client';
import { EmptyState, Notice, PageHeader } from '@/components/dashboard/ui';
import { requireStaff } from '@/lib/auth/guard';
import { formatShortDateTime } from '@/lib/booking/calendar';
import {
  EMAIL_STATUS_LABELS,
  isEmailStatus,
  listOutbox,
  OUTBOX_PAGE_SIZE,
  STATUS_FILTER_ORDER,
  templateLabel,
  type EmailStatus,
} from '@/lib/email/staff-view';
import { clinic, env } from '@/lib/env';
import { EmailStatusBadge } from './email-status-badge';

export const metadata: Metadata = { title: 'Emails' };

const PATH = '/dashboard/emails';

function hrefFor(status: EmailStatus | undefined, page = 1): string {
  const query = new URLSearchParams();
  if (status) query.set('status', status);
  if (page > 1) query.set('page', String(page));
  const qs = query.toString();
  return qs ? `${PATH}?${qs}` : PATH;
}

export default async function EmailsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireStaff('emails.read', PATH);
  const params = await searchParams;
  const status = isEmailStatus(params.status) ? params.status : undefined;
  const requestedPage = Number(params.page);
  const page = Number.isInteger(requestedPage) && requestedPage > 1 ? Math.min(requestedPage, 10_000) : 1;
  const outbox = await listOutbox(await getDb(), { status, page });
  const tz = clinic().timeZone;
  const shown = status ? outbox.counts[status] : outbox.total;
  const firstRow = (page - 1) * OUTBOX_PAGE_SIZE + 1;

  return (
    <>
      <PageHeader title="Emails" description="Every message the clinic sends, newest first, with whether it arrived." />
      {env().RESEND_API_KEY ? null : (
        <Notice tone="warning">
          <p className="m-0 font-bold">Preview mode</p>
          <p className="m-0">Emails are not being sent: they are kept here. Set RESEND_API_KEY to send.</p>
        </Notice>
      )}

      <nav aria-label="Filter by status" className="mb-4">
        <ul className="m-0 flex list-none flex-wrap gap-2 p-0">
          {[undefined, ...STATUS_FILTER_ORDER].map((s) => {
            const current = s === status;
            const n = s ? outbox.counts[s] : outbox.total;
            return (
              <li key={s ?? 'all'}>
                <Link
                  href={hrefFor(s)}
                  aria-current={current ? 'page' : undefined}
                  className={`inline-block rounded border-2 px-2 py-0.5 font-semibold no-underline ${current ? 'border-brand bg-brand text-white' : 'border-line bg-white text-brand hover:border-brand'}`}
                >
                  {s ? EMAIL_STATUS_LABELS[s] : 'All'} <span className={current ? '' : 'text-muted'}>({n.toLocaleString('en-US')})</span>
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>

      {outbox.rows.length === 0 ? (
        page > 1 ? (
          <EmptyState title="There are no more emails">
            <Link href={hrefFor(status)}>Go to the newest</Link>
          </EmptyState>
        ) : (
          <EmptyState title={status ? `No emails are ${EMAIL_STATUS_LABELS[status].toLowerCase()}` : 'No emails yet'}>
            {status ? <Link href={PATH}>Show all emails</Link> : 'Messages appear here as soon as they are queued.'}
          </EmptyState>
        )
      ) : (
        <div role="region" aria-labelledby="emails-caption" tabIndex={0} className="overflow-x-auto rounded border border-line bg-white">
          <table className="w-full border-collapse text-left">
            <caption id="emails-caption" className="px-3 py-2 text-left text-muted">
              {status ? `${EMAIL_STATUS_LABELS[status]} emails` : 'All emails'}, newest first: {firstRow.toLocaleString('en-US')} to{' '}
              {(firstRow + outbox.rows.length - 1).toLocaleString('en-US')} of {shown.toLocaleString('en-US')}
            </caption>
            <thead>
              <tr className="border-b-2 border-line bg-page">
                {['Created', 'Email', 'To', 'Status', 'Attempts', 'Last error', 'Patient'].map((h) => (
                  <th key={h} scope="col" className="px-3 py-2 whitespace-nowrap">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {outbox.rows.map((row) => (
                <tr key={row.id} className="border-b border-line align-top">
                  <td className="px-3 py-2 whitespace-nowrap">{formatShortDateTime(row.createdAt, tz)}</td>
                  <td className="px-3 py-2">
                    <Link href={`${PATH}/${row.id}`}>{templateLabel(row.template)}</Link>
                  </td>
                  <td className="max-w-64 px-3 py-2 break-words">{row.toAddress}</td>
                  <td className="px-3 py-2">
                    <EmailStatusBadge status={row.status} />
                  </td>
                  <td className="px-3 py-2 whitespace-nowrap">
                    {row.attempts} of {row.maxAttempts}
                  </td>
                  <td className="max-w-72 px-3 py-2 text-sm break-words">
                    {row.lastError ? <span title={row.lastError}>{shorten(row.lastError)}</span> : <span className="text-muted">None</span>}
                  </td>
                  <td className="px-3 py-2">
                    {row.leadId ? <Link href={`/dashboard/leads/${row.leadId}`}>{row.leadName || 'Open lead'}</Link> : <span className="text-muted">Staff email</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {page > 1 || outbox.hasNext ? (
        <nav aria-label="Pages" className="mt-4">
          <ul className="m-0 flex list-none gap-3 p-0">
            {page > 1 ? (
              <li>
                <Link href={hrefFor(status, page - 1)} className="font-semibold">
                  <span aria-hidden="true">← </span>Newer emails
                </Link>
              </li>
            ) : null}
            {outbox.hasNext ? (
              <li>
                <Link href={hrefFor(status, page + 1)} className="font-semibold">
                  Older emails<span aria-hidden="true"> →</span>
                </Link>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
    </>
  );
}

function shorten(text: string, max = 80): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
