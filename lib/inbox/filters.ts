// The inbox's rules (pure): filters read from and written to the URL, the opaque keyset cursor, the
// search term as a LIKE pattern, the order's segments, and the "speed to lead" label. Nothing here
// throws on bad input: anything not understood falls back to its default.
import { TZDate } from '@date-fns/tz';
import { z } from '@/lib/zod';
import { LEAD_STATUSES, LEAD_URGENCIES } from '@/db/enums';
import { isUuid } from '@/lib/ids';
import type { LeadStatus } from '@/lib/leads/status';

export const INBOX_PAGE_SIZE = 50;
/** Shorter terms match too much to be useful and cannot use the trigram index. */
export const SEARCH_MIN_LENGTH = 2;
export const SEARCH_MAX_LENGTH = 100;

export type Urgency = (typeof LEAD_URGENCIES)[number];

/** "me" and "unassigned" are words in the URL; anything else is a staff member's id. */
export type AssignedFilter = 'me' | 'unassigned' | { staffId: string };

export type InboxFilters = {
  q: string | null;
  status: LeadStatus | null;
  urgency: Urgency | null;
  assigned: AssignedFilter | null;
  source: string | null;
  /** Request date range, inclusive, as calendar days (YYYY-MM-DD) in the clinic's time zone. */
  from: string | null;
  to: string | null;
};

export const EMPTY_FILTERS: InboxFilters = { q: null, status: null, urgency: null, assigned: null, source: null, from: null, to: null };

// ---------------------------------------------------------------- reading the URL

type ParamSource = URLSearchParams | Record<string, string | string[] | undefined>;

function first(params: ParamSource, key: string): string | undefined {
  if (params instanceof URLSearchParams) return params.get(key) ?? undefined;
  const value = params[key];
  return Array.isArray(value) ? value[0] : value;
}

const trimmed = z.string().trim().min(1);
const statusSchema = z.enum(LEAD_STATUSES);
const urgencySchema = z.enum(LEAD_URGENCIES);
const sourceSchema = trimmed.max(200);
const daySchema = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((day) => {
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    const date = new Date(Date.UTC(y, m - 1, d));
    return y >= 2000 && y <= 2200 && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  });

function parseWith<T>(schema: z.ZodType<T>, value: string | undefined): T | null {
  if (value === undefined) return null;
  const result = schema.safeParse(value);
  return result.success ? result.data : null;
}

/** Collapses runs of spaces and cuts an over-long term: a search box never produces an error page. */
export function normalizeSearch(value: string | undefined): string | null {
  if (typeof value !== 'string') return null;
  const term = value.replace(/\s+/g, ' ').trim().slice(0, SEARCH_MAX_LENGTH).trim();
  return term === '' ? null : term;
}

function parseAssigned(value: string | undefined): AssignedFilter | null {
  const v = value?.trim();
  if (!v) return null;
  if (v === 'me' || v === 'unassigned') return v;
  return isUuid(v) ? { staffId: v.toLowerCase() } : null;
}

/** The filters in a URL's query, each field on its own: one bad value resets only that field. */
export function parseInboxFilters(params: ParamSource): InboxFilters {
  let from = parseWith(daySchema, first(params, 'from'));
  let to = parseWith(daySchema, first(params, 'to'));
  // Someone who typed the range backwards means the days between.
  if (from && to && from > to) [from, to] = [to, from];
  return {
    q: normalizeSearch(first(params, 'q')),
    status: parseWith(statusSchema, first(params, 'status')),
    urgency: parseWith(urgencySchema, first(params, 'urgency')),
    assigned: parseAssigned(first(params, 'assigned')),
    source: parseWith(sourceSchema, first(params, 'source')),
    from,
    to,
  };
}

export function assignedParam(assigned: AssignedFilter | null): string | null {
  if (!assigned) return null;
  return typeof assigned === 'string' ? assigned : assigned.staffId;
}

/** The query string for filters (and a cursor), only the fields that are set, in a stable order. */
export function serializeInboxFilters(filters: InboxFilters, extra: { cursor?: string | null } = {}): string {
  const params = new URLSearchParams();
  const set = (key: string, value: string | null) => {
    if (value) params.set(key, value);
  };
  set('q', filters.q);
  set('status', filters.status);
  set('urgency', filters.urgency);
  set('assigned', assignedParam(filters.assigned));
  set('source', filters.source);
  set('from', filters.from);
  set('to', filters.to);
  set('cursor', extra.cursor ?? null);
  return params.toString();
}

export function hasAnyFilter(filters: InboxFilters): boolean {
  return Object.values(filters).some((value) => value !== null);
}

/** The request-date range as instants: from the start of `from` to the start of the day after `to`, in `timeZone`. */
export function requestDateRange(filters: Pick<InboxFilters, 'from' | 'to'>, timeZone: string): { start: Date | null; end: Date | null } {
  const startOf = (day: string, plusDays: number) => {
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    return new Date(new TZDate(y, m - 1, d + plusDays, 0, 0, 0, timeZone).getTime());
  };
  return { start: filters.from ? startOf(filters.from, 0) : null, end: filters.to ? startOf(filters.to, 1) : null };
}

