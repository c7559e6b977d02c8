import type { Metadata } from 'next';
import Link from 'next/link';
import { buttonSecondary } from '@/components/dashboard/form';
import { BulkForm } from '@/components/dashboard/inbox/bulk-form';
import { FilterForm, Pagination, SEARCH_INPUT_ID, StatusTabs, inboxHref } from '@/components/dashboard/inbox/filters';
import { matchingRequests, plural } from '@/components/dashboard/inbox/format';
import { InboxTable } from '@/components/dashboard/inbox/inbox-table';
import { InboxShortcuts, ShortcutsHelp } from '@/components/dashboard/inbox/keyboard-shortcuts';
import { LiveUpdates } from '@/components/dashboard/inbox/live-updates';
import { EmptyState, PageHeader } from '@/components/dashboard/ui';
import { getDb } from '@/db/client';
import { loadOrTryAgain } from '@/lib/http/page-data';
import { requireStaff } from '@/lib/auth/guard';
import { can } from '@/lib/auth/permissions';
import { clinic } from '@/lib/env';
import { countInboxByStatus, listAssignableStaff, listInboxPage, listSourcePages, newestLeadMark } from '@/lib/inbox/queries';
import {
  SEARCH_MIN_LENGTH,
  hasAnyFilter,
  parseCursorParam,
  parseInboxFilters,
  searchPattern,
  serializeInboxFilters,
} from '@/lib/inbox/filters';
import { STATUS_LABELS, type LeadStatus } from '@/lib/leads/status';
import { bulkUpdateAction } from './inbox-actions';

export const metadata: Metadata = { title: 'Inbox' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function InboxPage({ searchParams }: { searchParams: SearchParams }) {
  const staff = await requireStaff('leads.read', '/dashboard');
  const params = await searchParams;
  const filters = parseInboxFilters(params);
  const cursor = parseCursorParam(params);
  const { timeZone } = clinic();
  const viewer = { staffId: staff.id, timeZone };
  const db = await getDb();
  const now = new Date();

  // The database restarting: a short wait, then a "try again" page rather than a 500.
  const [page, counts, sources, assignable, mark] = await loadOrTryAgain('inbox', '/dashboard', () =>
    Promise.all([
      listInboxPage(db, { filters, viewer, cursor, now }),
      countInboxByStatus(db, { filters, viewer }),
      listSourcePages(db),
      listAssignableStaff(db),
      newestLeadMark(db),
    ]),
  );

  const canWrite = can(staff.role, 'leads.write');
  const canExport = can(staff.role, 'leads.export');
  const filtered = hasAnyFilter(filters);
  const shownTotal = filters.status ? counts.byStatus[filters.status] : counts.total;
  const searchHint = filters.q && !searchPattern(filters.q) ? `Type at least ${SEARCH_MIN_LENGTH} letters or digits to search` : null;
  const query = serializeInboxFilters(filters);
  const firstPage = page.prevCursor === null;

  const table = page.rows.length ? (
    <InboxTable rows={page.rows} now={now} timeZone={timeZone} selectable={canWrite} />
  ) : (
    <EmptyState title={filtered ? 'No requests match these filters' : 'No requests yet'}>
      {filtered ? (
        <Link href="/dashboard">Clear filters</Link>
      ) : (
        'New consultation requests appear here as soon as patients send them.'
      )}
    </EmptyState>
  );

  return (
    <>
      <PageHeader
        title="Inbox"
        description={filtered ? matchingRequests(shownTotal) : `${plural(shownTotal, 'request')}`}
        actions={
          <div className="flex flex-wrap items-center gap-4">
            <ShortcutsHelp />
            {canExport ? (
              <a href={`/dashboard/leads/export${query ? `?${query}` : ''}`} download className={buttonSecondary}>
                Download CSV<span className="sr-only"> of these requests</span>
              </a>
            ) : null}
          </div>
        }
      />
      <StatusTabs filters={filters} counts={counts} />
      <FilterForm filters={filters} sources={sources} staff={assignable} searchHint={searchHint} />
      {canWrite && page.rows.length ? (
        <BulkForm
          action={bulkUpdateAction}
          assignees={[...assignable.map((s) => ({ value: s.id, label: s.id === staff.id ? `${s.name} (me)` : s.name })), { value: 'none', label: 'Nobody (unassign)' }]}
          statuses={(Object.keys(STATUS_LABELS) as LeadStatus[]).map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
        >
          {table}
        </BulkForm>
      ) : (
        table
      )}
      <Pagination filters={filters} prevCursor={page.prevCursor} nextCursor={page.nextCursor} shown={page.rows.length} total={shownTotal} />
      <LiveUpdates mark={mark} firstPage={firstPage} firstPageHref={inboxHref(filters)} />
      <InboxShortcuts searchId={SEARCH_INPUT_ID} />
    </>
  );
}
