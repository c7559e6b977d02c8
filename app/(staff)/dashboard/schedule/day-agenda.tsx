// One day of the schedule as a list in time order: appointments (who, how, status), closures and the
// free time left in the opening hours. A list rather than a pixel grid: it reads the same to a screen
// reader, on a phone and in a seven-column week.
import Link from 'next/link';
import { Badge } from '@/components/dashboard/ui';
import { formatTimeRange, type AgendaEntry, type ScheduleDay } from '@/lib/booking/calendar';
import { formatDuration } from '@/lib/time/format';
import type { ScheduleAppointment } from '@/lib/booking/schedule-queries';
import { markAppointmentAction } from './actions';

const MODE_LABELS: Record<ScheduleAppointment['mode'], string> = { in_person: 'In person', phone: 'Phone', video: 'Video call' };
const STATUS: Record<ScheduleAppointment['status'], { label: string; tone: 'info' | 'success' | 'neutral' | 'warning' }> = {
  booked: { label: 'Booked', tone: 'info' },
  completed: { label: 'Completed', tone: 'success' },
  cancelled: { label: 'Cancelled', tone: 'neutral' },
  no_show: { label: 'No-show', tone: 'warning' },
};

export function DayAgenda({
  day,
  timeZone,
  now,
  compact,
  canRecordOutcome,
  dayHref,
  labelledBy,
}: {
  day: ScheduleDay<ScheduleAppointment>;
  timeZone: string;
  now: Date;
  compact: boolean;
  canRecordOutcome: boolean;
  dayHref?: string;
  /** The id of a heading outside that already names the day (the day view's): no heading of its own then. */
  labelledBy?: string;
}) {
  const headingId = labelledBy ?? `day-${day.key}`;
  const [weekday, ...restWords] = day.label.split(' ');
  const rest = restWords.join(' ');
  return (
    <section aria-labelledby={headingId} className={`mb-4 min-w-0 rounded border bg-white p-3 ${day.isToday ? 'border-brand border-t-4' : 'border-line'}`}>
      {labelledBy ? null : (
        <h3 id={headingId} className="m-0 text-base font-bold">
          {dayHref ? (
            <Link href={dayHref}>
              {/* In a seven-column week the date breaks after the weekday instead of mid-phrase. */}
              <span className={compact ? 'xl:block' : undefined}>{weekday}</span> <span className={compact ? 'xl:font-normal' : undefined}>{rest}</span>
              <span className="sr-only"> (open the day)</span>
            </Link>
          ) : (
            day.label
          )}
          {day.isToday ? (
            <>
              {' '}
              <Badge tone="info">Today</Badge>
            </>
          ) : null}
        </h3>
      )}
      <p className="m-0 mb-2 text-sm text-muted">
        {day.openingHours.length === 0
          ? 'No opening hours'
          : day.openingHours.map((r, i) => (
              <span key={r.start.getTime()} className={compact ? 'xl:block' : undefined}>
                {i === 0 ? 'Open ' : compact ? <span className="xl:hidden">, </span> : ', '}
                {formatTimeRange(r.start, r.end, timeZone)}
              </span>
            ))}
      </p>
      {day.entries.length === 0 ? (
        <p className="m-0 text-sm text-muted">Nothing booked.</p>
      ) : (
        <ol className="m-0 flex list-none flex-col gap-2 p-0">
          {day.entries.map((entry) => (
            <li key={`${entry.kind}-${entry.start.getTime()}-${entry.kind === 'appointment' ? entry.appointment.id : ''}`}>
              <Entry entry={entry} timeZone={timeZone} now={now} compact={compact} canRecordOutcome={canRecordOutcome} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function Entry({
  entry,
  timeZone,
  now,
  compact,
  canRecordOutcome,
}: {
  entry: AgendaEntry<ScheduleAppointment>;
  timeZone: string;
  now: Date;
  compact: boolean;
  canRecordOutcome: boolean;
}) {
  const time = formatTimeRange(entry.start, entry.end, timeZone);
  if (entry.kind === 'free') {
    return (
      <div className="rounded border border-dashed border-success bg-[#f3faf5] px-2 py-1 text-sm">
        <span className="font-semibold text-success">Free</span> {time}
        {compact ? null : <span className="text-muted"> ({formatDuration(entry.start, entry.end)})</span>}
      </div>
    );
  }
  if (entry.kind === 'closed') {
    return (
      // Diagonal stripes as well as the word: closed time is not told by colour alone.
      <div className="rounded border border-line bg-[repeating-linear-gradient(135deg,#eef1f5_0,#eef1f5_6px,#e2e6ec_6px,#e2e6ec_12px)] px-2 py-1 text-sm">
        <span className="font-semibold">Closed</span> {entry.allDay ? 'all day' : time}
        {entry.clinicWide ? ' (whole clinic)' : ''}
        {entry.reason ? <span className="block text-muted">{entry.reason}</span> : null}
      </div>
    );
  }
  const a = entry.appointment;
  const cancelled = a.status === 'cancelled';
  const status = STATUS[a.status];
  const canMark = canRecordOutcome && a.status === 'booked' && a.start <= now;
  return (
    <div className={`rounded border-l-4 px-2 py-1 ${cancelled ? 'border-muted bg-[#f6f7f9]' : 'border-brand bg-brand-soft'}`}>
      <p className="m-0 font-semibold">{cancelled ? <s>{time}</s> : time}</p>
      <p className="m-0 break-words">
        <Link href={`/dashboard/leads/${a.leadId}`} className={cancelled ? 'line-through' : undefined}>
          {a.patientName}
        </Link>
      </p>
      <p className="m-0 flex flex-wrap items-center gap-x-2 text-sm">
        <span>{MODE_LABELS[a.mode]}</span>
        <Badge tone={status.tone}>{status.label}</Badge>
      </p>
      {canMark ? (
        <div className="mt-1 flex flex-wrap gap-2">
          {(['completed', 'no_show'] as const).map((outcome) => (
            <form key={outcome} action={markAppointmentAction}>
              <input type="hidden" name="appointmentId" value={a.id} />
              <input type="hidden" name="outcome" value={outcome} />
              <button type="submit" className="rounded border border-brand bg-white px-2 py-0.5 text-sm font-semibold text-brand hover:bg-brand-soft">
                {outcome === 'completed' ? 'Mark completed' : 'Mark no-show'}
                <span className="sr-only">
                  : {a.patientName}, {time}
                </span>
              </button>
            </form>
          ))}
        </div>
      ) : null}
    </div>
  );
}