// ---------------------------------------------------------------- search

export type SearchPattern = { kind: 'text' | 'phone'; pattern: string };

/** Backslash is LIKE's escape character: a typed "%" or "_" must match itself, not everything. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

/**
 * The ILIKE pattern for a search over `leads.search_text` (lower-cased name, email and E.164 phone).
 * A term made only of digits and phone punctuation is matched by its digits, so "(323) 555-0142",
 * "323.555" and "+1 323" all find "+13235550142". Null when the term is too short to search.
 */
export function searchPattern(term: string | null): SearchPattern | null {
  if (!term) return null;
  if (/^[\d\s().+-]+$/.test(term)) {
    const digits = term.replace(/\D/g, '');
    if (digits.length < SEARCH_MIN_LENGTH) return null;
    const plus = term.trim().startsWith('+') ? '+' : '';
    return { kind: 'phone', pattern: `%${plus}${digits}%` };
  }
  const text = term.toLowerCase();
  // "@." alone would match every email address: at least two letters or digits.
  if ((text.match(/[\p{L}\p{N}]/gu) ?? []).length < SEARCH_MIN_LENGTH) return null;
  return { kind: 'text', pattern: `%${escapeLike(text)}%` };
}

// ---------------------------------------------------------------- order and cursor

/**
 * The inbox reads in four segments, each newest first (created_at desc, id desc): urgent and overdue,
 * urgent, overdue, the rest. Each segment is one index range scan, so a page never sorts the whole table.
 */
export const INBOX_SEGMENTS = [
  { urgent: true, overdue: true },
  { urgent: true, overdue: false },
  { urgent: false, overdue: true },
  { urgent: false, overdue: false },
] as const;

export type SegmentIndex = 0 | 1 | 2 | 3;

export function segmentOf(row: { urgent: boolean; overdue: boolean }): SegmentIndex {
  return ((row.urgent ? 0 : 2) + (row.overdue ? 0 : 1)) as SegmentIndex;
}

/** A position in the order: a row's segment and its (created_at, id), plus the instant "overdue" was judged at. */
export type InboxCursor = {
  direction: 'next' | 'prev';
  segment: SegmentIndex;
  /** created_at to the microsecond (ISO, UTC): a JavaScript Date would lose the last three digits. */
  createdAt: string;
  id: string;
  /** Every page of one listing judges "overdue" at the same instant, so no row moves between pages. */
  asOf: string;
};

const MICRO_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

/** An ISO instant in UTC with up to six fraction digits, and a real one (no 31 February): Postgres will take it. */
export function isMicroIso(value: unknown): value is string {
  if (typeof value !== 'string' || !MICRO_ISO.test(value)) return false;
  const seconds = value.slice(0, 19);
  const parsed = new Date(`${seconds}Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 19) === seconds;
}

const cursorSchema = z.object({
  d: z.enum(['n', 'p']),
  s: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]),
  c: z.string().refine(isMicroIso),
  i: z.string().refine(isUuid),
  t: z.string().refine(isMicroIso),
});

export function encodeCursor(cursor: InboxCursor): string {
  const payload = { d: cursor.direction === 'next' ? 'n' : 'p', s: cursor.segment, c: cursor.createdAt, i: cursor.id, t: cursor.asOf };
  return toBase64Url(JSON.stringify(payload));
}

// btoa/atob rather than Buffer: this module also runs in the browser (the waiting clock).
function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(value: string): string {
  const binary = atob(value.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (ch) => ch.charCodeAt(0)));
}

export function decodeCursor(value: string | null | undefined): InboxCursor | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > 400 || !/^[\w-]+$/.test(value)) return null;
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(fromBase64Url(value)));
    if (!parsed.success) return null;
    const { d, s, c, i, t } = parsed.data;
    return { direction: d === 'n' ? 'next' : 'prev', segment: s, createdAt: c, id: i.toLowerCase(), asOf: t };
  } catch {
    return null;
  }
}

export function parseCursorParam(params: ParamSource): InboxCursor | null {
  return decodeCursor(first(params, 'cursor'));
}

// ---------------------------------------------------------------- speed to lead

export const SPEED_TO_LEAD_LATE_MINUTES = 60;

/** How long a new request has waited for a first contact: "Waiting 2 h 10 min", late after an hour. */
export function waitingLabel(since: Date, now: Date): { text: string; late: boolean; minutes: number } {
  const minutes = Math.max(0, Math.floor((now.getTime() - since.getTime()) / 60_000));
  const late = minutes >= SPEED_TO_LEAD_LATE_MINUTES;
  if (minutes < 1) return { text: 'Waiting less than a minute', late, minutes };
  if (minutes < 60) return { text: `Waiting ${minutes} min`, late, minutes };
  const hours = Math.floor(minutes / 60);
  if (hours < 24) {
    const rest = minutes % 60;
    return { text: `Waiting ${hours} h${rest ? ` ${rest} min` : ''}`, late, minutes };
  }
  const days = Math.floor(hours / 24);
  const restHours = hours % 24;
  return { text: `Waiting ${days} d${restHours ? ` ${restHours} h` : ''}`, late, minutes };
}
