import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/db/client';
import { Badge, EmptyState, PageHeader } from '@/components/dashboard/ui';
import { requireStaff } from '@/lib/auth/guard';
import { can } from '@/lib/auth/permissions';
import {
  buildSchedule,
  dayKeyOf,
  dayRange,
  isDayKey,
  isScheduleView,
  neighbours,
  visibleDays,
  type ScheduleView,
} from '@/lib/booking/calendar';
import { formatDayLabel } from '@/lib/booking/rules';
import { zoneName } from '@/lib/booking/time-words';
import { getScheduleData } from '@/lib/booking/schedule-queries';
import { listProviders } from '@/lib/booking/settings';
import { clinic } from '@/lib/env';
import { DayAgenda } from './day-agenda';

export const metadata: Metadata = { title: 'Schedule' };

const PATH = '/dashboard/schedule';
type Query = { view: ScheduleView; date: string; provider: string };
const hrefFor = (q: Query) => `${PATH}?${new URLSearchParams(q)}`;
const linkClass = 'inline-flex min-h-10 items-center rounded border-2 border-brand bg-white px-3 py-1 font-semibold text-brand no-underline hover:bg-brand-soft';

export default async function SchedulePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const staff = await requireStaff('schedule.read', PATH);
  const params = await searchParams;
  const db = await getDb();
  const tz = clinic().timeZone;
  const now = new Date();
  const today = dayKeyOf(now, tz);
  const providers = await listProviders(db);
  if (providers.length === 0) {
    return (
      <>
        <PageHeader title="Schedule" />
        <EmptyState title="There are no providers yet">An admin adds providers and their hours under Opening hours.</EmptyState>
      </>
    );
  }
  // The provider patients book with by default: the first active one.
  const provider = providers.find((p) => p.id === params.provider) ?? providers.find((p) => p.active) ?? providers[0]!;
  const view: ScheduleView = isScheduleView(params.view) ? params.view : 'week';
  const date = isDayKey(params.date) ? params.date : today;
  const query: Query = { view, date, provider: provider.id };

  const days = visibleDays(view, date);
  const range = { start: dayRange(days[0]!, tz).start, end: dayRange(days.at(-1)!, tz).end };
  const data = await getScheduleData(db, provider.id, range);
  const schedule = buildSchedule(days, { timeZone: tz, now, ...data });
  const { previous, next } = neighbours(view, date);
  const unit = view === 'day' ? 'day' : 'week';
  const title = view === 'day' ? formatDayLabel(range.start, tz) : `Week of ${formatDayLabel(range.start, tz)}`;
  const booked = data.appointments.filter((a) => a.status !== 'cancelled').length;

  return (
    <>
      <PageHeader
        title="Schedule"
        description={`${provider.name}${provider.title ? `, ${provider.title}` : ''}. Times are ${zoneName(tz)}, the clinic’s local time.`}
      />

      <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
        <nav aria-label="Schedule view">
          <ul className="m-0 flex list-none gap-2 p-0">
            {(['day', 'week'] as const).map((v) => (
              <li key={v}>
                <Link
                  href={hrefFor({ ...query, view: v })}
                  aria-current={v === view ? 'page' : undefined}
                  className={`inline-flex min-h-10 items-center rounded border-2 px-3 py-1 font-semibold no-underline ${v === view ? 'border-brand bg-brand text-white' : 'border-brand bg-white text-brand hover:bg-brand-soft'}`}
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
              <Link href={hrefFor({ ...query, date: previous })} className={linkClass}>
                <span aria-hidden="true">←&nbsp;</span>Previous {unit}
              </Link>
            </li>
            <li>
              <Link href={hrefFor({ ...query, date: today })} className={linkClass}>
                Today
              </Link>
            </li>
            <li>
              <Link href={hrefFor({ ...query, date: next })} className={linkClass}>
                Next {unit}
                <span aria-hidden="true">&nbsp;→</span>
              </Link>
            </li>
          </ul>
        </nav>
        <form method="get" action={PATH} className="flex flex-wrap items-end gap-2">
          <input type="hidden" name="view" value={view} />
          {providers.length > 1 ? (
            <div>
              <label htmlFor="schedule-provider" className="block font-semibold">
                Provider
              </label>
              <select id="schedule-provider" name="provider" defaultValue={provider.id} className="block rounded border-2 border-muted bg-white px-2 py-1.5 text-base">
                {providers.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </div>
          ) : (
            <input type="hidden" name="provider" value={provider.id} />
          )}
          <div>
            <label htmlFor="schedule-date" className="block font-semibold">
              Go to date
            </label>
            <input id="schedule-date" name="date" type="date" defaultValue={date} className="block rounded border-2 border-muted bg-white px-2 py-1.5 text-base" />
          </div>
          <button type="submit" className={linkClass}>
            Show
          </button>
        </form>
      </div>

      <h2 id="schedule-title" className="mb-1 mt-0 text-xl font-bold">
        {title}
        {view === 'day' && date === today ? (
          <>
            {' '}
            <Badge tone="info">Today</Badge>
          </>
        ) : null}
      </h2>
      <p className="mt-0 text-muted">
        {booked === 0 ? 'No appointments' : booked === 1 ? '1 appointment' : `${booked} appointments`} this {unit}
        {data.appointments.length > booked ? `, and ${data.appointments.length - booked} cancelled` : ''}.
      </p>

      <div className={view === 'week' ? 'grid gap-3 xl:grid-cols-7' : ''}>
        {schedule.map((day) => (
          <DayAgenda
            key={day.key}
            day={day}
            timeZone={tz}
            now={now}
            compact={view === 'week'}
            canRecordOutcome={can(staff.role, 'leads.write')}
            dayHref={view === 'week' ? hrefFor({ ...query, view: 'day', date: day.key }) : undefined}
            labelledBy={view === 'day' ? 'schedule-title' : undefined}
          />
        ))}
      </div>
    </>
  );
}
