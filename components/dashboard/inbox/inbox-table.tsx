// The inbox table (server-rendered): one row per lead, urgent rows marked by a badge and a red edge,
// overdue follow-ups marked "Overdue", new requests nobody has contacted yet with their waiting clock.
// It scrolls sideways inside its own box on narrow screens, so the page itself never does.
import Link from 'next/link';
import { StatusBadge } from '@/components/dashboard/badges';
import { Badge } from '@/components/dashboard/ui';
import type { InboxRow } from '@/lib/inbox/queries';
import { SelectAllOnPage } from './bulk-form';
import { formatWhen } from '@/lib/time/format';
import { WaitingClock } from './waiting-clock';

const th = 'whitespace-nowrap border-b-2 border-line px-3 py-2 text-left text-sm font-bold';
const td = 'border-b border-line px-3 py-2 align-top';

export function InboxTable({ rows, now, timeZone, selectable }: { rows: InboxRow[]; now: Date; timeZone: string; selectable: boolean }) {
  return (
    <div role="region" aria-labelledby="inbox-caption" tabIndex={0} className="overflow-x-auto rounded border border-line bg-white">
      <table className="m-0 w-full min-w-[58rem] border-collapse">
        <caption id="inbox-caption" className="px-3 py-2 text-left text-sm text-muted">
          Consultation requests: urgent first, then overdue follow-ups, then newest.
        </caption>
        <thead className="bg-brand-soft">
          <tr>
            {selectable ? (
              <th scope="col" className={`${th} w-10 border-l-4 border-l-transparent`}>
                <SelectAllOnPage />
              </th>
            ) : null}
            <th scope="col" className={`${th} ${selectable ? '' : 'border-l-4 border-l-transparent'}`}>
              Name
            </th>
            <th scope="col" className={th}>
              Status
            </th>
            <th scope="col" className={th}>
              Urgency
            </th>
            <th scope="col" className={th}>
              Source page
            </th>
            <th scope="col" className={th}>
              Requested
            </th>
            <th scope="col" className={th}>
              Next follow-up
            </th>
            <th scope="col" className={th}>
              Assigned to
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <InboxTableRow key={row.id} row={row} now={now} timeZone={timeZone} selectable={selectable} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function InboxTableRow({ row, now, timeZone, selectable }: { row: InboxRow; now: Date; timeZone: string; selectable: boolean }) {
  const urgent = row.urgency === 'urgent';
  const name = `${row.firstName} ${row.lastName}`;
  // The speed-to-lead clock runs from the person's first request until someone first contacts them.
  const waiting = row.status === 'new' && !row.firstContactedAt;
  const edge = `border-l-4 ${urgent ? 'border-l-danger' : 'border-l-transparent'}`;
  return (
    <tr
      data-inbox-row=""
      className={`${urgent ? 'bg-[#fff6f5]' : 'bg-white'} data-[active=true]:bg-brand-soft data-[active=true]:outline-2 data-[active=true]:-outline-offset-2 data-[active=true]:outline-brand`}
    >
      {selectable ? (
        <td className={`${td} ${edge}`}>
          <label className="inline-flex min-h-6 min-w-6 cursor-pointer items-center justify-center">
            <input type="checkbox" name="ids" value={row.id} className="size-5" />
            <span className="sr-only">Select {name}</span>
          </label>
        </td>
      ) : null}
      <th scope="row" className={`${td} min-w-40 text-left font-normal ${selectable ? '' : edge}`}>
        <Link href={`/dashboard/leads/${row.id}`} data-inbox-open="" className={urgent ? 'font-bold' : 'font-semibold'}>
          {name}
        </Link>
        {row.reference ? <span className="block text-sm text-muted">{row.reference}</span> : null}
      </th>
      <td className={td}>
        <div className="flex flex-col items-start gap-1">
          <StatusBadge status={row.status} />
          {row.textRepliedAt ? <Badge tone="warning">Replied by text</Badge> : null}
          {waiting ? <WaitingClock since={row.createdAt.toISOString()} now={now.toISOString()} /> : null}
        </div>
      </td>
      <td className={td}>{urgent ? <Badge tone="danger">Urgent</Badge> : <span className="text-sm text-muted">Routine</span>}</td>
      <td className={`${td} max-w-48 break-words text-sm`}>{row.sourcePage ?? <span className="text-muted">Direct</span>}</td>
      <td className={`${td} whitespace-nowrap text-sm`}>
        <time dateTime={row.requestedAt.toISOString()}>{formatWhen(row.requestedAt, now, timeZone)}</time>
      </td>
      <td className={`${td} text-sm`}>
        {row.nextFollowUpAt ? (
          <div className="flex flex-col items-start gap-1">
            <time dateTime={row.nextFollowUpAt.toISOString()} className="whitespace-nowrap">
              {formatWhen(row.nextFollowUpAt, now, timeZone)}
            </time>
            {row.overdue ? <Badge tone="danger">Overdue</Badge> : null}
          </div>
        ) : (
          <span className="text-muted">None</span>
        )}
      </td>
      <td className={`${td} text-sm`}>{row.assignedToName ?? <span className="text-muted">Unassigned</span>}</td>
    </tr>
  );
}
