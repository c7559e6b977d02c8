// The staff inbox on a real database: its order across keyset pages, every filter and the search, the
// counts per status, bulk changes (rules, timeline, audit, all or nothing) and the streamed CSV.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { buildConsultationRequest, buildLead, buildStaffUser } from '@/db/factories';
import * as t from '@/db/schema';
import { bulkAssign, bulkChangeStatus, type BulkContext } from '@/lib/inbox/bulk';
import { parseCsv } from '@/lib/inbox/csv';
import {
  CSV_HEADER,
  countInboxByStatus,
  countLeadsSince,
  inboxCsvStream,
  listInboxPage,
  listSourcePages,
  newestLeadMark,
  type InboxRow,
  type InboxViewer,
} from '@/lib/inbox/queries';
import { EMPTY_FILTERS, decodeCursor, segmentOf, type InboxFilters } from '@/lib/inbox/filters';
import { createTestDatabase, primaryBackend, type TestDatabase } from '../support/db';

// Thursday 26 November 2026, 10am in Los Angeles.
const now = new Date('2026-11-26T18:00:00Z');
const TZ = 'America/Los_Angeles';
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
const meta = { ip: '127.0.0.1', userAgent: 'vitest' };

function database() {
  const state = {} as { handle: TestDatabase; db: Database; me: t.StaffUser; other: t.StaffUser; viewer: InboxViewer };
  beforeAll(async () => {
    state.handle = await createTestDatabase(await primaryBackend());
    state.db = state.handle.db;
    [state.me, state.other] = await state.db
      .insert(t.staffUsers)
      .values([buildStaffUser({ name: 'Sam Frontdesk' }), buildStaffUser({ name: 'Alex Admin', role: 'admin' })])
      .returning() as [t.StaffUser, t.StaffUser];
    state.viewer = { staffId: state.me.id, timeZone: TZ };
  });
  afterAll(async () => {
    await state.handle?.dispose();
  });
  return state;
}

type LeadSpec = Partial<t.NewLead> & { requestedAt?: Date; reference?: string };

function leadFields(spec: LeadSpec): Partial<t.NewLead> {
  const lead = { ...spec };
  delete lead.requestedAt;
  delete lead.reference;
  return lead;
}

/** Leads with one consultation request each (submitted at `requestedAt`, default the lead's creation). */
async function insertLeads(db: Database, specs: LeadSpec[]): Promise<t.Lead[]> {
  const rows = await db
    .insert(t.leads)
    .values(specs.map((spec) => buildLead({ createdAt: now, ...leadFields(spec) })))
    .returning();
  await db.insert(t.consultationRequests).values(
    rows.map((lead, i) =>
      buildConsultationRequest(lead.id, {
        submittedAt: specs[i]!.requestedAt ?? lead.createdAt,
        ...(specs[i]!.reference ? { reference: specs[i]!.reference } : {}),
        message: 'Sharp pain in my lower back when I bend',
      }),
    ),
  );
  return rows;
}

async function allPages(db: Database, filters: InboxFilters, viewer: InboxViewer, limit?: number) {
  const pages: InboxRow[][] = [];
  let cursor = null;
  do {
    const page = await listInboxPage(db, { filters, viewer, cursor, now, limit });
    pages.push(page.rows);
    cursor = decodeCursor(page.nextCursor);
  } while (cursor);
  return pages;
}

async function matching(db: Database, viewer: InboxViewer, filters: Partial<InboxFilters>): Promise<string[]> {
  const pages = await allPages(db, { ...EMPTY_FILTERS, ...filters }, viewer);
  return pages.flat().map((row) => `${row.firstName} ${row.lastName}`);
}

