// The audit log's entries, newest first, a page at a time: when (to the second, clinic time), who, what,
// on which record, from where, and the change's detail in one short line.
import Link from 'next/link';
import { Table } from '@/components/dashboard/table';
import { EmptyState } from '@/components/dashboard/ui';
import type { AuditRow } from '@/lib/audit/queries';
import { formatRecordTime } from '@/lib/time/format';
import { actionLabel, compactDetail, entityLabel } from '../labels';

function Entity({ entry, staffNames }: { entry: AuditRow; staffNames: Map<string, string> }) {
  const label = entityLabel(entry.entityType);
  if (!entry.entityId) return <>{label}</>;
  const short = entry.entityId.slice(0, 8);
  if (entry.entityType === 'lead') {
    return (
      <Link href={`/dashboard/leads/${entry.entityId}`}>
        {label} {short}
      </Link>
    );
  }
  if (entry.entityType === 'staff') return <>{`${label}: ${staffNames.get(entry.entityId) ?? short}`}</>;
  return <>{`${label} ${short}`}</>;
}

export function AuditEntries({
  entries,
  staffNames,
  timeZone,
  olderPage,
  nextHref,
  newestHref,
}: {
  entries: AuditRow[];
  staffNames: Map<string, string>;
  timeZone: string;
  /** This page is not the newest (a link back to it is offered). */
  olderPage: boolean;
  nextHref: string | null;
  newestHref: string | null;
}) {
  if (entries.length === 0) return <EmptyState title="No entries match these filters">Try a wider date range or fewer filters.</EmptyState>;
  return (
    <section aria-labelledby="entries-title" className="rounded border border-line bg-white p-4">
      <h2 id="entries-title" className="m-0 mb-2 text-lg font-bold">
        Entries, newest first
      </h2>
      <Table
        caption={`Audit entries, newest first${olderPage ? ', older page' : ''}`}
        captionId="entries-caption"
        className="w-full border-collapse text-left text-sm"
        headRowClassName="border-b-2 border-ink"
        headCellClassName="px-2 py-1"
        columns={['When', 'Who', 'Action', 'Entity', 'From', 'Detail']}
        region="overflow-x-auto"
      >
        {entries.map((entry) => (
          <tr key={entry.id} className="border-b border-line align-top">
            <th scope="row" className="px-2 py-1.5 font-normal whitespace-nowrap">
              {formatRecordTime(entry.at, timeZone, { seconds: true })}
            </th>
            <td className="px-2 py-1.5">{entry.actorName ?? '—'}</td>
            <td className="px-2 py-1.5">{actionLabel(entry.action)}</td>
            <td className="px-2 py-1.5 whitespace-nowrap">
              <Entity entry={entry} staffNames={staffNames} />
            </td>
            <td className="px-2 py-1.5 font-mono text-xs">{entry.ip ?? '—'}</td>
            <td className="px-2 py-1.5 break-words text-muted">{compactDetail(entry.detail) || '—'}</td>
          </tr>
        ))}
      </Table>
      {nextHref || newestHref ? (
        <nav aria-label="Audit log pages" className="mt-3 flex flex-wrap justify-between gap-3">
          {newestHref ? <Link href={newestHref}>Back to the newest entries</Link> : <span />}
          {nextHref ? <Link href={nextHref}>Older entries</Link> : null}
        </nav>
      ) : null}
    </section>
  );
}
