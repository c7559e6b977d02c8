// Reading the audit log for admins: filters, newest first, keyset pages (no OFFSET: page 200 costs what
// page 1 does, and rows written meanwhile do not shift what the next page shows).
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { auditLog, staffUsers } from '@/db/schema';
import { writeAudit, type RequestMeta } from './log';

export const AUDIT_PAGE_SIZE = 50;

export type AuditFilters = {
  actorId?: string;
  action?: string;
  entityId?: string;
  /** Calendar dates in the clinic's zone, both included. */
  from?: string;
  to?: string;
};

/** Where a page ends: the exact timestamp (microseconds, as Postgres keeps it) and id of its last entry. */
export type AuditCursor = { at: string; id: number };

export type AuditRow = {
  id: number;
  at: Date;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  ip: string | null;
  detail: Record<string, unknown>;
};

export type AuditPage = { entries: AuditRow[]; next: AuditCursor | null };

const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)_(\d{1,18})$/;

export function encodeCursor(cursor: AuditCursor): string {
  return `${cursor.at}_${cursor.id}`;
}

/** A cursor from the query string, or null if it is not one we made. */
export function decodeCursor(value: unknown): AuditCursor | null {
  if (typeof value !== 'string') return null;
  const match = CURSOR.exec(value);
  return match ? { at: match[1]!, id: Number(match[2]) } : null;
}

function conditions(filters: AuditFilters, timeZone: string, before: AuditCursor | null): SQL[] {
  const where: SQL[] = [];
  if (filters.actorId) where.push(eq(auditLog.actorStaffId, filters.actorId));
  if (filters.action) where.push(eq(auditLog.action, filters.action));
  if (filters.entityId) where.push(eq(auditLog.entityId, filters.entityId));
  if (filters.from) where.push(sql`${auditLog.at} >= ((${filters.from})::date::timestamp at time zone ${timeZone})`);
  if (filters.to) where.push(sql`${auditLog.at} < (((${filters.to})::date + 1)::timestamp at time zone ${timeZone})`);
  if (before) where.push(sql`(${auditLog.at}, ${auditLog.id}) < ((${before.at})::timestamptz, ${before.id})`);
  return where;
}

/** One page of entries, newest first, and the cursor of the next (older) page if there is one. */
export async function listAuditEntries(
  db: Executor,
  args: { filters: AuditFilters; timeZone: string; before?: AuditCursor | null; limit?: number },
): Promise<AuditPage> {
  const limit = args.limit ?? AUDIT_PAGE_SIZE;
  const rows = await db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      exactAt: sql<string>`to_char(${auditLog.at} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
      actorId: auditLog.actorStaffId,
      actorName: staffUsers.name,
      action: auditLog.action,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      ip: sql<string | null>`host(${auditLog.ip})`,
      detail: auditLog.detail,
    })
    .from(auditLog)
    .leftJoin(staffUsers, eq(staffUsers.id, auditLog.actorStaffId))
    .where(and(...conditions(args.filters, args.timeZone, args.before ?? null)))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    entries: page.map((row) => ({
      id: row.id,
      at: row.at,
      actorId: row.actorId,
      actorName: row.actorName,
      action: row.action,
      entityType: row.entityType,
      entityId: row.entityId,
      ip: row.ip,
      detail: row.detail,
    })),
    next: rows.length > limit && last ? { at: last.exactAt, id: last.id } : null,
  };
}

/** An admin opening the log: the viewing is itself recorded (with the filters used), then the page is read. */
export async function browseAuditLog(
  db: Executor,
  args: { viewerId: string; meta: RequestMeta; now: Date; filters: AuditFilters; timeZone: string; before?: AuditCursor | null },
): Promise<AuditPage> {
  const filters = Object.fromEntries(Object.entries(args.filters).filter(([, v]) => v));
  await writeAudit(db, {
    actorStaffId: args.viewerId,
    action: 'audit_viewed',
    entityType: 'audit',
    detail: { ...filters, ...(args.before ? { page: 'older' } : {}) },
    meta: args.meta,
    at: args.now,
  });
  return listAuditEntries(db, args);
}