/** The order the inbox promises, computed here from plain values: urgent, then overdue, then newest. */
function expectedOrder(leads: t.Lead[]): string[] {
  const key = (lead: t.Lead) => segmentOf({ urgent: lead.urgency === 'urgent', overdue: lead.nextFollowUpAt !== null && lead.nextFollowUpAt < now });
  return [...leads]
    .sort((a, b) => key(a) - key(b) || b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
    .map((lead) => lead.id);
}

describe('the inbox order and keyset pagination', () => {
  const s = database();
  let all: t.Lead[];

  beforeAll(async () => {
    // 130 leads: every combination of urgent and overdue, created over five days, with ties on
    // created_at (several leads created in the same instant) that only the id can order.
    const specs: LeadSpec[] = [];
    for (let i = 0; i < 130; i++) {
      const urgent = i % 7 === 0;
      const overdue = i % 5 === 0 ? hoursAgo(1 + (i % 3)) : i % 5 === 1 ? hoursAgo(-24) : null;
      specs.push({ firstName: 'Order', lastName: `Lead ${i}`, urgency: urgent ? 'urgent' : 'routine', nextFollowUpAt: overdue, createdAt: hoursAgo(Math.floor(i / 3)) });
    }
    specs.push({ firstName: 'Erased', lastName: 'Person', erasedAt: hoursAgo(1), urgency: 'urgent' });
    all = (await insertLeads(s.db, specs)).filter((lead) => !lead.erasedAt);
  });

  it('puts urgent first, then overdue, then newest, across pages with no duplicates and no gaps', async () => {
    const pages = await allPages(s.db, EMPTY_FILTERS, s.viewer);
    expect(pages.map((p) => p.length)).toEqual([50, 50, 30]);
    const ids = pages.flat().map((row) => row.id);
    expect(new Set(ids).size).toBe(130);
    expect(ids).toEqual(expectedOrder(all));
    const first = pages[0]!;
    expect(first[0]).toMatchObject({ urgency: 'urgent', overdue: true });
    expect(first.findIndex((r) => r.urgency === 'routine')).toBeGreaterThan(first.findLastIndex((r) => r.urgency === 'urgent'));
  });

  it('comes back the same way with the previous-page links', async () => {
    const forward: { rows: string[]; prev: string | null }[] = [];
    let cursor = null;
    do {
      const page = await listInboxPage(s.db, { filters: EMPTY_FILTERS, viewer: s.viewer, cursor, now });
      forward.push({ rows: page.rows.map((r) => r.id), prev: page.prevCursor });
      cursor = decodeCursor(page.nextCursor);
    } while (cursor);
    expect(forward[0]!.prev).toBeNull();
    for (let i = forward.length - 1; i > 0; i--) {
      const back = await listInboxPage(s.db, { filters: EMPTY_FILTERS, viewer: s.viewer, cursor: decodeCursor(forward[i]!.prev), now: new Date() });
      expect(back.rows.map((r) => r.id)).toEqual(forward[i - 1]!.rows);
      expect(back.prevCursor === null).toBe(i === 1);
    }
  });

  it('pages a search (read in one statement, not per segment) in the same order, forwards and back', async () => {
    const search = { ...EMPTY_FILTERS, q: 'order' };
    const forward: { rows: string[]; prev: string | null }[] = [];
    let cursor = null;
    do {
      const page = await listInboxPage(s.db, { filters: search, viewer: s.viewer, cursor, now, limit: 20 });
      forward.push({ rows: page.rows.map((r) => r.id), prev: page.prevCursor });
      cursor = decodeCursor(page.nextCursor);
    } while (cursor);
    expect(forward.map((p) => p.rows.length)).toEqual([20, 20, 20, 20, 20, 20, 10]);
    expect(forward.flatMap((p) => p.rows)).toEqual(expectedOrder(all));
    for (let i = forward.length - 1; i > 0; i--) {
      const back = await listInboxPage(s.db, { filters: search, viewer: s.viewer, cursor: decodeCursor(forward[i]!.prev), now, limit: 20 });
      expect(back.rows.map((r) => r.id)).toEqual(forward[i - 1]!.rows);
    }
  });

  it('judges "overdue" at the instant of the first page, so no lead moves between pages later', async () => {
    const page1 = await listInboxPage(s.db, { filters: EMPTY_FILTERS, viewer: s.viewer, cursor: null, now });
    // A day later, a lead due "tomorrow" would be overdue; the cursor still carries the first page's instant.
    const page2 = await listInboxPage(s.db, { filters: EMPTY_FILTERS, viewer: s.viewer, cursor: decodeCursor(page1.nextCursor), now: new Date(now.getTime() + 2 * 86_400_000) });
    expect(page2.asOf).toEqual(now);
    expect([...page1.rows, ...page2.rows].map((r) => r.id)).toEqual(expectedOrder(all).slice(0, 100));
  });

  it('orders leads created within the same millisecond by their exact time, then by id', async () => {
    // Microseconds a JavaScript Date cannot hold: the cursor must keep them or pages would skip or repeat.
    const micro = await s.db
      .insert(t.leads)
      .values(
        ['.100001', '.100002', '.100002', '.100003', '.100004'].map((fraction, i) => ({
          ...buildLead({ firstName: 'Micro', lastName: `Lead ${i}`, sourcePage: 'micro-test' }),
          createdAt: sql`${`2026-11-20T10:00:00${fraction}Z`}::timestamptz`,
        })),
      )
      .returning({ id: t.leads.id });
    const pages = await allPages(s.db, { ...EMPTY_FILTERS, source: 'micro-test' }, s.viewer, 2);
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    const ids = pages.flat().map((r) => r.id);
    expect(new Set(ids)).toEqual(new Set(micro.map((m) => m.id)));
    const keys = pages.flat().map((r) => `${r.createdKey}|${r.id}`);
    expect(keys).toEqual([...keys].sort().reverse());
  });
});

describe('filters, search and counts', () => {
  const s = database();

  beforeAll(async () => {
    await insertLeads(s.db, [
      { firstName: 'Maria', lastName: 'Gonzalez', email: 'maria.gonzalez@example.com', phoneE164: '+13235550142', status: 'new', urgency: 'urgent', sourcePage: 'risks-and-outcomes', createdAt: hoursAgo(2) },
      { firstName: 'James', lastName: 'Carter', email: 'jcarter@example.org', phoneE164: '+13105550187', status: 'new', sourcePage: 'recovery', assignedToId: s.me.id, createdAt: hoursAgo(5) },
      { firstName: 'Linda', lastName: 'Nguyen', email: 'linda.n@example.com', phoneE164: '+16265550119', status: 'contacted', sourcePage: 'recovery', assignedToId: s.other.id, createdAt: hoursAgo(30) },
      // Created weeks ago, asked again yesterday: her request date is yesterday.
      { firstName: 'Robert', lastName: 'Kim', email: 'robert.kim@example.com', phoneE164: '+18185550173', status: 'contacted', urgency: 'urgent', sourcePage: 'faq', assignedToId: s.me.id, createdAt: hoursAgo(24 * 20), requestedAt: hoursAgo(20) },
      { firstName: 'Karen', lastName: 'Davis', email: 'karen_davis@example.com', phoneE164: '+15625550177', status: 'became_patient', sourcePage: null, createdAt: hoursAgo(24 * 10) },
      { firstName: 'Gone', lastName: 'Gonzalez', email: 'gone@example.com', phoneE164: '+13235550999', status: 'new', erasedAt: hoursAgo(1), createdAt: hoursAgo(1) },
    ]);
  });

  it('filters by status, urgency, assignee, source page and request date', async () => {
    expect(await matching(s.db, s.viewer, { status: 'contacted' })).toEqual(['Robert Kim', 'Linda Nguyen']);
    expect(await matching(s.db, s.viewer, { urgency: 'urgent' })).toEqual(['Maria Gonzalez', 'Robert Kim']);
    expect(await matching(s.db, s.viewer, { assigned: 'me' })).toEqual(['Robert Kim', 'James Carter']);
    expect(await matching(s.db, s.viewer, { assigned: 'unassigned' })).toEqual(['Maria Gonzalez', 'Karen Davis']);
    expect(await matching(s.db, s.viewer, { assigned: { staffId: s.other.id } })).toEqual(['Linda Nguyen']);
    expect(await matching(s.db, s.viewer, { source: 'recovery' })).toEqual(['James Carter', 'Linda Nguyen']);
    // 26 November in Los Angeles: Maria and James asked today; Robert asked yesterday (25th) though he is older.
    expect(await matching(s.db, s.viewer, { from: '2026-11-26', to: '2026-11-26' })).toEqual(['Maria Gonzalez', 'James Carter']);
    expect(await matching(s.db, s.viewer, { from: '2026-11-25', to: '2026-11-25' })).toEqual(['Robert Kim', 'Linda Nguyen']);
    expect(await matching(s.db, s.viewer, { to: '2026-11-24' })).toEqual(['Karen Davis']);
    expect(await matching(s.db, s.viewer, { status: 'new', assigned: 'me', source: 'recovery' })).toEqual(['James Carter']);
  });

  it('never shows an erased person', async () => {
    expect(await matching(s.db, s.viewer, {})).not.toContain('Gone Gonzalez');
    expect(await matching(s.db, s.viewer, { q: 'gone' })).toEqual([]);
  });

  it('searches by part of a name, an email or a phone number, however the number is typed', async () => {
    expect(await matching(s.db, s.viewer, { q: 'GONZ' })).toEqual(['Maria Gonzalez']);
    expect(await matching(s.db, s.viewer, { q: 'maria gonzalez' })).toEqual(['Maria Gonzalez']);
    expect(await matching(s.db, s.viewer, { q: 'nguy' })).toEqual(['Linda Nguyen']);
    expect(await matching(s.db, s.viewer, { q: 'example.org' })).toEqual(['James Carter']);
    expect(await matching(s.db, s.viewer, { q: 'robert.kim@' })).toEqual(['Robert Kim']);
    expect(await matching(s.db, s.viewer, { q: '(310) 555-0187' })).toEqual(['James Carter']);
    expect(await matching(s.db, s.viewer, { q: '626 555' })).toEqual(['Linda Nguyen']);
    expect(await matching(s.db, s.viewer, { q: '+1818' })).toEqual(['Robert Kim']);
    expect(await matching(s.db, s.viewer, { q: '0177' })).toEqual(['Karen Davis']);
  });

  it('treats % and _ in a search as themselves', async () => {
    expect(await matching(s.db, s.viewer, { q: 'karen_' })).toEqual(['Karen Davis']);
    // Unescaped, "y_n" would match the "yen" of Nguyen.
    expect(await matching(s.db, s.viewer, { q: 'y_n' })).toEqual([]);
    expect(await matching(s.db, s.viewer, { q: '%%' })).toEqual(await matching(s.db, s.viewer, {}));
  });

  it('counts each status under the other filters, ignoring the status filter itself', async () => {
    const all = await countInboxByStatus(s.db, { filters: EMPTY_FILTERS, viewer: s.viewer });
    expect(all).toEqual({ total: 5, byStatus: { new: 2, contacted: 2, scheduled: 0, consulted: 0, became_patient: 1, not_a_fit: 0, no_response: 0 } });
    const mine = await countInboxByStatus(s.db, { filters: { ...EMPTY_FILTERS, status: 'new', assigned: 'me' }, viewer: s.viewer });
    expect(mine).toEqual({ total: 2, byStatus: { new: 1, contacted: 1, scheduled: 0, consulted: 0, became_patient: 0, not_a_fit: 0, no_response: 0 } });
  });

  it('lists the source pages to filter by', async () => {
    expect(await listSourcePages(s.db)).toEqual(['faq', 'recovery', 'risks-and-outcomes']);
  });

  it('counts only the leads newer than the page it was given, and says nothing else', async () => {
    const mark = await newestLeadMark(s.db);
    expect(mark).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    expect(await countLeadsSince(s.db, mark)).toBe(0);
    await insertLeads(s.db, [{ firstName: 'New', lastName: 'Arrival', createdAt: new Date(now.getTime() + 60_000) }]);
    expect(await countLeadsSince(s.db, mark)).toBe(1);
  });
});

describe('bulk changes', () => {
  const s = database();
  const ctx = (): BulkContext => ({ staffId: s.me.id, meta, now });

  const activitiesOf = (db: Database, ids: string[]) => db.select().from(t.leadActivities).where(inArray(t.leadActivities.leadId, ids));
  const auditOf = (db: Database, action: string) => db.select().from(t.auditLog).where(eq(t.auditLog.action, action));

  it('moves only the leads the state machine allows, skips the rest, and records each change', async () => {
    const [fresh, another, already, closed, erased] = await insertLeads(s.db, [
      { firstName: 'Fresh', lastName: 'One', status: 'new' },
      { firstName: 'Fresh', lastName: 'Two', status: 'new', firstContactedAt: hoursAgo(3) },
      { firstName: 'Already', lastName: 'Contacted', status: 'contacted' },
      { firstName: 'Became', lastName: 'Patient', status: 'became_patient' },
      { firstName: 'Erased', lastName: 'Lead', status: 'new', erasedAt: hoursAgo(1) },
    ]);
    const ids = [fresh!, another!, already!, closed!, erased!].map((l) => l.id);
    const result = await bulkChangeStatus(s.db, { leadIds: [...ids, fresh!.id], to: 'contacted' }, ctx());
    expect(result).toEqual({ ok: true, data: { changed: 2, skipped: 3, reasons: { notAllowed: 1, unchanged: 1, missing: 1 } } });

    const after = new Map((await s.db.select().from(t.leads).where(inArray(t.leads.id, ids))).map((l) => [l.id, l]));
    expect(after.get(fresh!.id)).toMatchObject({ status: 'contacted', version: 2, firstContactedAt: now });
    expect(after.get(another!.id)).toMatchObject({ status: 'contacted', version: 2, firstContactedAt: hoursAgo(3) });
    expect(after.get(already!.id)).toMatchObject({ status: 'contacted', version: 1 });
    expect(after.get(closed!.id)).toMatchObject({ status: 'became_patient', version: 1 });
    expect(after.get(erased!.id)).toMatchObject({ status: 'new', version: 1 });

    const activities = await activitiesOf(s.db, ids);
    expect(activities.map((a) => [a.leadId, a.type, a.actorType, a.actorStaffId, a.payload]).sort()).toEqual(
      [
        [fresh!.id, 'status_changed', 'staff', s.me.id, { from: 'new', to: 'contacted', bulk: true }],
        [another!.id, 'status_changed', 'staff', s.me.id, { from: 'new', to: 'contacted', bulk: true }],
      ].sort(),
    );
    const audit = await auditOf(s.db, 'leads_bulk_updated');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorStaffId: s.me.id, entityType: 'lead', ip: '127.0.0.1' });
    expect(audit[0]!.detail).toMatchObject({ change: 'status', to: 'contacted', changed: 2, skipped: 3 });
    expect((audit[0]!.detail.leadIds as string[]).sort()).toEqual([fresh!.id, another!.id].sort());
  });

  it('clears the follow-up date of a lead it closes unless the lead still has an open task', async () => {
    const [withTask, without] = await insertLeads(s.db, [
      { firstName: 'Task', lastName: 'Holder', status: 'contacted', nextFollowUpAt: hoursAgo(5) },
      { firstName: 'No', lastName: 'Task', status: 'contacted', nextFollowUpAt: hoursAgo(5) },
    ]);
    await s.db.insert(t.followUpTasks).values({ leadId: withTask!.id, title: 'Call back', dueAt: hoursAgo(-48) });
    const result = await bulkChangeStatus(s.db, { leadIds: [withTask!.id, without!.id], to: 'no_response' }, ctx());
    expect(result).toMatchObject({ ok: true, data: { changed: 2 } });
    const rows = await s.db.select().from(t.leads).where(inArray(t.leads.id, [withTask!.id, without!.id]));
    expect(rows.find((r) => r.id === withTask!.id)?.nextFollowUpAt).toEqual(hoursAgo(-48));
    expect(rows.find((r) => r.id === without!.id)?.nextFollowUpAt).toBeNull();
  });

  it('writes nothing at all when any part of the change fails', async () => {
    const [lead] = await insertLeads(s.db, [{ firstName: 'Atomic', lastName: 'Lead', status: 'new' }]);
    const auditsBefore = (await auditOf(s.db, 'leads_bulk_updated')).length;
    // The audit entry is written last; an address Postgres cannot store as inet makes it fail.
    await expect(bulkChangeStatus(s.db, { leadIds: [lead!.id], to: 'contacted' }, { ...ctx(), meta: { ip: 'not-an-address', userAgent: null } })).rejects.toThrow();
    const [after] = await s.db.select().from(t.leads).where(eq(t.leads.id, lead!.id));
    expect(after).toMatchObject({ status: 'new', version: 1, firstContactedAt: null });
    expect(await activitiesOf(s.db, [lead!.id])).toEqual([]);
    expect(await auditOf(s.db, 'leads_bulk_updated')).toHaveLength(auditsBefore);
  });

  it('assigns to an active member of staff, skipping leads already theirs', async () => {
    const [a, b] = await insertLeads(s.db, [
      { firstName: 'Assign', lastName: 'Me', assignedToId: null },
      { firstName: 'Already', lastName: 'Other', assignedToId: s.other.id },
    ]);
    const result = await bulkAssign(s.db, { leadIds: [a!.id, b!.id], assigneeId: s.other.id }, ctx());
    expect(result).toEqual({ ok: true, data: { changed: 1, skipped: 1, reasons: { notAllowed: 0, unchanged: 1, missing: 0 } } });
    const [row] = await s.db.select().from(t.leads).where(eq(t.leads.id, a!.id));
    expect(row).toMatchObject({ assignedToId: s.other.id, version: 2 });
    const activities = await activitiesOf(s.db, [a!.id, b!.id]);
    expect(activities.map((x) => [x.leadId, x.type, x.payload])).toEqual([[a!.id, 'assigned', { from: null, to: s.other.id, bulk: true }]]);

    const unassigned = await bulkAssign(s.db, { leadIds: [a!.id], assigneeId: null }, ctx());
    expect(unassigned).toMatchObject({ ok: true, data: { changed: 1 } });
  });

  it('refuses an unknown or disabled assignee, an empty selection and too many leads', async () => {
    const [lead] = await insertLeads(s.db, [{ firstName: 'Refused', lastName: 'Lead' }]);
    const [disabled] = await s.db.insert(t.staffUsers).values(buildStaffUser({ disabledAt: hoursAgo(1) })).returning();
    expect(await bulkAssign(s.db, { leadIds: [lead!.id], assigneeId: disabled!.id }, ctx())).toEqual({ ok: false, code: 'unknown_assignee' });
    expect(await bulkAssign(s.db, { leadIds: [lead!.id], assigneeId: crypto.randomUUID() }, ctx())).toEqual({ ok: false, code: 'unknown_assignee' });
    expect(await bulkChangeStatus(s.db, { leadIds: [], to: 'contacted' }, ctx())).toEqual({ ok: false, code: 'no_leads' });
    const many = Array.from({ length: 201 }, () => crypto.randomUUID());
    expect(await bulkChangeStatus(s.db, { leadIds: many, to: 'contacted' }, ctx())).toEqual({ ok: false, code: 'too_many' });
    const [row] = await s.db.select().from(t.leads).where(eq(t.leads.id, lead!.id));
    expect(row?.version).toBe(1);
  });
});

