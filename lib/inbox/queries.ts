// Reads for the staff inbox: one keyset page of leads in the inbox's order, counts per status, the
// CSV export's batches, and the live-update count. Explicit arguments in, no auth: callers check access.
//
// Order: urgent first, then overdue (next_follow_up_at before the listing's instant), then newest. It is
// read as four segments (lib/inbox/filters INBOX_SEGMENTS), each `created_at desc, id desc`, so
// each segment is a range of the leads_inbox_idx index (urgency, created_at desc, id desc) and a page
// stops after 51 rows instead of sorting every matching lead. See docs/decisions/0008.
import { and, asc, count, eq, gt, ilike, isNull, not, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Database, Executor } from '@/db/client';
import { consultationRequests, leads, staffUsers } from '@/db/schema';
import {
  INBOX_PAGE_SIZE,
  INBOX_SEGMENTS,
  encodeCursor,
  isMicroIso,
  requestDateRange,
  searchPattern,
  segmentOf,
  type InboxCursor,
  type InboxFilters,
  type SegmentIndex,
} from './filters';
import { writeAudit, type RequestMeta } from '@/lib/audit/log';
import { CSV_BOM, csvRow, type CsvValue } from './csv';
import { keptCountsApply, readKeptCounts, toStatusCounts, type StatusCounts } from './counts';
import { STATUS_LABELS, type LeadStatus } from '@/lib/leads/status';

/** Who is looking (for "assigned to me") and the zone the date filters' days are in. */
export type InboxViewer = { staffId: string; timeZone: string };

// ---------------------------------------------------------------- SQL pieces

