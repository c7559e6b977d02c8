// The inbox's counts per status without counting the leads table: lead_status_counts holds signed rows kept by
// triggers on leads (db/migrations/0010), keyed by status, urgency and assignee, which are exactly the filters
// the counts can be asked under without a search or a source or date filter. Summing those rows reads a few
// dozen rows at any size. Other filters (search, source page, request dates) still count the matching leads,
// which their own indexes bound. See docs/decisions/0016.
import { and, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { LEAD_STATUSES } from '@/db/enums';
import { leadStatusCounts } from '@/db/schema';
import type { LeadStatus } from '@/lib/leads/status';
import type { InboxFilters } from './filters';

export type StatusCounts = { total: number; byStatus: Record<LeadStatus, number> };

/** Whether the kept counts can answer under these filters (status is ignored: every tab is counted). */
export function keptCountsApply(filters: InboxFilters): boolean {
  return !filters.q && !filters.source && !filters.from && !filters.to;
}

export function emptyCounts(): Record<LeadStatus, number> {
  return Object.fromEntries(LEAD_STATUSES.map((s) => [s, 0])) as Record<LeadStatus, number>;
}

export function toStatusCounts(rows: { status: LeadStatus; n: number | string | bigint }[]): StatusCounts {
  const byStatus = emptyCounts();
  for (const row of rows) byStatus[row.status] += Number(row.n);
  return { total: Object.values(byStatus).reduce((a, b) => a + b, 0), byStatus };
}

/** The counts per status under the urgency and assignee filters, from the kept rows. */
export async function readKeptCounts(db: Executor, filters: Pick<InboxFilters, 'urgency' | 'assigned'>, viewerId: string): Promise<StatusCounts> {
  const conditions: SQL[] = [];
  if (filters.urgency) conditions.push(eq(leadStatusCounts.urgency, filters.urgency));
  if (filters.assigned === 'me') conditions.push(eq(leadStatusCounts.assignedToId, viewerId));
  else if (filters.assigned === 'unassigned') conditions.push(isNull(leadStatusCounts.assignedToId));
  else if (filters.assigned) conditions.push(eq(leadStatusCounts.assignedToId, filters.assigned.staffId));
  const rows = await db
    .select({ status: leadStatusCounts.status, n: sql<string>`sum(${leadStatusCounts.n})` })
    .from(leadStatusCounts)
    .where(and(...conditions))
    .groupBy(leadStatusCounts.status);
  return toStatusCounts(rows);
}

/**
 * Folds the kept rows into one per (status, urgency, assignee), dropping those that sum to zero. Safe beside
 * writers and another compaction: the delete takes only the rows this statement sees (a concurrent fold
 * waits for them, then finds them gone), and rows appended meanwhile stay for the next fold.
 */
export async function compactStatusCounts(db: Executor): Promise<number> {
  const result: unknown = await db.execute(sql`
    with folded as (delete from lead_status_counts returning status, urgency, assigned_to_id, n)
    insert into lead_status_counts (status, urgency, assigned_to_id, n)
    select status, urgency, assigned_to_id, sum(n) from folded group by 1, 2, 3 having sum(n) <> 0`);
  const count = (result as { count?: number; affectedRows?: number }).count ?? (result as { affectedRows?: number }).affectedRows;
  return Number(count ?? 0);
}
