'use server';

// The inbox's bulk actions: assign the selected requests, or move them to one status. Parse, call
// lib/inbox/bulk, say how many changed and why any were skipped.
import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { plural } from '@/components/dashboard/inbox/format';
import { requestMeta } from '@/lib/auth';
import { requireStaff } from '@/lib/auth/guard';
import { BULK_MAX_LEADS, bulkAssign, bulkChangeStatus, type BulkOutcome } from '@/lib/inbox/bulk';
import { listAssignableStaff } from '@/lib/inbox/queries';
import { STATUS_LABELS, isLeadStatus } from '@/lib/leads/status';
import { formValues, type FormResult } from '@/lib/forms/parse';
import { failSafe } from '@/lib/http/safe-action';
import { isUuid } from '@/lib/ids';
import { z } from '@/lib/zod';

const uuid = z.string().refine(isUuid);

const bulkSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('assign'), ids: z.array(uuid), assignee: z.union([uuid, z.literal('none')]) }),
  z.object({ intent: z.literal('status'), ids: z.array(uuid), status: z.string().refine(isLeadStatus) }),
]);

function skippedSentence(outcome: BulkOutcome, statusLabel?: string): string {
  const { notAllowed, unchanged, missing } = outcome.reasons;
  const parts = [
    notAllowed ? `${plural(notAllowed, 'request')} cannot move to ${statusLabel} from ${notAllowed === 1 ? 'its' : 'their'} status` : null,
    unchanged ? (statusLabel ? `${plural(unchanged, 'was', 'were')} already ${statusLabel}` : `${plural(unchanged, 'was', 'were')} already assigned that way`) : null,
    missing ? `${plural(missing, 'request')} ${missing === 1 ? 'is' : 'are'} no longer in the inbox` : null,
  ].filter(Boolean);
  return parts.length ? ` ${plural(outcome.skipped, 'request')} skipped: ${parts.join('; ')}.` : '';
}

export async function bulkUpdateAction(_state: FormResult, formData: FormData): Promise<FormResult> {
  return failSafe('bulkUpdateAction', async (): Promise<FormResult> => {
    const staff = await requireStaff('leads.write', '/dashboard');
    const { assignee = '', status = '', intent = '' } = formValues(formData);
    const values = { assignee, status };
    // The one field posted many times (a checkbox per row): the kit's values keep one value per name.
    const ids = formData.getAll('ids').map(String);
    if (ids.length === 0) return { ok: false, message: 'Select at least one request first', values };
    if (ids.length > BULK_MAX_LEADS) return { ok: false, message: `Select at most ${BULK_MAX_LEADS} requests at a time`, values };
    if (intent === 'assign' && !values.assignee) return { ok: false, message: 'Choose who to assign them to', errors: { assignee: 'Choose who to assign them to' }, values };
    if (intent === 'status' && !values.status) return { ok: false, message: 'Choose the status to move them to', errors: { status: 'Choose the status to move them to' }, values };
    const parsed = bulkSchema.safeParse({ intent, ids, assignee: values.assignee, status: values.status });
    if (!parsed.success) return { ok: false, message: 'That change was not understood. Reload the page and try again', values };

    const db = await getDb();
    const ctx = { staffId: staff.id, meta: await requestMeta(), now: new Date() };
    const input = parsed.data;
    if (input.intent === 'assign') {
      const assigneeId = input.assignee === 'none' ? null : input.assignee;
      const result = await bulkAssign(db, { leadIds: input.ids, assigneeId }, ctx);
      if (!result.ok) {
        return result.code === 'unknown_assignee'
          ? { ok: false, message: 'Choose someone whose account is active', errors: { assignee: 'Choose someone whose account is active' }, values }
          : { ok: false, message: 'Select at least one request first', values };
      }
      const who = assigneeId ? ((await listAssignableStaff(db)).find((s) => s.id === assigneeId)?.name ?? 'them') : null;
      revalidatePath('/dashboard');
      const done = who ? `${plural(result.data.changed, 'request')} assigned to ${who}.` : `${plural(result.data.changed, 'request')} unassigned.`;
      return { ok: true, message: done + skippedSentence(result.data) };
    }
    const result = await bulkChangeStatus(db, { leadIds: input.ids, to: input.status as keyof typeof STATUS_LABELS }, ctx);
    if (!result.ok) return { ok: false, message: 'Select at least one request first', values };
    revalidatePath('/dashboard');
    const label = STATUS_LABELS[input.status as keyof typeof STATUS_LABELS];
    return { ok: true, message: `${plural(result.data.changed, 'request')} moved to ${label}.` + skippedSentence(result.data, label) };
  });
}
