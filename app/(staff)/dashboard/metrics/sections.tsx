// One section per metric: what it means, a chart, and the same numbers as a table beside it.
import type { ReactNode } from 'react';
import { BarList, type BarRow } from '@/components/dashboard/charts/bar-list';
import { ColumnChart } from '@/components/dashboard/charts/column-chart';
import { STATUS_LABELS } from '@/lib/leads/status';
import type { Breakdown, Metrics } from '@/lib/metrics/queries';
import { formatDate } from '@/lib/metrics/range';
import { DataTable } from '@/components/dashboard/table';
import { duration, percent, plural } from './format';

/** The chart shows the largest groups; the table lists them all. */
const CHART_ROWS = 10;

function Section({ id, title, intro, chart, table }: { id: string; title: string; intro: ReactNode; chart: ReactNode; table: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-title`} className="mb-5 rounded border border-line bg-white p-4">
      <h2 id={`${id}-title`} className="m-0 text-lg font-bold">
        {title}
      </h2>
      <div className="mb-3 max-w-3xl text-muted">{intro}</div>
      <div className="grid gap-6 lg:grid-cols-2">
        <div className="min-w-0">{chart}</div>
        <div className="min-w-0">{table}</div>
      </div>
    </section>
  );
}

const rangeText = (m: Metrics) => `${formatDate(m.range.from)} to ${formatDate(m.range.to)}`;

export function LeadsPerWeek({ metrics }: { metrics: Metrics }) {
  const weeks = metrics.leadsPerWeek;
  const busiest = weeks.reduce<(typeof weeks)[number] | null>((best, w) => (!best || w.leads > best.leads ? w : best), null);
  const summary =
    metrics.totalLeads === 0
      ? `Column chart of new leads per week: none from ${rangeText(metrics)}.`
      : `Column chart of new leads per week, ${weeks.length} weeks from ${rangeText(metrics)}: ${metrics.totalLeads} in total, most in the week of ${formatDate(busiest!.week)} (${busiest!.leads}).`;
  return (
    <Section
      id="weekly"
      title="New leads per week"
      intro={<p className="m-0">Each person is counted once, in the week of their first request. Weeks start on Monday.</p>}
      chart={<ColumnChart summary={summary} unit="New leads, by week starting" columns={weeks.map((w) => ({ key: w.week, label: formatDate(w.week, 'short'), value: w.leads }))} />}
      table={
        <DataTable
          caption={`New leads per week, ${rangeText(metrics)}`}
          columns={['Week starting', 'New leads']}
          rows={weeks.map((w) => ({ key: w.week, cells: [formatDate(w.week), w.leads] }))}
        />
      }
    />
  );
}

export function Funnel({ metrics }: { metrics: Metrics }) {
  const [all, ...later] = metrics.funnel;
  const summary =
    metrics.totalLeads === 0
      ? 'Bar chart of the funnel: no leads in this range.'
      : `Bar chart of the funnel: of ${plural(metrics.totalLeads, 'lead', 'leads')}, ${later.map((s) => `${s.reached} reached ${STATUS_LABELS[s.status].toLowerCase()}`).join(', ')}.`;
  const rows: BarRow[] = metrics.funnel.map((s) => ({
    key: s.status,
    label: STATUS_LABELS[s.status],
    value: s.reached,
    text: `${s.reached} (${percent(s.share)})`,
  }));
  return (
    <Section
      id="funnel"
      title="Conversion through each step"
      intro={
        <>
          <p className="m-0">
            Leads whose first request was in the range. A lead counts for a step if it is at that step now, has gone further, or was ever moved to it
            (the timeline records every move), so a lead closed after its consultation still counts as consulted.
          </p>
          <p className="m-0 mt-1">
            Closed now without becoming a patient: {metrics.closed.notAFit} not a fit, {metrics.closed.noResponse} no response.
          </p>
        </>
      }
      chart={<BarList summary={summary} rows={rows} max={Math.max(1, all?.reached ?? 0)} />}
      table={
        <DataTable
          caption={`Leads that reached each step, ${rangeText(metrics)}`}
          columns={['Step', 'Leads', 'Of all leads']}
          rows={metrics.funnel.map((s) => ({ key: s.status, cells: [STATUS_LABELS[s.status], s.reached, percent(s.share)] }))}
        />
      }
    />
  );
}

function breakdownRows(rows: Breakdown[]): BarRow[] {
  return rows.slice(0, CHART_ROWS).map((r) => ({
    key: r.label,
    label: r.label,
    value: r.leads,
    second: r.patients,
    text: `${plural(r.leads, 'lead', 'leads')}, ${plural(r.patients, 'patient', 'patients')} (${percent(r.conversion)})`,
  }));
}

function breakdownSummary(kind: string, rows: Breakdown[]): string {
  if (rows.length === 0) return `Bar chart of leads and patients by ${kind}: no leads in this range.`;
  const shown = rows.slice(0, 5).map((r) => `${r.label}: ${plural(r.leads, 'lead', 'leads')}, ${plural(r.patients, 'patient', 'patients')}`);
  const more = rows.length > 5 ? `; and ${rows.length - 5} more in the table` : '';
  return `Bar chart of leads and patients by ${kind}, largest first. ${shown.join('; ')}${more}.`;
}

export function ByGroup({ metrics, kind }: { metrics: Metrics; kind: 'source' | 'campaign' }) {
  const rows = kind === 'source' ? metrics.bySource : metrics.byCampaign;
  const name = kind === 'source' ? 'source page' : 'campaign';
  const heading = kind === 'source' ? 'Source page' : 'Campaign';
  return (
    <Section
      id={kind}
      title={kind === 'source' ? 'Leads and conversion by source page' : 'Leads and conversion by campaign'}
      intro={
        <p className="m-0">
          {kind === 'source'
            ? 'The guide page a person came from when they first asked for a consultation.'
            : 'The utm_campaign of the link that first brought the person to the site.'}{' '}
          Conversion is the share who became patients. “(none)” means not known.
          {rows.length > CHART_ROWS ? ` The chart shows the ${CHART_ROWS} largest; the table lists all ${rows.length}.` : ''}
        </p>
      }
      chart={<BarList summary={breakdownSummary(name, rows)} rows={breakdownRows(rows)} legend={['Leads', 'Became patients']} />}
      table={
        <DataTable
          caption={`Leads and patients by ${name}, ${rangeText(metrics)}`}
          columns={[heading, 'Leads', 'Patients', 'Conversion']}
          rows={rows.map((r) => ({ key: r.label, cells: [r.label, r.leads, r.patients, percent(r.conversion)] }))}
        />
      }
    />
  );
}

export function FirstContact({ metrics }: { metrics: Metrics }) {
  const fc = metrics.firstContact;
  const summary =
    metrics.totalLeads === 0
      ? 'Bar chart of time to first contact: no leads in this range.'
      : `Bar chart of time to first contact: median ${duration(fc.medianHours)}. ${fc.buckets.map((b) => `${b.label}: ${b.leads}`).join('; ')}.`;
  return (
    <Section
      id="first-contact"
      title="Time to first contact"
      intro={
        <>
          <p className="m-0">From a person’s first request to staff’s first call, email or status change.</p>
          <p className="m-0 mt-2 text-ink">
            Median: <strong className="text-2xl">{duration(fc.medianHours)}</strong>{' '}
            <span className="text-muted">
              ({plural(fc.contacted, 'lead', 'leads')} contacted, {fc.waiting} not contacted yet)
            </span>
          </p>
        </>
      }
      chart={
        <BarList
          summary={summary}
          rows={fc.buckets.map((b) => ({ key: b.bucket, label: b.label, value: b.leads, text: plural(b.leads, 'lead', 'leads') }))}
        />
      }
      table={
        <DataTable
          caption={`Time to first contact, leads from ${rangeText(metrics)}`}
          columns={['Time to first contact', 'Leads']}
          rows={[
            ...fc.buckets.map((b) => ({ key: b.bucket, cells: [b.label, b.leads] as ReactNode[] })),
            { key: 'median', cells: ['Median of those contacted', duration(fc.medianHours)] },
          ]}
        />
      }
    />
  );
}

export function AppointmentOutcomes({ metrics }: { metrics: Metrics }) {
  const a = metrics.appointments;
  const outcomes = a.completed + a.noShows;
  const rows: BarRow[] = [
    { key: 'no-show', label: 'No-show rate', value: a.noShowRate ?? 0, text: outcomes ? `${percent(a.noShowRate)} (${a.noShows} of ${outcomes})` : 'None marked kept or missed' },
    { key: 'cancelled', label: 'Cancellation rate', value: a.cancellationRate ?? 0, text: a.created ? `${percent(a.cancellationRate)} (${a.cancelled} of ${a.created})` : 'None booked' },
  ];
  return (
    <Section
      id="appointments"
      title="No-shows and cancellations"
      intro={
        <p className="m-0">
          No-show rate: of the appointments that started in the range and were marked as kept or missed, the share missed. Cancellation rate: of the
          appointments booked in the range, the share cancelled since.
        </p>
      }
      chart={
        <BarList
          summary={`Bar chart of appointment rates: no-show rate ${percent(a.noShowRate)}, ${a.noShows} of ${outcomes}; cancellation rate ${percent(a.cancellationRate)}, ${a.cancelled} of ${a.created}.`}
          rows={rows}
          max={1}
        />
      }
      table={
        <DataTable
          caption={`Appointment outcomes, ${rangeText(metrics)}`}
          columns={['Measure', 'Count', 'Out of', 'Rate']}
          rows={[
            { key: 'no-show', cells: ['No-shows (of those kept or missed)', a.noShows, outcomes, percent(a.noShowRate)] },
            { key: 'cancelled', cells: ['Cancelled (of those booked)', a.cancelled, a.created, percent(a.cancellationRate)] },
          ]}
        />
      }
    />
  );
}
