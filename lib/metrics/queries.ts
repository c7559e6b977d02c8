// The metrics page's numbers, each computed by Postgres on the fly for a date range in the clinic's time
// zone (see docs/decisions/0009). Erased leads count: erasure keeps status, dates, source and campaign.
import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { FUNNEL, type LeadStatus } from '@/lib/leads/status';
import type { DateRange, IsoDate } from './range';

export type MetricsQuery = { range: DateRange; timeZone: string };

export type WeekCount = { week: IsoDate; leads: number };
/** `share`: the fraction of all the range's leads that reached the step (null when there are none). */
export type FunnelStep = { status: LeadStatus; reached: number; share: number | null };
export type Breakdown = { label: string; leads: number; patients: number; conversion: number | null };

export const FIRST_CONTACT_BUCKETS = [
  { id: 'under_1_hour', label: 'Under 1 hour' },
  { id: '1_to_4_hours', label: '1 to 4 hours' },
  { id: '4_to_24_hours', label: '4 to 24 hours' },
  { id: '1_to_3_days', label: '1 to 3 days' },
  { id: 'over_3_days', label: 'More than 3 days' },
  { id: 'not_yet', label: 'Not contacted yet' },
] as const;
export type FirstContactBucket = (typeof FIRST_CONTACT_BUCKETS)[number]['id'];

export type FirstContact = {
  medianHours: number | null;
  contacted: number;
  waiting: number;
  buckets: { bucket: FirstContactBucket; label: string; leads: number }[];
};

export type AppointmentRates = {
  /** Appointments that started in the range and were either kept or missed. */
  completed: number;
  noShows: number;
  noShowRate: number | null;
  /** Appointments booked (created) in the range, and how many of those were cancelled. */
  created: number;
  cancelled: number;
  cancellationRate: number | null;
};

export type Metrics = {
  range: DateRange;
  timeZone: string;
  totalLeads: number;
  leadsPerWeek: WeekCount[];
  funnel: FunnelStep[];
  /** Leads of the range whose current status closes them without a visit (not in the funnel). */
  closed: { notAFit: number; noResponse: number };
  bySource: Breakdown[];
  byCampaign: Breakdown[];
  firstContact: FirstContact;
  appointments: AppointmentRates;
};

/** The label of leads without a source page or campaign. */
export const NONE_LABEL = '(none)';

const PATIENT_RANK = FUNNEL.indexOf('became_patient');

/** postgres.js returns the rows, PGlite an object holding them. */
function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

async function query<T>(db: Executor, statement: SQL): Promise<T[]> {
  return rowsOf<T>(await db.execute(statement));
}

/** The range's first instant and the instant after its last day, both on the clinic's wall clock (DST-safe). */
function bounds({ range, timeZone }: MetricsQuery) {
  return {
    start: sql`((${range.from})::date::timestamp at time zone ${timeZone})`,
    end: sql`(((${range.to})::date + 1)::timestamp at time zone ${timeZone})`,
  };
}

const inRange = (column: SQL, q: MetricsQuery) => {
  const { start, end } = bounds(q);
  return sql`(${column} >= ${start} and ${column} < ${end})`;
};

/** A status's place in the funnel (new = 0 … became_patient = 4); closed statuses are outside it (-1). */
function funnelRank(status: SQL): SQL {
  const whens = FUNNEL.map((s, i) => sql`when ${s} then ${sql.raw(String(i))}`);
  return sql`(case ${status} ${sql.join(whens, sql` `)} else -1 end)`;
}

/**
 * The leads first seen in the range, each with the furthest funnel step it ever reached: the greater of
 * its current status and every status a `status_changed` timeline entry moved it to. A lead now "not a
 * fit" after its consultation still counts as consulted; one closed with no recorded history counts as new.
 */
