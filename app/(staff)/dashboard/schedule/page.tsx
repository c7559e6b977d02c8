// The schedule: one provider's day or week of appointments, closures and free time, in the clinic's zone.
import type { Metadata } from 'next';
import { getDb } from '@/db/client';
import { EmptyState, PageHeader } from '@/components/dashboard/ui';
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
import { ScheduleControls, ScheduleHeading, type ScheduleQuery } from './_components/controls';
import { DayAgenda } from './day-agenda';

export const metadata: Metadata = { title: 'Schedule' };

const PATH = '/dashboard/schedule';
const hrefFor = (q: ScheduleQuery) => `${PATH}?${new URLSearchParams(q)}`;

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
  const query: ScheduleQuery = { view, date, provider: provider.id };

  const days = visibleDays(view, date);
  const range = { start: dayRange(days[0]!, tz).start, end: dayRange(days.at(-1)!, tz).end };
  const data = await getScheduleData(db, provider.id, range);
  const schedule = buildSchedule(days, { timeZone: tz, now, ...data });
  const { previous, next } = neighbours(view, date);
  const unit = view === 'day' ? 'day' : 'week';
  const title = view === 'day' ? formatDayLabel(range.start, tz) : `Week of ${formatDayLabel(range.start, tz)}`;

  return (
    <>
      <PageHeader
        title="Schedule"
        description={`${provider.name}${provider.title ? `, ${provider.title}` : ''}. Times are ${zoneName(tz)}, the clinic’s local time.`}
      />

      <ScheduleControls path={PATH} query={query} today={today} previous={previous} next={next} providers={providers} />

      <ScheduleHeading title={title} today={view === 'day' && date === today} unit={unit} appointments={data.appointments} />

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