/** created_at to the microsecond as ISO text: the keyset cursor must not lose precision to a JS Date. */
const createdKey = sql<string>`to_char(${leads.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

const latestRequest = <T>(column: AnyColumn | SQL) =>
  sql<T>`(select ${column} from ${consultationRequests} where ${consultationRequests.leadId} = ${leads.id} order by ${consultationRequests.submittedAt} desc nulls last limit 1)`;

/** When the person last asked: the latest request's time, or the lead's creation for a lead without one. */
const requestedAt = sql`coalesce(${latestRequest(consultationRequests.submittedAt)}, ${leads.createdAt})`;

const overdueAt = (asOf: string) => sql`coalesce(${leads.nextFollowUpAt} < ${asOf}::timestamptz, false)`;

function segmentCondition(segment: SegmentIndex, asOf: string): SQL {
  const { urgent, overdue } = INBOX_SEGMENTS[segment];
  const isOverdue = overdueAt(asOf);
  return and(eq(leads.urgency, urgent ? 'urgent' : 'routine'), overdue ? isOverdue : not(isOverdue))!;
}

/** The filters as SQL conditions; erased people never appear. `withStatus: false` is for the per-status counts. */
export function filterConditions(filters: InboxFilters, viewer: InboxViewer, options: { withStatus?: boolean } = {}): SQL[] {
  const conditions: SQL[] = [isNull(leads.erasedAt)];
  if (filters.status && options.withStatus !== false) conditions.push(eq(leads.status, filters.status));
  if (filters.urgency) conditions.push(eq(leads.urgency, filters.urgency));
  if (filters.assigned === 'me') conditions.push(eq(leads.assignedToId, viewer.staffId));
  else if (filters.assigned === 'unassigned') conditions.push(isNull(leads.assignedToId));
  else if (filters.assigned) conditions.push(eq(leads.assignedToId, filters.assigned.staffId));
  if (filters.source) conditions.push(eq(leads.sourcePage, filters.source));
  const range = requestDateRange(filters, viewer.timeZone);
  if (range.start) conditions.push(sql`${requestedAt} >= ${range.start.toISOString()}::timestamptz`);
  if (range.end) conditions.push(sql`${requestedAt} < ${range.end.toISOString()}::timestamptz`);
  const search = searchPattern(filters.q);
  // search_text is already lower-case; ILIKE with the trigram GIN index (leads_search_trgm_idx).
  if (search) conditions.push(ilike(leads.searchText, search.pattern));
  return conditions;
}

function inboxColumns(asOf: string) {
  return {
    id: leads.id,
    firstName: leads.firstName,
    lastName: leads.lastName,
    email: leads.email,
    phone: leads.phoneE164,
    status: leads.status,
    urgency: leads.urgency,
    sourcePage: leads.sourcePage,
    utmCampaign: leads.utmCampaign,
    nextFollowUpAt: leads.nextFollowUpAt,
    firstContactedAt: leads.firstContactedAt,
    // A text reply staff have not answered (lib/texts/webhooks): the inbox's "Replied" marker.
    textRepliedAt: leads.textRepliedAt,
    assignedToId: leads.assignedToId,
    assignedToName: staffUsers.name,
    createdAt: leads.createdAt,
    createdKey,
    reference: latestRequest<string | null>(consultationRequests.reference),
    requestedAt: requestedAt.mapWith(leads.createdAt),
    overdue: overdueAt(asOf).mapWith((value: unknown) => value === true || value === 't'),
  };
}

export type InboxRow = {
  id: string;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  status: LeadStatus;
  urgency: 'routine' | 'urgent';
  sourcePage: string | null;
  utmCampaign: string | null;
  nextFollowUpAt: Date | null;
  firstContactedAt: Date | null;
  textRepliedAt: Date | null;
  assignedToId: string | null;
  assignedToName: string | null;
  createdAt: Date;
  createdKey: string;
  reference: string | null;
  requestedAt: Date;
  overdue: boolean;
};

// Spelled with NULLS LAST / FIRST to match the indexes (created_at desc nulls last, id desc nulls last):
// a bare DESC means NULLS FIRST, which the planner cannot read from those indexes without a sort.
const NEWEST_FIRST = [sql`${leads.createdAt} desc nulls last`, sql`${leads.id} desc nulls last`];
const OLDEST_FIRST = [sql`${leads.createdAt} asc nulls first`, sql`${leads.id} asc nulls first`];

type Position = { segment: SegmentIndex; createdAt: string; id: string } | null;

/** Up to `need` rows after `from` (exclusive) in the inbox order, walking the segments forward. */
async function readForward(db: Executor, base: SQL[], asOf: string, from: Position, need: number): Promise<InboxRow[]> {
  const out: InboxRow[] = [];
  for (let s = from?.segment ?? 0; s < INBOX_SEGMENTS.length && out.length < need; s++) {
    const segment = s as SegmentIndex;
    const conditions = [...base, segmentCondition(segment, asOf)];
    if (from && segment === from.segment) {
      conditions.push(sql`(${leads.createdAt}, ${leads.id}) < (${from.createdAt}::timestamptz, ${from.id}::uuid)`);
    }
    const rows = await db
      .select(inboxColumns(asOf))
      .from(leads)
      .leftJoin(staffUsers, eq(staffUsers.id, leads.assignedToId))
      .where(and(...conditions))
      .orderBy(...NEWEST_FIRST)
      .limit(need - out.length);
    out.push(...rows);
  }
  return out;
}

/** Up to `need` rows before `from` (exclusive), nearest first: the previous page, read backwards. */
async function readBackward(db: Executor, base: SQL[], asOf: string, from: NonNullable<Position>, need: number): Promise<InboxRow[]> {
  const out: InboxRow[] = [];
  for (let s = from.segment; s >= 0 && out.length < need; s--) {
    const segment = s as SegmentIndex;
    const conditions = [...base, segmentCondition(segment, asOf)];
    if (segment === from.segment) {
      conditions.push(sql`(${leads.createdAt}, ${leads.id}) > (${from.createdAt}::timestamptz, ${from.id}::uuid)`);
    }
    const rows = await db
      .select(inboxColumns(asOf))
      .from(leads)
      .leftJoin(staffUsers, eq(staffUsers.id, leads.assignedToId))
      .where(and(...conditions))
      .orderBy(...OLDEST_FIRST)
      .limit(need - out.length);
    out.push(...rows);
  }
  return out;
}

/** The row's segment as a number (0 = urgent and overdue … 3 = the rest), in SQL. */
const segmentRank = (asOf: string) =>
  sql`(case when ${leads.urgency} = 'urgent' then 0 else 2 end + case when ${overdueAt(asOf)} then 0 else 1 end)`;

/**
 * A search's page in one statement: its matches are few (the trigram index finds them), so they are read once
 * and sorted by segment then newest, instead of one trigram scan per segment. `from` is exclusive.
 */
async function readMatches(db: Executor, base: SQL[], asOf: string, from: Position, need: number, direction: 'forward' | 'backward'): Promise<InboxRow[]> {
  const rank = segmentRank(asOf);
  const forward = direction === 'forward';
  const conditions = [...base];
  if (from) {
    const within = forward
      ? sql`(${leads.createdAt}, ${leads.id}) < (${from.createdAt}::timestamptz, ${from.id}::uuid)`
      : sql`(${leads.createdAt}, ${leads.id}) > (${from.createdAt}::timestamptz, ${from.id}::uuid)`;
    conditions.push(sql`(${rank} ${sql.raw(forward ? '>' : '<')} ${from.segment} or (${rank} = ${from.segment} and ${within}))`);
  }
  return db
    .select(inboxColumns(asOf))
    .from(leads)
    .leftJoin(staffUsers, eq(staffUsers.id, leads.assignedToId))
    .where(and(...conditions))
    .orderBy(...(forward ? [sql`${rank} asc`, ...NEWEST_FIRST] : [sql`${rank} desc`, ...OLDEST_FIRST]))
    .limit(need);
}

function positionOf(row: InboxRow): NonNullable<Position> {
  return { segment: segmentOf({ urgent: row.urgency === 'urgent', overdue: row.overdue }), createdAt: row.createdKey, id: row.id };
}

function cursorAt(row: InboxRow, direction: InboxCursor['direction'], asOf: string): string {
  return encodeCursor({ direction, asOf, ...positionOf(row) });
}

export type InboxPage = {
  rows: InboxRow[];
  /** The instant "overdue" was judged at for this listing (carried by the cursors). */
  asOf: Date;
  nextCursor: string | null;
  prevCursor: string | null;
};

/** One page of the inbox: the first page, or the page after / before a cursor. */
export async function listInboxPage(
  db: Executor,
  args: { filters: InboxFilters; viewer: InboxViewer; cursor: InboxCursor | null; now: Date; limit?: number },
): Promise<InboxPage> {
  const limit = args.limit ?? INBOX_PAGE_SIZE;
  const asOf = args.cursor?.asOf ?? args.now.toISOString();
  const base = filterConditions(args.filters, args.viewer);
  const searching = searchPattern(args.filters.q) !== null;
  const page = (rows: InboxRow[], hasMore: boolean, hasPrevious: boolean): InboxPage => ({
    rows,
    asOf: new Date(asOf),
    nextCursor: hasMore && rows.length ? cursorAt(rows.at(-1)!, 'next', asOf) : null,
    prevCursor: hasPrevious && rows.length ? cursorAt(rows[0]!, 'prev', asOf) : null,
  });

  const cursor = args.cursor;
  if (cursor?.direction === 'prev') {
    const before = searching ? await readMatches(db, base, asOf, cursor, limit + 1, 'backward') : await readBackward(db, base, asOf, cursor, limit + 1);
    // Fewer than a page before the cursor: that is the start, so show a full first page instead.
    if (before.length > limit) return page(before.slice(0, limit).reverse(), true, true);
  }
  const from = cursor?.direction === 'next' ? cursor : null;
  const rows = searching ? await readMatches(db, base, asOf, from, limit + 1, 'forward') : await readForward(db, base, asOf, from, limit + 1);
  return page(rows.slice(0, limit), rows.length > limit, from !== null);
}

/**
 * Every lead matching the filters, in the inbox order, `batchSize` at a time: the CSV export streams
 * these so the whole table is never in memory.
 */
export async function* inboxBatches(
  db: Executor,
  args: { filters: InboxFilters; viewer: InboxViewer; now: Date; batchSize?: number },
): AsyncGenerator<InboxRow[]> {
  const batchSize = args.batchSize ?? 1000;
  const asOf = args.now.toISOString();
  const base = filterConditions(args.filters, args.viewer);
  let from: Position = null;
  for (;;) {
    const rows = await readForward(db, base, asOf, from, batchSize);
    if (rows.length) yield rows;
    if (rows.length < batchSize) return;
    from = positionOf(rows.at(-1)!);
  }
}

export type { StatusCounts } from './counts';

/**
 * How many leads each status tab holds under the current filters (all of them but the status). Without a
 * search, source or date filter the kept counts answer (lib/inbox/counts, kept by a trigger); otherwise the
 * matching leads are counted.
 */
export async function countInboxByStatus(db: Executor, args: { filters: InboxFilters; viewer: InboxViewer }): Promise<StatusCounts> {
  if (keptCountsApply(args.filters)) return readKeptCounts(db, args.filters, args.viewer.staffId);
  return countMatchingByStatus(db, args);
}

/** The counts per status by counting the matching leads: the reference the kept counts are tested against. */
export async function countMatchingByStatus(db: Executor, args: { filters: InboxFilters; viewer: InboxViewer }): Promise<StatusCounts> {
  const rows = await db
    .select({ status: leads.status, n: count() })
    .from(leads)
    .where(and(...filterConditions(args.filters, args.viewer, { withStatus: false })))
    .groupBy(leads.status);
  return toStatusCounts(rows);
}

// ---------------------------------------------------------------- live updates

/** A mark as newestLeadMark writes it (a real instant, microseconds kept). */
export const isLeadMark = isMicroIso;

/**
 * The newest lead's created_at (microseconds, ISO): the page hands it to the live-update poller, which
 * asks how many leads are newer. Taken from the database, so the web server's clock does not matter.
 */
export async function newestLeadMark(db: Executor): Promise<string | null> {
  const [row] = await db.select({ key: createdKey }).from(leads).where(isNull(leads.erasedAt)).orderBy(...NEWEST_FIRST).limit(1);
  return row?.key ?? null;
}

/** How many (not erased) leads were created after the mark: a number, nothing about anyone. */
export async function countLeadsSince(db: Executor, mark: string | null): Promise<number> {
  const newer = mark ? gt(leads.createdAt, sql`${mark}::timestamptz`) : undefined;
  const [row] = await db.select({ n: count() }).from(leads).where(and(isNull(leads.erasedAt), newer));
  return Number(row?.n ?? 0);
}

// ---------------------------------------------------------------- filter choices

/** The distinct source pages, read as a loose index scan over leads_source_page_idx (fast at a million rows). */
export async function listSourcePages(db: Executor, limit = 200): Promise<string[]> {
  const result = await db.execute(sql`
    with recursive pages(page, n) as (
      (select source_page, 1 from leads where source_page is not null order by source_page limit 1)
      union all
      select (select l.source_page from leads l where l.source_page > pages.page order by l.source_page limit 1), n + 1
      from pages where pages.page is not null and n < ${limit}
    )
    select page from pages where page is not null`);
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { page: string }[];
  return rows.map((r) => r.page);
}

/** Staff who can be given leads (active accounts), by name. */
export async function listAssignableStaff(db: Executor): Promise<{ id: string; name: string }[]> {
  return db.select({ id: staffUsers.id, name: staffUsers.name }).from(staffUsers).where(isNull(staffUsers.disabledAt)).orderBy(asc(staffUsers.name));
}

// ---------------------------------------------------------------- CSV export

export const CSV_HEADER = [
  'Reference',
  'First name',
  'Last name',
  'Email',
  'Phone',
  'Status',
  'Urgency',
  'Source page',
  'UTM campaign',
  'Requested at',
  'Next follow-up',
  'Assigned to',
] as const;

/** One lead as a CSV record: contact and pipeline facts only, never health details. */
export function csvRecord(row: InboxRow): CsvValue[] {
  return [
    row.reference,
    row.firstName,
    row.lastName,
    row.email,
    row.phone,
    STATUS_LABELS[row.status],
    row.urgency === 'urgent' ? 'Urgent' : 'Routine',
    row.sourcePage,
    row.utmCampaign,
    row.requestedAt,
    row.nextFollowUpAt,
    row.assignedToName,
  ];
}

/**
 * The CSV of every lead matching the filters, as a stream: batches of 1,000 are read only as the client
 * takes them, so memory stays flat at any size. The audit entry is written when the stream ends (with
 * the row count), or when it is cancelled or fails part-way (saying how many rows had gone out).
 */
export function inboxCsvStream(
  db: Database,
  args: { filters: InboxFilters; viewer: InboxViewer; now: Date; meta: RequestMeta; batchSize?: number },
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const batches = inboxBatches(db, args);
  let rows = 0;
  let audited = false;
  const audit = async (complete: boolean) => {
    if (audited) return;
    audited = true;
    await writeAudit(db, {
      actorStaffId: args.viewer.staffId,
      action: 'leads_exported_csv',
      entityType: 'lead',
      // The audit log is kept for ever and erasure cannot reach it: record that a search was used, never its words.
      detail: { filters: { ...args.filters, q: args.filters.q ? '[search]' : null }, rows, complete },
      meta: args.meta,
      at: args.now,
    });
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(CSV_BOM + csvRow(CSV_HEADER)));
    },
    async pull(controller) {
      try {
        const next = await batches.next();
        if (next.done) {
          await audit(true);
          controller.close();
          return;
        }
        rows += next.value.length;
        controller.enqueue(encoder.encode(next.value.map((row) => csvRow(csvRecord(row))).join('')));
      } catch (error) {
        await audit(false).catch(() => {});
        controller.error(error);
      }
    },
    async cancel() {
      await batches.return(undefined);
      await audit(false);
    },
    // No read-ahead: a batch is fetched only when the client asks for more.
  }, { highWaterMark: 0 });
}
