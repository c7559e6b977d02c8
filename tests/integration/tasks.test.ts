// Follow-up tasks on a real database: next_follow_up_at follows the earliest open task, completing one
// is on the timeline and audited, and the tasks page's two lists.
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { buildLead, buildStaffUser } from '@/db/factories';
import * as t from '@/db/schema';
import type { StaffContext } from '@/lib/leads/lead-change';
import { clinicTimeToInstant, FORM_MESSAGES, parseLeadForm, taskSchema } from '@/lib/leads/lead-forms';
import { addNote, logCall } from '@/lib/leads/staff-actions';
import { createTask, finishTask, listMyFollowUps, listOpenTasksForLead, listOverdueTasks } from '@/lib/leads/tasks';
import { createTestDatabase, primaryBackend, type TestDatabase } from '../support/db';

const now = new Date('2026-12-01T17:00:00Z');
const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
const meta = { ip: '203.0.113.30', userAgent: 'vitest' };

let handle: TestDatabase;
let db: Database;
let alice: t.StaffUser;
let bob: t.StaffUser;

beforeAll(async () => {
  handle = await createTestDatabase(await primaryBackend());
  db = handle.db;
  [alice, bob] = (await db
    .insert(t.staffUsers)
    .values([buildStaffUser({ name: 'Alice Front' }), buildStaffUser({ name: 'Bob Desk' })])
    .returning()) as [t.StaffUser, t.StaffUser];
});
afterAll(async () => {
  await handle?.dispose();
});

const as = (staff: t.StaffUser, when = now): StaffContext => ({ staffId: staff.id, meta, now: when });

async function newLead(overrides: Partial<t.NewLead> = {}) {
  const [lead] = await db.insert(t.leads).values(buildLead({ nextFollowUpAt: at(-30), ...overrides })).returning();
  return lead!;
}
async function leadRow(id: string) {
  const [lead] = await db.select().from(t.leads).where(eq(t.leads.id, id));
  return lead!;
}
async function task(lead: t.Lead, title: string, dueAt: Date, assignee: t.StaffUser | null, by = alice) {
  const { version } = await leadRow(lead.id);
  const result = await createTask(db, { leadId: lead.id, version, title, dueAt, assignee: assignee?.id ?? null }, as(by));
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result.data.taskId;
}
const timeline = (leadId: string) =>
  db.select().from(t.leadActivities).where(eq(t.leadActivities.leadId, leadId)).orderBy(asc(t.leadActivities.occurredAt));

describe('next_follow_up_at', () => {
  it('is the earliest open task’s due time, moving on as tasks are completed, and empty when none is open', async () => {
    const lead = await newLead();
    const later = await task(lead, 'Send the forms', at(48 * 60), alice);
    expect((await leadRow(lead.id)).nextFollowUpAt).toEqual(at(48 * 60));
    const sooner = await task(lead, 'Call back', at(3 * 60), bob);
    expect((await leadRow(lead.id)).nextFollowUpAt).toEqual(at(3 * 60));

    expect(await finishTask(db, { taskId: sooner, outcome: 'done' }, as(bob, at(10)))).toEqual({ ok: true, data: { leadId: lead.id } });
    expect((await leadRow(lead.id)).nextFollowUpAt).toEqual(at(48 * 60));
    expect(await finishTask(db, { taskId: later, outcome: 'cancelled' }, as(alice, at(11)))).toMatchObject({ ok: true });
    expect((await leadRow(lead.id)).nextFollowUpAt).toBeNull();
    expect(await listOpenTasksForLead(db, lead.id)).toEqual([]);
  });
});

