'use server';

// The patient's own changes through their private link: move or cancel the consultation.
import { redirect } from 'next/navigation';
import type { StepResult } from '@/components/consult/form';
import { getDb } from '@/db/client';
import { appointmentWhen } from '@/lib/booking/time-words';
import { clinic } from '@/lib/env';
import { cancelAppointment, rescheduleAppointment } from '@/lib/booking/service';
import { formDataToObject, parseNewTime } from '@/lib/intake/schema';
import { requestForToken } from './access';
import { failSafe } from '@/lib/http/safe-action';

export async function rescheduleFromLink(token: string, _state: StepResult, formData: FormData): Promise<StepResult> {
  return failSafe('rescheduleFromLink', async (): Promise<StepResult> => {
    const now = new Date();
    const summary = await requestForToken(token, now);
    if (!summary?.appointment || summary.appointment.status !== 'booked') redirect(`/consult/manage/${token}`);
    const newTime = parseNewTime(formDataToObject(formData));
    if (newTime === null) return { ok: false, errors: { slot: 'Choose a new time' }, values: {} };
    const result = await rescheduleAppointment(await getDb(), {
      appointmentId: summary.appointment.id,
      newStart: new Date(newTime),
      now,
      actor: { type: 'patient' },
    });
    if (result.ok) redirect(`/consult/manage/${token}?changed=moved`);
    if (result.code === 'slot_taken' || result.code === 'slot_unavailable') {
      const alternatives = result.alternatives.map((s) => appointmentWhen(s.start, { clinic: clinic().timeZone, patient: summary.timeZone })).join('; ');
      return {
        ok: false,
        errors: { slot: `That time is no longer free. Choose another time${alternatives ? `, for example ${alternatives}` : ''}` },
        values: {},
      };
    }
    redirect(`/consult/manage/${token}`);
  });
}

export async function cancelFromLink(token: string): Promise<void> {
  return failSafe('cancelFromLink', async (): Promise<void> => {
    const now = new Date();
    const summary = await requestForToken(token, now);
    if (summary?.appointment && summary.appointment.status === 'booked') {
      await cancelAppointment(await getDb(), { appointmentId: summary.appointment.id, now, actor: { type: 'patient' }, reason: 'Cancelled by the patient online' });
    }
    redirect(`/consult/manage/${token}?changed=cancelled`);
  });
}
