// The inbox's filters as a plain GET form (works without JavaScript; the URL is shareable and the CSV
// export reads the same parameters), the status tabs with their counts, and the page links.
import Link from 'next/link';
import { buttonPrimary } from '@/components/dashboard/form';
import { assignedParam, serializeInboxFilters, type InboxFilters } from '@/lib/inbox/filters';
import { STATUS_LABELS, type LeadStatus } from '@/lib/leads/status';
import { plural } from './format';

export const SEARCH_INPUT_ID = 'inbox-q';

const href = (filters: InboxFilters, cursor?: string | null) => {
  const query = serializeInboxFilters(filters, { cursor });
  return query ? `/dashboard?${query}` : '/dashboard';
};

const label = 'block text-sm font-semibold';
const control = 'block w-full rounded border-2 border-muted bg-white px-2 py-1.5 text-base';

export function FilterForm({
  filters,
  sources,
  staff,
  searchHint,
}: {
  filters: InboxFilters;
  sources: string[];
  staff: { id: string; name: string }[];
  searchHint: string | null;
}) {
  const assigned = assignedParam(filters.assigned) ?? '';
  return (
    <form method="get" action="/dashboard" role="search" aria-label="Filter requests" className="mb-4 rounded border border-line bg-white p-3">
      {filters.status ? <input type="hidden" name="status" value={filters.status} /> : null}
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4 lg:grid-cols-6">
        <div className="col-span-2">
          <label htmlFor={SEARCH_INPUT_ID} className={label}>
            Search by name, email or phone
          </label>
          <input
            id={SEARCH_INPUT_ID}
            name="q"
            type="search"
            defaultValue={filters.q ?? ''}
            autoComplete="off"
            aria-describedby={searchHint ? 'inbox-q-hint' : undefined}
            className={control}
          />
          {searchHint ? (
            <p id="inbox-q-hint" className="m-0 text-sm font-semibold text-danger">
              {searchHint}
            </p>
          ) : null}
        </div>
        <div>
          <label htmlFor="inbox-urgency" className={label}>
            Urgency
          </label>
          <select id="inbox-urgency" name="urgency" defaultValue={filters.urgency ?? ''} className={control}>
            <option value="">Any</option>
            <option value="urgent">Urgent</option>
            <option value="routine">Routine</option>
          </select>
        </div>
        <div>
          <label htmlFor="inbox-assigned" className={label}>
            Assigned to
          </label>
          <select id="inbox-assigned" name="assigned" defaultValue={assigned} className={control}>
            <option value="">Anyone</option>
            <option value="me">Me</option>
            <option value="unassigned">Nobody (unassigned)</option>
            {staff.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <div className="col-span-2">
          <label htmlFor="inbox-source" className={label}>
            Source page
          </label>
          <select id="inbox-source" name="source" defaultValue={filters.source ?? ''} className={control}>
            <option value="">Any page</option>
            {filters.source && !sources.includes(filters.source) ? <option value={filters.source}>{filters.source}</option> : null}
            {sources.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="inbox-from" className={label}>
            Requested from
          </label>
          <input id="inbox-from" name="from" type="date" defaultValue={filters.from ?? ''} className={control} />
        </div>
        <div>
          <label htmlFor="inbox-to" className={label}>
            Requested to
          </label>
          <input id="inbox-to" name="to" type="date" defaultValue={filters.to ?? ''} className={control} />
        </div>
        <div className="col-span-2 flex flex-wrap items-end gap-3 lg:col-span-4">
          <button type="submit" className={buttonPrimary}>
            Apply filters
          </button>
          <Link href="/dashboard" className="inline-flex min-h-10 items-center font-semibold">
            Clear filters
          </Link>
        </div>
      </div>
    </form>
  );
}

export function StatusTabs({ filters, counts }: { filters: InboxFilters; counts: { total: number; byStatus: Record<LeadStatus, number> } }) {
  const tabs: { status: LeadStatus | null; text: string; n: number }[] = [
    { status: null, text: 'All', n: counts.total },
    ...(Object.keys(STATUS_LABELS) as LeadStatus[]).map((status) => ({ status, text: STATUS_LABELS[status], n: counts.byStatus[status] })),
  ];
  return (
    <nav aria-label="Requests by status" className="mb-3 overflow-x-auto">
      <ul className="m-0 flex list-none gap-1 border-b-2 border-line p-0">
        {tabs.map((tab) => {
          const current = tab.status === filters.status;
          return (
            <li key={tab.text} className="shrink-0">
              <Link
                href={href({ ...filters, status: tab.status })}
                aria-current={current ? 'page' : undefined}
                className={`-mb-0.5 block whitespace-nowrap border-b-4 px-3 py-2 no-underline ${
                  current ? 'border-brand font-bold text-ink' : 'border-transparent font-semibold hover:border-line'
                }`}
              >
                {tab.text} <span className={current ? '' : 'text-muted'}>({tab.n.toLocaleString('en-US')})</span>
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

export function Pagination({ filters, prevCursor, nextCursor, shown, total }: { filters: InboxFilters; prevCursor: string | null; nextCursor: string | null; shown: number; total: number }) {
  if (!prevCursor && !nextCursor) {
    return <p className="mt-3 text-sm text-muted">{`Showing ${plural(shown, 'request')}.`}</p>;
  }
  return (
    <nav aria-label="Pages of requests" className="mt-3 flex flex-wrap items-center justify-between gap-3">
      <p className="m-0 text-sm text-muted">{`Showing ${shown} of ${plural(total, 'request')}.`}</p>
      <ul className="m-0 flex list-none gap-4 p-0">
        {prevCursor ? (
          <li>
            <Link href={href(filters, prevCursor)} rel="prev" className="inline-flex min-h-10 items-center font-semibold">
              ← Previous page
            </Link>
          </li>
        ) : null}
        {nextCursor ? (
          <li>
            <Link href={href(filters, nextCursor)} rel="next" className="inline-flex min-h-10 items-center font-semibold">
              Next page →
            </Link>
          </li>
        ) : null}
        {prevCursor ? (
          <li>
            <Link href={href(filters)} className="inline-flex min-h-10 items-center font-semibold">
              First page
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

export { href as inboxHref };
