'use server';

// Erasing a person's data: an admin, recently confirmed, who types the confirming word (lib/privacy/service).
import { redirect } from 'next/navigation';
import { getDb } from '@/db/client';
import { requestMeta } from '@/lib/auth';
import { requireRecentAuth, requireStaff } from '@/lib/auth/guard';
import { eraseLead } from '@/lib/privacy/service';
import { formValues, parseValues, refused, type FormResult } from '@/lib/forms/parse';
import { failSafe } from '@/lib/http/safe-action';
import { isUuid } from '@/lib/ids';
import { z } from '@/lib/zod';

/** The word an admin types to show they mean it: erasure cannot be undone. */
const CONFIRM_WORD = 'ERASE';

const confirmSchema = z.object({
  confirm: z
    .string({ error: `Type ${CONFIRM_WORD} to confirm` })
    .trim()
    .min(1, `Type ${CONFIRM_WORD} to confirm`)
    .refine((word) => word === CONFIRM_WORD, `Type ${CONFIRM_WORD} in capital letters to confirm`),
});

export async function eraseLeadAction(_state: FormResult, formData: FormData): Promise<FormResult> {
  return failSafe('eraseLeadAction', async (): Promise<FormResult> => {
    const values = formValues(formData);
    const leadId = values.leadId ?? '';
    const page = `/dashboard/privacy/${leadId}/erase`;
    const admin = await requireStaff('leads.erase', page);
    requireRecentAuth(admin, page);
    if (!isUuid(leadId)) return { ok: false, message: 'This person’s record no longer exists.' };
    const parsed = parseValues(confirmSchema, values);
    if (!parsed.ok) return refused(parsed);
    const result = await eraseLead(await getDb(), { leadId, actorId: admin.id, meta: await requestMeta(), now: new Date() });
    if (!result.ok && result.code === 'not_found') return { ok: false, message: 'This person’s record no longer exists.' };
    // Erased now, or already erased by someone else a moment ago: either way the page now says so.
    redirect(page);
  });
}
