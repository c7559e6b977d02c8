// The emails list's pieces: the status filter with each status's count, the table of messages, and the
// newer / older links. All plain links: no JavaScript needed.
import Link from 'next/link';
import { EmailStatusBadge } from '@/components/dashboard/email-status-badge';
import { Table } from '@/components/dashboard/table';
import { EmptyState } from '@/components/dashboard/ui';
import { STATUS_FILTER_ORDER, type EmailStatus, type OutboxPage } from '@/lib/email/staff-view';
import { EMAIL_STATUS_LABELS, templateLabel } from '@/lib/labels';
import { formatShortDateTime } from '@/lib/time/format';

export const EMAILS_PATH = '/dashboard/emails';

export function emailsHref(status: EmailStatus | undefined, page = 1): string {
  const query = new URLSearchParams();
  if (status) query.set('status', status);
  if (page > 1) query.set('page', String(page));
  const qs = query.toString();
  return qs ? `${EMAILS_PATH}?${qs}` : EMAILS_PATH;
}

const count = (n: number) => n.toLocaleString('en-US');

export function StatusFilter({ outbox, status }: { outbox: OutboxPage; status: EmailStatus | undefined }) {
  return (
    <nav aria-label="Filter by status" className="mb-4">
      <ul className="m-0 flex list-none flex-wrap gap-2 p-0">
        {[undefined, ...STATUS_FILTER_ORDER].map((s) => {
          const current = s === status;
          const n = s ? outbox.counts[s] : outbox.total;
          return (
            <li key={s ?? 'all'}>
              <Link
                href={emailsHref(s)}
                aria-current={current ? 'page' : undefined}
                className={`inline-block rounded border-2 px-2 py-0.5 font-semibold no-underline ${current ? 'border-brand bg-brand text-white' : 'border-line bg-white text-brand hover:border-brand'}`}
              >
                {s ? EMAIL_STATUS_LABELS[s] : 'All'} <span className={current ? '' : 'text-muted'}>({count(n)})</span>
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

/** Nothing to list: past the last page, none with this status, or none at all yet. */
export function NoEmails({ status, page }: { status: EmailStatus | undefined; page: number }) {
  if (page > 1) {
    return (
      <EmptyState title="There are no more emails">
        <Link href={emailsHref(status)}>Go to the newest</Link>
      </EmptyState>
    );
  }
  return (
    <EmptyState title={status ? `No emails are ${EMAIL_STATUS_LABELS[status].toLowerCase()}` : 'No emails yet'}>
      {status ? <Link href={EMAILS_PATH}>Show all emails</Link> : 'Messages appear here as soon as they are queued.'}
    </EmptyState>
  );
}

export function OutboxTable({ outbox, status, firstRow, timeZone }: { outbox: OutboxPage; status: EmailStatus | undefined; firstRow: number; timeZone: string }) {
  const shown = status ? outbox.counts[status] : outbox.total;
  return (
    <Table
      caption={
        <>
          {status ? `${EMAIL_STATUS_LABELS[status]} emails` : 'All emails'}, newest first: {count(firstRow)} to{' '}
          {count(firstRow + outbox.rows.length - 1)} of {count(shown)}
        </>
      }
      captionId="emails-caption"
      captionClassName="px-3 py-2 text-left text-muted"
      headRowClassName="border-b-2 border-line bg-page"
      headCellClassName="px-3 py-2 whitespace-nowrap"
      columns={['Created', 'Email', 'To', 'Status', 'Attempts', 'Last error', 'Patient']}
      region="overflow-x-auto rounded border border-line bg-white"
    >
      {outbox.rows.map((row) => (
        <tr key={row.id} className="border-b border-line align-top">
          <td className="px-3 py-2 whitespace-nowrap">{formatShortDateTime(row.createdAt, timeZone)}</td>
          <td className="px-3 py-2">
            <Link href={`${EMAILS_PATH}/${row.id}`}>{templateLabel(row.template)}</Link>
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
    </Table>
  );
}

function shorten(text: string, max = 80): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function Pager({ status, page, hasNext }: { status: EmailStatus | undefined; page: number; hasNext: boolean }) {
  if (page <= 1 && !hasNext) return null;
  return (
    <nav aria-label="Pages" className="mt-4">
      <ul className="m-0 flex list-none gap-3 p-0">
        {page > 1 ? (
          <li>
            <Link href={emailsHref(status, page - 1)} className="font-semibold">
              <span aria-hidden="true">← </span>Newer emails
            </Link>
          </li>
        ) : null}
        {hasNext ? (
          <li>
            <Link href={emailsHref(status, page + 1)} className="font-semibold">
              Older emails<span aria-hidden="true"> →</span>
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