describe('completing a task', () => {
  it('records who completed it and when, on the lead’s timeline, with an audit entry', async () => {
    const lead = await newLead();
    const id = await task(lead, 'Call back', at(60), alice);
    await finishTask(db, { taskId: id, outcome: 'done' }, as(bob, at(5)));
    const [row] = await db.select().from(t.followUpTasks).where(eq(t.followUpTasks.id, id));
    expect(row).toMatchObject({ status: 'done', completedAt: at(5), completedById: bob.id });
    const entries = await timeline(lead.id);
    expect(entries.map((e) => e.type)).toEqual(['task_created', 'task_completed']);
    expect(entries[1]).toMatchObject({ actorType: 'staff', actorStaffId: bob.id, occurredAt: at(5), payload: { taskId: id, title: 'Call back', outcome: 'done' } });
    const audit = await db
      .select()
      .from(t.auditLog)
      .where(and(eq(t.auditLog.entityId, lead.id), eq(t.auditLog.actorStaffId, bob.id)));
    expect(audit).toMatchObject([{ action: 'lead_updated', detail: { change: 'task_completed', taskId: id } }]);
  });

  it('tells the second of two people marking one task done that it is already closed, and records it once', async () => {
    const lead = await newLead();
    const id = await task(lead, 'Call back', at(60), alice);
    const results = await Promise.all([finishTask(db, { taskId: id, outcome: 'done' }, as(alice)), finishTask(db, { taskId: id, outcome: 'done' }, as(bob))]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ ok: false, code: 'refused', message: 'This task is already closed. Reload to see it.' });
    expect((await timeline(lead.id)).filter((e) => e.type === 'task_completed')).toHaveLength(1);
  });

  it('from the tasks page bumps the lead’s version, so a lead page opened before it is told of the change', async () => {
    const lead = await newLead();
    const id = await task(lead, 'Call back', at(60), alice);
    const { version } = await leadRow(lead.id);
    await finishTask(db, { taskId: id, outcome: 'done' }, as(bob));
    expect(await addNote(db, { leadId: lead.id, version, body: 'typed on the old page' }, as(alice))).toEqual({ ok: false, code: 'conflict' });
  });

  it('from the lead page checks the version it was rendered with', async () => {
    const lead = await newLead();
    const id = await task(lead, 'Call back', at(60), alice);
    const { version } = await leadRow(lead.id);
    await addNote(db, { leadId: lead.id, version, body: 'someone else first' }, as(bob));
    expect(await finishTask(db, { taskId: id, version, outcome: 'done' }, as(alice))).toEqual({ ok: false, code: 'conflict' });
    expect((await listOpenTasksForLead(db, lead.id)).map((x) => x.id)).toEqual([id]);
  });

  it('answers not_found for a task that does not exist', async () => {
    expect(await finishTask(db, { taskId: '00000000-0000-4000-8000-000000000000', outcome: 'done' }, as(alice))).toEqual({ ok: false, code: 'not_found' });
  });
});

describe('a logged call with a follow-up', () => {
  it('creates the task for whoever the lead is assigned to', async () => {
    const lead = await newLead({ assignedToId: bob.id });
    await logCall(db, { leadId: lead.id, version: lead.version, outcome: 'voicemail', nextStep: 'Ring again', dueAt: at(90) }, as(alice));
    expect(await listOpenTasksForLead(db, lead.id)).toMatchObject([{ title: 'Ring again', dueAt: at(90), assigneeId: bob.id, assigneeName: 'Bob Desk' }]);
  });
});

