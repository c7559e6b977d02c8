// The schedule's controls and heading: day or week, the previous / today / next links, and a plain GET form to pick
// the provider (when there is more than one) and jump to a date. All links and forms: no JavaScript needed.
import Link from 'next/link';
import { Badge } from '@/components/dashboard/ui';
import type { ScheduleView } from '@/lib/booking/calendar';

export type ScheduleQuery = { view: ScheduleView; date: string; provider: string };

const linkClass = 'inline-flex min-h-10 items-center rounded border-2 border-brand bg-white px-3 py-1 font-semibold text-brand no-underline hover:bg-brand-soft';

export function ScheduleControls({
  path,
  query,
  today,
  previous,
  next,
  providers,
}: {
  path: string;
  query: ScheduleQuery;
  today: string;
  previous: string;
  next: string;
  providers: { id: string; name: string }[];
}) {
  const hrefFor = (q: Partial<ScheduleQuery>) => `${path}?${new URLSearchParams({ ...query, ...q })}`;
  const unit = query.view === 'day' ? 'day' : 'week';
  return (
    <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
      <nav aria-label="Schedule view">
        <ul className="m-0 flex list-none gap-2 p-0">
          {(['day', 'week'] as const).map((v) => (
            <li key={v}>
              <Link
                href={hrefFor({ view: v })}
                aria-current={v === query.view ? 'page' : undefined}
                className={`inline-flex min-h-10 items-center rounded border-2 px-3 py-1 font-semibold no-underline ${v === query.view ? 'border-brand bg-brand text-white' : 'border-brand bg-white text-brand hover:bg-brand-soft'}`}
              >
                {v === 'day' ? 'Day' : 'Week'}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <nav aria-label={`Choose a ${unit}`}>
        <ul className="m-0 flex list-none flex-wrap gap-2 p-0">
          <li>
            <Link href={hrefFor({ date: previous })} className={linkClass}>
              <span aria-hidden="true">←&nbsp;</span>Previous {unit}
            </Link>
          </li>
          <li>
            <Link href={hrefFor({ date: today })} className={linkClass}>
              Today
            </Link>
          </li>
          <li>
            <Link href={hrefFor({ date: next })} className={linkClass}>
              Next {unit}
              <span aria-hidden="true">&nbsp;→</span>
            </Link>
          </li>
        </ul>
      </nav>
      <GoToForm path={path} query={query} providers={providers} />
    </div>
  );
}

function GoToForm({ path, query, providers }: { path: string; query: ScheduleQuery; providers: { id: string; name: string }[] }) {
  return (
    <form method="get" action={path} className="flex flex-wrap items-end gap-2">
      <input type="hidden" name="view" value={query.view} />
      {providers.length > 1 ? (
        <div>
          <label htmlFor="schedule-provider" className="block font-semibold">
            Provider
          </label>
          <select id="schedule-provider" name="provider" defaultValue={query.provider} className="block rounded border-2 border-muted bg-white px-2 py-1.5 text-base">
            {providers.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
      ) : (
        <input type="hidden" name="provider" value={query.provider} />
      )}
      <div>
        <label htmlFor="schedule-date" className="block font-semibold">
          Go to date
        </label>
        <input id="schedule-date" name="date" type="date" defaultValue={query.date} className="block rounded border-2 border-muted bg-white px-2 py-1.5 text-base" />
      </div>
      <button type="submit" className={linkClass}>
        Show
      </button>
    </form>
  );
}

/** The day's or week's title (with "Today" on today's day view) and how many appointments it holds. */
export function ScheduleHeading({ title, today, unit, appointments }: { title: string; today: boolean; unit: string; appointments: { status: string }[] }) {
  const booked = appointments.filter((a) => a.status !== 'cancelled').length;
  return (
    <>
      <h2 id="schedule-title" className="mb-1 mt-0 text-xl font-bold">
        {title}
        {today ? (
          <>
            {' '}
            <Badge tone="info">Today</Badge>
          </>
        ) : null}
      </h2>
      <p className="mt-0 text-muted">
        {booked === 0 ? 'No appointments' : booked === 1 ? '1 appointment' : `${booked} appointments`} this {unit}
        {appointments.length > booked ? `, and ${appointments.length - booked} cancelled` : ''}.
      </p>
    </>
  );
}