function cohort(q: MetricsQuery): SQL {
  // The status moves are read once, grouped by lead, from the range's start on (lead_activities_type_idx): a
  // lead's moves all come after it was created, so none of the range's leads has one earlier. A subquery per
  // lead instead cost one index probe per lead: seconds for a busy quarter.
  const { start } = bounds(q);
  return sql`
    select l.id, l.status, l.source_page, l.utm_campaign, l.created_at, l.first_contacted_at,
      greatest(${funnelRank(sql`l.status::text`)}, coalesce(m.reached, 0)) as furthest
    from leads l
    left join (
      select a.lead_id, max(${funnelRank(sql`a.payload->>'to'`)}) as reached
      from lead_activities a
      where a.type = 'status_changed' and a.occurred_at >= ${start}
      group by a.lead_id
    ) m on m.lead_id = l.id
    where ${inRange(sql`l.created_at`, q)}`;
}

export async function leadsPerWeek(db: Executor, q: MetricsQuery): Promise<WeekCount[]> {
  // Every week the range touches gets a bar, empty weeks included.
  return query<WeekCount>(
    db,
    sql`
      with counts as (
        select date_trunc('week', l.created_at at time zone ${q.timeZone}) as week, count(*)::int as leads
        from leads l
        where ${inRange(sql`l.created_at`, q)}
        group by 1
      )
      select to_char(w.week, 'YYYY-MM-DD') as week, coalesce(c.leads, 0)::int as leads
      from generate_series(
        date_trunc('week', (${q.range.from})::date::timestamp),
        date_trunc('week', (${q.range.to})::date::timestamp),
        interval '1 week'
      ) as w(week)
      left join counts c on c.week = w.week
      order by w.week`,
  );
}

type CohortRow = Record<string, number | string | null> & { part: 'all' | 'source' | 'campaign'; label: string | null };

/**
 * The funnel and both breakdowns from one pass over the cohort (GROUPING SETS): the cohort's join of leads and
 * status moves is the page's costly part, and three queries made it three times.
 */
async function cohortFigures(db: Executor, q: MetricsQuery): Promise<CohortRow[]> {
  const reached = FUNNEL.map((_, i) => sql`count(*) filter (where furthest >= ${sql.raw(String(i))})::int as ${sql.identifier(`r${i}`)}`);
  return query<CohortRow>(
    db,
    sql`
      select
        case when grouping(source_page) = 0 then 'source' when grouping(utm_campaign) = 0 then 'campaign' else 'all' end as part,
        coalesce(source_page, utm_campaign) as label,
        count(*)::int as leads,
        ${sql.join(reached, sql`, `)},
        count(*) filter (where status = 'not_a_fit')::int as not_a_fit,
        count(*) filter (where status = 'no_response')::int as no_response
      from (${cohort(q)}) c
      group by grouping sets ((), (source_page), (utm_campaign))`,
  );
}

function funnelOf(rows: CohortRow[]): { steps: FunnelStep[]; closed: Metrics['closed'] } {
  const row = rows.find((r) => r.part === 'all');
  const total = Number(row?.r0 ?? 0);
  const steps = FUNNEL.map((status, i) => {
    const reached = Number(row?.[`r${i}`] ?? 0);
    return { status, reached, share: total ? reached / total : null };
  });
  return { steps, closed: { notAFit: Number(row?.not_a_fit ?? 0), noResponse: Number(row?.no_response ?? 0) } };
}

