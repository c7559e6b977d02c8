// Every message the clinic sends, newest first, filtered by status and paged, with whether it arrived.
import type { Metadata } from 'next';
import { getDb } from '@/db/client';
import { Notice, PageHeader } from '@/components/dashboard/ui';
import { requireStaff } from '@/lib/auth/guard';
import { isEmailStatus, listOutbox, OUTBOX_PAGE_SIZE } from '@/lib/email/staff-view';
import { clinic, env } from '@/lib/env';
import { EMAILS_PATH, NoEmails, OutboxTable, Pager, StatusFilter } from './_components/outbox';

export const metadata: Metadata = { title: 'Emails' };

export default async function EmailsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireStaff('emails.read', EMAILS_PATH);
  const params = await searchParams;
  const status = isEmailStatus(params.status) ? params.status : undefined;
  const requestedPage = Number(params.page);
  const page = Number.isInteger(requestedPage) && requestedPage > 1 ? Math.min(requestedPage, 10_000) : 1;
  const outbox = await listOutbox(await getDb(), { status, page });

  return (
    <>
      <PageHeader title="Emails" description="Every message the clinic sends, newest first, with whether it arrived." />
      {env().RESEND_API_KEY ? null : (
        <Notice tone="warning">
          <p className="m-0 font-bold">Preview mode</p>
          <p className="m-0">Emails are not being sent: they are kept here. Set RESEND_API_KEY to send.</p>
        </Notice>
      )}
      <StatusFilter outbox={outbox} status={status} />
      {outbox.rows.length === 0 ? (
        <NoEmails status={status} page={page} />
      ) : (
        <OutboxTable outbox={outbox} status={status} firstRow={(page - 1) * OUTBOX_PAGE_SIZE + 1} timeZone={clinic().timeZone} />
      )}
      <Pager status={status} page={page} hasNext={outbox.hasNext} />
    </>
  );
}
