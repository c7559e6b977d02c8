'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { getDb } from '@/db/client';
import type { FormState } from '@/components/dashboard/form';
import { requestMeta } from '@/lib/auth';
import { requireRecentAuth, requireStaff } from '@/lib/auth/guard';
import { eraseLead } from '@/lib/leads/privacy';
import { failSafe } from '@/lib/http/safe-action';

/** The word an admin types to show they mean it: erasure cannot be undone. */
const CONFIRM_WORD = 'ERASE';

export async function eraseLeadAction(_state: FormState, formData: FormData): Promise<FormState> {
  return failSafe('eraseLeadAction', async (): Promise<FormState> => {
    const leadId = String(formData.get('leadId') ?? '');
    const page = `/dashboard/privacy/${leadId}/erase`;
    const admin = await requireStaff('leads.erase', page);
    requireRecentAuth(admin, page);
    if (!z.uuid().safeParse(leadId).success) return { ok: false, message: 'This person’s record no longer exists.' };
    const confirm = String(formData.get('confirm') ?? '').trim();
    if (confirm !== CONFIRM_WORD) {
      return {
        ok: false,
        errors: { confirm: confirm ? `Type ${CONFIRM_WORD} in capital letters to confirm` : `Type ${CONFIRM_WORD} to confirm` },
        values: { confirm },
      };
    }
    const result = await eraseLead(await getDb(), { leadId, actorId: admin.id, meta: await requestMeta(), now: new Date() });
    if (!result.ok && result.code === 'not_found') return { ok: false, message: 'This person’s record no longer exists.' };
    // Erased now, or already erased by someone else a moment ago: either way the page now says so.
    redirect(page);
  });
}