describe('the CSV export', () => {
  const s = database();

  async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
    // Keep the byte order mark (Response.text() would drop it) to check it is there.
    return new TextDecoder('utf-8', { ignoreBOM: true }).decode(await new Response(stream).arrayBuffer());
  }

  it('streams exactly the filtered rows, in the inbox order, spreadsheet-safe and without health details', async () => {
    await insertLeads(s.db, [
      { firstName: '=HYPERLINK("http://evil.example","Click")', lastName: 'Smith', email: 'evil@example.com', phoneE164: '+13235550100', sourcePage: 'csv', utmCampaign: 'fall', reference: 'CR-CSV001', createdAt: hoursAgo(1), assignedToId: s.me.id, nextFollowUpAt: hoursAgo(-5) },
      { firstName: 'José', lastName: 'Nguyễn, "Jr"', sourcePage: 'csv', urgency: 'urgent', reference: 'CR-CSV002', createdAt: hoursAgo(3), requestedAt: hoursAgo(2) },
      { firstName: 'Line', lastName: 'Break\nName', sourcePage: 'csv', reference: 'CR-CSV003', createdAt: hoursAgo(4) },
      { firstName: 'Other', lastName: 'Source', sourcePage: 'elsewhere' },
      { firstName: 'Erased', lastName: 'Csv', sourcePage: 'csv', erasedAt: hoursAgo(1) },
    ]);
    const filters = { ...EMPTY_FILTERS, source: 'csv' };
    const expected = (await allPages(s.db, filters, s.viewer)).flat();
    expect(expected).toHaveLength(3);

    const text = await readAll(inboxCsvStream(s.db, { filters, viewer: s.viewer, now, meta, batchSize: 2 }));
    expect(text.startsWith('\uFEFF"Reference","First name"')).toBe(true);
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual([...CSV_HEADER]);
    expect(rows.map((r) => r[0])).toEqual(expected.map((r) => r.reference));
    expect(rows).toEqual([
      ['CR-CSV002', 'José', 'Nguyễn, "Jr"', expected[0]!.email, `'${expected[0]!.phone}`, 'New', 'Urgent', 'csv', '', hoursAgo(2).toISOString(), '', ''],
      ['CR-CSV001', `'=HYPERLINK("http://evil.example","Click")`, 'Smith', 'evil@example.com', "'+13235550100", 'New', 'Routine', 'csv', 'fall', hoursAgo(1).toISOString(), hoursAgo(-5).toISOString(), 'Sam Frontdesk'],
      ['CR-CSV003', 'Line', 'Break\nName', expected[2]!.email, `'${expected[2]!.phone}`, 'New', 'Routine', 'csv', '', hoursAgo(4).toISOString(), '', ''],
    ]);
    expect(text).not.toMatch(/lower back|pain|red flag/i);

    const [audit] = await s.db.select().from(t.auditLog).where(and(eq(t.auditLog.action, 'leads_exported_csv'), eq(t.auditLog.actorStaffId, s.me.id)));
    expect(audit).toMatchObject({ entityType: 'lead', detail: { rows: 3, complete: true, filters: { source: 'csv' } } });
  });

  it('writes just the header for a filter that matches nobody, and audits that too', async () => {
    const filters = { ...EMPTY_FILTERS, source: 'nobody-here' };
    const text = await readAll(inboxCsvStream(s.db, { filters, viewer: s.viewer, now, meta }));
    expect(parseCsv(text)).toEqual([[...CSV_HEADER]]);
    const audits = await s.db.select().from(t.auditLog).where(eq(t.auditLog.action, 'leads_exported_csv'));
    expect(audits.some((a) => a.detail.rows === 0 && (a.detail.filters as InboxFilters).source === 'nobody-here')).toBe(true);
  });

  it('audits that a search was used, never the words searched for (the audit log outlives erasure)', async () => {
    const filters = { ...EMPTY_FILTERS, source: 'csv', q: 'smith' };
    await readAll(inboxCsvStream(s.db, { filters, viewer: s.viewer, now, meta }));
    const audits = await s.db.select().from(t.auditLog).where(eq(t.auditLog.action, 'leads_exported_csv'));
    const searched = audits.filter((a) => (a.detail.filters as InboxFilters).q !== null);
    expect(searched.map((a) => (a.detail.filters as InboxFilters).q)).toEqual(['[search]']);
    expect(JSON.stringify(audits)).not.toMatch(/smith/i);
  });

  it('records a download stopped part-way as incomplete, with the rows sent so far', async () => {
    await insertLeads(s.db, Array.from({ length: 5 }, (_, i) => ({ firstName: 'Cancel', lastName: `Me ${i}`, sourcePage: 'cancel' })));
    const stream = inboxCsvStream(s.db, { filters: { ...EMPTY_FILTERS, source: 'cancel' }, viewer: s.viewer, now, meta, batchSize: 2 });
    const reader = stream.getReader();
    await reader.read(); // the header
    await reader.read(); // the first two rows
    await reader.cancel();
    const audits = await s.db.select().from(t.auditLog).where(eq(t.auditLog.action, 'leads_exported_csv'));
    expect(audits.find((a) => (a.detail.filters as InboxFilters).source === 'cancel')?.detail).toMatchObject({ complete: false, rows: 2 });
  });
});