/** Leads and patients per source page or campaign, most leads first, then most patients, then by name. */
function breakdownOf(rows: CohortRow[], part: 'source' | 'campaign'): Breakdown[] {
  return rows
    .filter((r) => r.part === part)
    .map((r) => {
      const leads = Number(r.leads);
      const patients = Number(r[`r${PATIENT_RANK}`] ?? 0);
      return { label: r.label ?? NONE_LABEL, leads, patients, conversion: leads ? patients / leads : null };
    })
    .sort((a, b) => b.leads - a.leads || b.patients - a.patients || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
}

export async function funnel(db: Executor, q: MetricsQuery): Promise<{ steps: FunnelStep[]; closed: Metrics['closed'] }> {
  return funnelOf(await cohortFigures(db, q));
}

export const leadsBySource = async (db: Executor, q: MetricsQuery) => breakdownOf(await cohortFigures(db, q), 'source');
export const leadsByCampaign = async (db: Executor, q: MetricsQuery) => breakdownOf(await cohortFigures(db, q), 'campaign');

/** Hours from a lead's first request to staff's first call, email or status move, for the range's leads. */
export async function timeToFirstContact(db: Executor, q: MetricsQuery): Promise<FirstContact> {
  const wait = sql`(first_contacted_at - created_at)`;
  const [row] = await query<Record<string, number | null>>(
    db,
    sql`
      select
        percentile_cont(0.5) within group (order by extract(epoch from ${wait}) / 3600.0) as median_hours,
        count(*) filter (where first_contacted_at is not null)::int as contacted,
        count(*) filter (where first_contacted_at is null)::int as not_yet,
        count(*) filter (where ${wait} < interval '1 hour')::int as under_1_hour,
        count(*) filter (where ${wait} >= interval '1 hour' and ${wait} < interval '4 hours')::int as "1_to_4_hours",
        count(*) filter (where ${wait} >= interval '4 hours' and ${wait} < interval '24 hours')::int as "4_to_24_hours",
        count(*) filter (where ${wait} >= interval '24 hours' and ${wait} < interval '72 hours')::int as "1_to_3_days",
        count(*) filter (where ${wait} >= interval '72 hours')::int as over_3_days
      from leads
      where ${inRange(sql`created_at`, q)}`,
  );
  return {
    medianHours: row?.median_hours ?? null,
    contacted: row?.contacted ?? 0,
    waiting: row?.not_yet ?? 0,
    buckets: FIRST_CONTACT_BUCKETS.map((b) => ({ bucket: b.id, label: b.label, leads: row?.[b.id] ?? 0 })),
  };
}

/**
 * No-show rate: missed ÷ (kept + missed) among appointments that started in the range (booked and
 * cancelled ones are not outcomes yet). Cancellation rate: cancelled ÷ all among appointments booked in the range.
 */
export async function appointmentRates(db: Executor, q: MetricsQuery): Promise<AppointmentRates> {
  const started = inRange(sql`starts_at`, q);
  const created = inRange(sql`created_at`, q);
  const [row] = await query<AppointmentRates>(
    db,
    sql`
      select completed, "noShows", "noShows"::float8 / nullif(completed + "noShows", 0) as "noShowRate",
        created, cancelled, cancelled::float8 / nullif(created, 0) as "cancellationRate"
      from (
        select
          count(*) filter (where ${started} and status = 'completed')::int as completed,
          count(*) filter (where ${started} and status = 'no_show')::int as "noShows",
          count(*) filter (where ${created})::int as created,
          count(*) filter (where ${created} and status = 'cancelled')::int as cancelled
        from appointments
        where ${started} or ${created}
      ) counts`,
  );
  return row ?? { completed: 0, noShows: 0, noShowRate: null, created: 0, cancelled: 0, cancellationRate: null };
}

export async function getMetrics(db: Executor, q: MetricsQuery): Promise<Metrics> {
  const [weeks, cohortRows, firstContact, appointments] = await Promise.all([
    leadsPerWeek(db, q),
    cohortFigures(db, q),
    timeToFirstContact(db, q),
    appointmentRates(db, q),
  ]);
  const steps = funnelOf(cohortRows);
  const bySource = breakdownOf(cohortRows, 'source');
  const byCampaign = breakdownOf(cohortRows, 'campaign');
  return {
    range: q.range,
    timeZone: q.timeZone,
    totalLeads: steps.steps[0]?.reached ?? 0,
    leadsPerWeek: weeks,
    funnel: steps.steps,
    closed: steps.closed,
    bySource,
    byCampaign,
    firstContact,
    appointments,
  };
}
