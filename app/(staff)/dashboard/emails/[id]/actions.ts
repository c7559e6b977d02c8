'use server';

// Sending a failed message again: back in the queue with its attempts reset (lib/email/staff-view).
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getDb } from '@/db/client';
import { requestMeta } from '@/lib/auth';
import { requireStaff } from '@/lib/auth/guard';
import { retryFailedEmail } from '@/lib/email/staff-view';
import { formValues, type FormResult } from '@/lib/forms/parse';
import { failSafe } from '@/lib/http/safe-action';
import { isUuid } from '@/lib/ids';

const MESSAGES = {
  not_found: 'This email no longer exists.',
  not_failed: 'This email has not failed (it may already be queued again). Reload the page to see where it is.',
  superseded: 'A newer copy of this email is already waiting to be sent, so this one is not sent again.',
  link_gone: 'This email carried a one-time link, which is deleted when the email fails. Send a new invitation, or ask them to reset their password again.',
} as const;

export async function retryEmailAction(_state: FormResult, formData: FormData): Promise<FormResult> {
  return failSafe('retryEmailAction', async (): Promise<FormResult> => {
    const staff = await requireStaff('leads.write');
    const { emailId } = formValues(formData);
    if (!isUuid(emailId)) return { ok: false, message: MESSAGES.not_found };
    const result = await retryFailedEmail(await getDb(), { emailId, staffId: staff.id, meta: await requestMeta(), now: new Date() });
    if (!result.ok) return { ok: false, message: MESSAGES[result.code] };
    revalidatePath('/dashboard/emails');
    // The retry button goes away with the failed status, so the confirmation lives on the page itself.
    redirect(`/dashboard/emails/${emailId}?queued=1`);
  });
}
