// Follow-up tasks: creating, completing and cancelling them (each on the lead's timeline), keeping
// leads.next_follow_up_at equal to the earliest open task, and the tasks page's two lists.
import { and, asc, eq, isNull, lt, min } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Database, Executor } from '@/db/client';
import { followUpTasks, leads, staffUsers, type FollowUpTask, type Lead } from '@/db/schema';
import { changeLead, refuse, type LeadChangeResult, type StaffContext } from './lead-change';
import { recordActivity } from '@/lib/timeline/write';

/** leads.next_follow_up_at = the earliest open task's due time (null when none is open). */
export async function refreshNextFollowUp(tx: Executor, leadId: string): Promise<Date | null> {
  const [row] = await tx
    .select({ due: min(followUpTasks.dueAt) })
    .from(followUpTasks)
    .where(and(eq(followUpTasks.leadId, leadId), eq(followUpTasks.status, 'open')));
  const due = row?.due ?? null;
  await tx.update(leads).set({ nextFollowUpAt: due }).where(eq(leads.id, leadId));
  return due;
}

/** Writes a task and its timeline entry in the caller's transaction (the caller refreshes next_follow_up_at). */
export async function insertTask(
  tx: Executor,
  lead: Lead,
  task: { title: string; dueAt: Date; assignedToId: string | null },
  ctx: StaffContext,
): Promise<FollowUpTask> {
  if (task.assignedToId) await assertActiveStaff(tx, task.assignedToId, 'assignee');
  const [row] = await tx
    .insert(followUpTasks)
    .values({ leadId: lead.id, title: task.title, dueAt: task.dueAt, assignedToId: task.assignedToId, createdById: ctx.staffId, createdAt: ctx.now, updatedAt: ctx.now })
    .returning();
  await recordActivity(tx, {
    leadId: lead.id,
    type: 'task_created',
    actorType: 'staff',
    actorStaffId: ctx.staffId,
    payload: { taskId: row!.id, title: task.title, dueAt: task.dueAt.toISOString(), assignedToId: task.assignedToId },
    occurredAt: ctx.now,
  });
  return row!;
}

/** Refuses an assignee who does not exist or whose account is disabled. */
export async function assertActiveStaff(tx: Executor, staffId: string, field: string): Promise<void> {
  const [staff] = await tx.select({ disabledAt: staffUsers.disabledAt }).from(staffUsers).where(eq(staffUsers.id, staffId));
  if (!staff || staff.disabledAt) refuse('Select someone whose account is active', field);
}

export async function createTask(
  db: Database,
  input: { leadId: string; version: number; title: string; dueAt: Date; assignee: string | null },
  ctx: StaffContext,
): Promise<LeadChangeResult<{ taskId: string }>> {
  return changeLead(db, ctx, {
    leadId: input.leadId,
    version: input.version,
    change: 'task_created',
    run: async (tx, lead) => {
      const task = await insertTask(tx, lead, { title: input.title, dueAt: input.dueAt, assignedToId: input.assignee }, ctx);
      await refreshNextFollowUp(tx, lead.id);
      return { data: { taskId: task.id }, auditDetail: { taskId: task.id } };
    },
  });
}

/**
 * Marks an open task done (or cancelled), on the lead's timeline, and moves next_follow_up_at on.
 * `version` is the lead's version when the lead's page sent it; the tasks page sends none.
 */
export async function finishTask(
  db: Database,
  input: { taskId: string; version?: number; outcome: 'done' | 'cancelled' },
  ctx: StaffContext,
): Promise<LeadChangeResult<{ leadId: string }>> {
  const [task] = await db.select({ leadId: followUpTasks.leadId }).from(followUpTasks).where(eq(followUpTasks.id, input.taskId));
  if (!task) return { ok: false, code: 'not_found' };
  return changeLead(db, ctx, {
    leadId: task.leadId,
    version: input.version,
    change: input.outcome === 'done' ? 'task_completed' : 'task_cancelled',
    run: async (tx) => {
      // Only an open task moves: of two people clicking "Mark done" at once, the second is told it is done.
      const [finished] = await tx
        .update(followUpTasks)
        .set({ status: input.outcome, completedAt: ctx.now, completedById: ctx.staffId, updatedAt: ctx.now })
        .where(and(eq(followUpTasks.id, input.taskId), eq(followUpTasks.status, 'open')))
        .returning();
      if (!finished) refuse('This task is already closed. Reload to see it.');
      await recordActivity(tx, {
        leadId: task.leadId,
        // There is no separate "cancelled" entry type: the payload says which it was.
        type: 'task_completed',
        actorType: 'staff',
        actorStaffId: ctx.staffId,
        payload: { taskId: input.taskId, title: finished!.title, outcome: input.outcome },
        occurredAt: ctx.now,
      });
      await refreshNextFollowUp(tx, task.leadId);
      return { data: { leadId: task.leadId }, auditDetail: { taskId: input.taskId } };
    },
  });
}

export type TaskRow = {
  id: string;
  title: string;
  dueAt: Date;
  leadId: string;
  leadName: string;
  assigneeId: string | null;
  assigneeName: string | null;
};

const assignee = alias(staffUsers, 'assignee');

function openTasks(db: Executor) {
  return db
    .select({
      id: followUpTasks.id,
      title: followUpTasks.title,
      dueAt: followUpTasks.dueAt,
      leadId: leads.id,
      firstName: leads.firstName,
      lastName: leads.lastName,
      assigneeId: followUpTasks.assignedToId,
      assigneeName: assignee.name,
    })
    .from(followUpTasks)
    .innerJoin(leads, eq(leads.id, followUpTasks.leadId))
    .leftJoin(assignee, eq(assignee.id, followUpTasks.assignedToId));
}

const toRow = (r: Awaited<ReturnType<typeof openTasks>>[number]): TaskRow => ({
  id: r.id,
  title: r.title,
  dueAt: r.dueAt,
  leadId: r.leadId,
  leadName: `${r.firstName} ${r.lastName}`,
  assigneeId: r.assigneeId,
  assigneeName: r.assigneeName,
});

const TASK_LIST_LIMIT = 500;

/** Open tasks assigned to this staff member, soonest due first. */
export async function listMyFollowUps(db: Executor, staffId: string): Promise<TaskRow[]> {
  const rows = await openTasks(db)
    .where(and(eq(followUpTasks.assignedToId, staffId), eq(followUpTasks.status, 'open'), isNull(leads.erasedAt)))
    .orderBy(asc(followUpTasks.dueAt), asc(followUpTasks.id))
    .limit(TASK_LIST_LIMIT);
  return rows.map(toRow);
}

/** Every open task past its due time, whoever it belongs to, most overdue first. */
export async function listOverdueTasks(db: Executor, now: Date): Promise<TaskRow[]> {
  const rows = await openTasks(db)
    .where(and(eq(followUpTasks.status, 'open'), lt(followUpTasks.dueAt, now), isNull(leads.erasedAt)))
    .orderBy(asc(followUpTasks.dueAt), asc(followUpTasks.id))
    .limit(TASK_LIST_LIMIT);
  return rows.map(toRow);
}

/** The open tasks of one lead, soonest first: shown on the lead's page. */
export async function listOpenTasksForLead(db: Executor, leadId: string): Promise<TaskRow[]> {
  const rows = await openTasks(db)
    .where(and(eq(followUpTasks.leadId, leadId), eq(followUpTasks.status, 'open')))
    .orderBy(asc(followUpTasks.dueAt), asc(followUpTasks.id));
  return rows.map(toRow);
}
