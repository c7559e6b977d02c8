'use server';

// The schedule's one change: how a past appointment went (completed or no-show).
import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { requestMeta } from '@/lib/auth';
import { requireStaff } from '@/lib/auth/guard';
import { APPOINTMENT_OUTCOMES, markAppointmentOutcome } from '@/lib/booking/schedule-queries';
import { parseForm } from '@/lib/forms/parse';
import { failSafe } from '@/lib/http/safe-action';
import { z } from '@/lib/zod';

const input = z.object({ appointmentId: z.uuid(), outcome: z.enum(APPOINTMENT_OUTCOMES) });

export async function markAppointmentAction(formData: FormData): Promise<void> {
  return failSafe('markAppointmentAction', async (): Promise<void> => {
    const staff = await requireStaff('leads.write');
    const parsed = parseForm(input, formData);
    // The buttons only exist for past booked appointments; anything else (a stale page) changes nothing,
    // and the refreshed schedule shows the appointment as it now is.
    if (parsed.ok) {
      await markAppointmentOutcome(await getDb(), { ...parsed.data, staffId: staff.id, meta: await requestMeta(), now: new Date() });
    }
    revalidatePath('/dashboard/schedule');
  });
}