describe('the tasks page', () => {
  it('lists my open follow-ups soonest first, and every overdue task for everyone, leaving out closed tasks and erased people', async () => {
    const [carol] = await db.insert(t.staffUsers).values(buildStaffUser({ name: 'Carol Lists' })).returning();
    const [dave] = await db.insert(t.staffUsers).values(buildStaffUser({ name: 'Dave Lists' })).returning();
    const lead = await newLead({ firstName: 'Tess', lastName: 'Tasks' });
    const other = await newLead();
    const erased = await newLead();
    // Created "yesterday" so some are already overdue "now".
    const yesterday = (minutes: number) => at(-24 * 60 + minutes);
    const mk = async (l: t.Lead, title: string, dueAt: Date, who: t.StaffUser) => {
      const { version } = await leadRow(l.id);
      const result = await createTask(db, { leadId: l.id, version, title, dueAt, assignee: who.id }, as(carol!, yesterday(0)));
      if (!result.ok) throw new Error(JSON.stringify(result));
      return result.data.taskId;
    };
    const mineLater = await mk(lead, 'Mine later', at(120), carol!);
    const mineOverdue = await mk(lead, 'Mine overdue', at(-60), carol!);
    const theirsOverdue = await mk(other, 'Theirs overdue', at(-120), dave!);
    const mineDone = await mk(other, 'Mine done', at(-10), carol!);
    await finishTask(db, { taskId: mineDone, outcome: 'done' }, as(carol!, at(-5)));
    await mk(erased, 'About an erased person', at(-30), carol!);
    await db.update(t.leads).set({ erasedAt: at(-1) }).where(eq(t.leads.id, erased.id));

    const mine = await listMyFollowUps(db, carol!.id);
    expect(mine.map((x) => x.id)).toEqual([mineOverdue, mineLater]);
    expect(mine[0]).toMatchObject({ leadName: 'Tess Tasks', assigneeName: 'Carol Lists', dueAt: at(-60) });

    const overdue = (await listOverdueTasks(db, now)).filter((x) => [mineLater, mineOverdue, theirsOverdue, mineDone].includes(x.id));
    expect(overdue.map((x) => x.id)).toEqual([theirsOverdue, mineOverdue]);
    expect(overdue[0]).toMatchObject({ assigneeName: 'Dave Lists' });
  });
});

describe('the task form', () => {
  const schema = taskSchema({ now, timeZone: 'America/Los_Angeles' });
  const form = (fields: Record<string, string>) => {
    const data = new FormData();
    for (const [k, v] of Object.entries({ leadId: '11111111-1111-4111-8111-111111111111', version: '3', assignee: '', ...fields })) data.set(k, v);
    return data;
  };

  it('reads the due date and time at the clinic and stores the instant', () => {
    const parsed = parseLeadForm(schema, form({ title: 'Call back', dueDate: '2026-12-02', dueTime: '09:30' }));
    expect(parsed).toMatchObject({ ok: true, data: { title: 'Call back', dueAt: new Date('2026-12-02T17:30:00Z'), version: 3, assignee: null } });
    // Summer time: 9:30am in July is 16:30 UTC.
    expect(clinicTimeToInstant('2027-07-01', '09:30', 'America/Los_Angeles')).toEqual(new Date('2027-07-01T16:30:00Z'));
  });

  it('says what is wrong with each field and keeps what was typed', () => {
    expect(parseLeadForm(schema, form({ title: '', dueDate: '', dueTime: '9' }))).toEqual({
      ok: false,
      errors: { title: FORM_MESSAGES.taskTitleRequired, dueDate: FORM_MESSAGES.dueDate, dueTime: FORM_MESSAGES.dueTime },
      values: expect.objectContaining({ title: '', dueTime: '9' }),
    });
    expect(parseLeadForm(schema, form({ title: 'x', dueDate: '2026-02-31', dueTime: '09:00' }))).toMatchObject({ ok: false, errors: { dueDate: FORM_MESSAGES.dueDateFormat } });
    expect(parseLeadForm(schema, form({ title: 'x', dueDate: '2026-12-01', dueTime: '08:59' }))).toMatchObject({ ok: false, errors: { dueDate: FORM_MESSAGES.dueInPast } });
  });

  it('treats a tampered hidden field as a stale page, said once for the whole form', () => {
    expect(parseLeadForm(schema, form({ version: 'abc', title: 'x', dueDate: '2026-12-02', dueTime: '09:00' }))).toMatchObject({ ok: false, errors: {}, message: FORM_MESSAGES.stale });
  });
});
