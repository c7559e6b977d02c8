import type { Metadata } from 'next';
import { getDb } from '@/db/client';
import { MarkDoneForm } from '@/components/dashboard/lead/mark-done';
import { EmptyState, PageHeader } from '@/components/dashboard/ui';
import { requireStaff } from '@/lib/auth/guard';
import { can } from '@/lib/auth/permissions';
import { clinic } from '@/lib/env';
import { formatClinicDateTime } from '@/lib/time/format';
import { listMyFollowUps, listOverdueTasks, type TaskRow } from '@/lib/leads/tasks';
import { completeTaskFromListAction } from './actions';

export const metadata: Metadata = { title: 'Tasks' };

export default async function TasksPage() {
  const staff = await requireStaff('leads.read', '/dashboard/tasks');
  const db = await getDb();
  const now = new Date();
  const [mine, overdue] = await Promise.all([listMyFollowUps(db, staff.id), listOverdueTasks(db, now)]);
  const canWrite = can(staff.role, 'leads.write');
  const timeZone = clinic().timeZone;
  return (
    <>
      <PageHeader title="Tasks" description="Follow-ups set on people’s pages. Times are at the clinic." />
      <nav aria-label="Task lists" className="mb-4">
        <ul className="m-0 flex list-none flex-wrap gap-3 p-0">
          <li>
            <a href="#mine">My follow-ups ({mine.length})</a>
          </li>
          <li>
            <a href="#overdue">Overdue for everyone ({overdue.length})</a>
          </li>
        </ul>
      </nav>
      <TaskSection id="mine" title={`My follow-ups (${mine.length})`} caption="Open follow-ups assigned to you, soonest first" rows={mine} now={now} timeZone={timeZone} canWrite={canWrite} empty="You have no open follow-ups." />
      <TaskSection id="overdue" title={`Overdue (${overdue.length})`} caption="Open follow-ups past their due time, for everyone, most overdue first" rows={overdue} now={now} timeZone={timeZone} canWrite={canWrite} empty="Nothing is overdue." />
    </>
  );
}

function TaskSection({ id, title, caption, rows, now, timeZone, canWrite, empty }: { id: string; title: string; caption: string; rows: TaskRow[]; now: Date; timeZone: string; canWrite: boolean; empty: string }) {
  return (
    <section aria-labelledby={`${id}-title`} className="mb-8 scroll-mt-4" id={id}>
      <h2 id={`${id}-title`} className="m-0 mb-2 text-xl font-bold">
        {title}
      </h2>
      {rows.length === 0 ? (
        <EmptyState title={empty} />
      ) : (
        <div className="relative overflow-x-auto rounded border border-line bg-white">
          <table className="w-full border-collapse text-left">
            <caption className="sr-only">{caption}</caption>
            <thead className="bg-page">
              <tr>
                <th scope="col" className="px-3 py-2">Person</th>
                <th scope="col" className="px-3 py-2">What</th>
                <th scope="col" className="px-3 py-2">Due</th>
                <th scope="col" className="px-3 py-2">For</th>
                {canWrite ? (
                  <th scope="col" className="px-3 py-2">
                    <span className="sr-only">Action</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {rows.map((task) => (
                <tr key={task.id} className="border-t border-line align-top">
                  <td className="px-3 py-2">
                    <a href={`/dashboard/leads/${task.leadId}`}>{task.leadName}</a>
                  </td>
                  <td className="px-3 py-2">{task.title}</td>
                  <td className="whitespace-nowrap px-3 py-2">
                    {task.dueAt < now ? <strong className="text-danger">Overdue: </strong> : null}
                    {formatClinicDateTime(task.dueAt, timeZone)}
                  </td>
                  <td className="px-3 py-2">{task.assigneeName ?? 'Nobody'}</td>
                  {canWrite ? (
                    <td className="px-3 py-2">
                      <MarkDoneForm action={completeTaskFromListAction} hidden={{ taskId: task.id }} context={`${task.title} for ${task.leadName}`} />
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
