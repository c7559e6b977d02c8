'use server';

// "Mark done" on the tasks page: no lead form is involved, so no lead version; the task itself must still be open.
import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { requestMeta } from '@/lib/auth';
import { requireStaff } from '@/lib/auth/guard';
import { parseLeadForm, taskDoneSchema } from '@/lib/leads/lead-forms';
import { finishTask } from '@/lib/leads/tasks';
import type { FormResult } from '@/lib/forms/parse';
import { failSafe } from '@/lib/http/safe-action';

export async function completeTaskFromListAction(_state: FormResult, formData: FormData): Promise<FormResult> {
  return failSafe('completeTaskFromListAction', async (): Promise<FormResult> => {
    const staff = await requireStaff('leads.write');
    const parsed = parseLeadForm(taskDoneSchema, formData);
    if (!parsed.ok) return { ok: false, message: parsed.message ?? 'This page is out of date. Reload it and try again' };
    const result = await finishTask(await getDb(), { taskId: parsed.data.taskId, outcome: 'done' }, { staffId: staff.id, meta: await requestMeta(), now: new Date() });
    if (!result.ok) {
      return { ok: false, message: result.code === 'refused' ? result.message : 'This task could not be found. Reload the page' };
    }
    revalidatePath('/dashboard/tasks');
    revalidatePath(`/dashboard/leads/${result.data.leadId}`);
    return { ok: true, message: 'Done.' };
  });
}
