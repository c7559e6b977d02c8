'use server';

// The lead page's forms: each checks leads.write, parses its form, calls one lib function and maps the
// result to the form's state (field errors, the conflict message, what was typed kept).
import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { requestMeta } from '@/lib/auth';
import { requireStaff } from '@/lib/auth/guard';
import { appointmentWhen } from '@/lib/booking/time-words';
import { bookForLead, cancelForLead, rescheduleForLead, type StaffBookingResult } from '@/lib/leads/patient-booking';
import { clinic } from '@/lib/env';
import type { LeadChangeResult, StaffContext } from '@/lib/leads/lead-change';
import {
  assignSchema,
  bookSchema,
  callSchema,
  cancelSchema,
  CONFLICT_MESSAGE,
  noteSchema,
  parseLeadForm,
  rescheduleSchema,
  sendEmailSchema,
  sendTextSchema,
  statusSchema,
  taskDoneSchema,
  taskSchema,
} from '@/lib/leads/lead-forms';
import { formValues, refused, type FormResult } from '@/lib/forms/parse';
import { addNote, assignLead, changeStatus, logCall, sendTemplatedEmail } from '@/lib/leads/staff-actions';
import { sendTemplatedText } from '@/lib/leads/staff-texts';
import { STATUS_LABELS } from '@/lib/leads/status';
import { createTask, finishTask } from '@/lib/leads/tasks';
import { failSafe } from '@/lib/http/safe-action';

/** The booking form's state: the usual form state, plus the nearest free times when the chosen one was taken. */
export type BookingFormState = (NonNullable<FormResult> & { alternatives?: { value: string; label: string }[] }) | null;

async function context(staffId: string): Promise<StaffContext> {
  return { staffId, meta: await requestMeta(), now: new Date() };
}

const leadPath = (leadId: string) => `/dashboard/leads/${leadId}`;

/** A refused or failed change as the form shows it; success revalidates the lead's page (and the tasks list). */
function answer<T>(result: LeadChangeResult<T>, leadId: string, values: Record<string, string>, success: string): FormResult {
  if (result.ok) {
    revalidatePath(leadPath(leadId));
    revalidatePath('/dashboard/tasks');
    return { ok: true, message: success };
  }
  switch (result.code) {
    case 'conflict':
      return { ok: false, message: CONFLICT_MESSAGE, values };
    case 'not_found':
      return { ok: false, message: 'This person’s record no longer exists.', values };
    case 'erased':
      return { ok: false, message: 'This person’s data was erased. Nothing was changed.', values };
    case 'refused':
      return result.field ? { ok: false, errors: { [result.field]: result.message }, values } : { ok: false, message: result.message, values };
  }
}

export async function addNoteAction(_state: FormResult, formData: FormData): Promise<FormResult> {
  return failSafe('addNoteAction', async (): Promise<FormResult> => {
    const staff = await requireStaff('leads.write');
    const parsed = parseLeadForm(noteSchema, formData);
    if (!parsed.ok) return refused(parsed);
    const result = await addNote(await getDb(), parsed.data, await context(staff.id));
    return answer(result, parsed.data.leadId, formValues(formData), 'Note added.');
  });
}

export async function logCallAction(_state: FormResult, formData: FormData): Promise<FormResult> {
  return failSafe('logCallAction', async (): Promise<FormResult> => {
    const staff = await requireStaff('leads.write');
    const ctx = await context(staff.id);
    const parsed = parseLeadForm(callSchema({ now: ctx.now, timeZone: clinic().timeZone }), formData);
    if (!parsed.ok) return refused(parsed);
    const result = await logCall(await getDb(), parsed.data, ctx);
    const followUp = result.ok && result.data.taskId ? ' A follow-up was set.' : '';
    return answer(result, parsed.data.leadId, formValues(formData), `Call logged.${followUp}`);
  });
}

export async function changeStatusAction(_state: FormResult, formData: FormData): Promise<FormResult> {
  return failSafe('changeStatusAction', async (): Promise<FormResult> => {
    const staff = await requireStaff('leads.write');
    const parsed = parseLeadForm(statusSchema, formData);
    if (!parsed.ok) return refused(parsed);
    const result = await changeStatus(await getDb(), parsed.data, await context(staff.id));
    return answer(result, parsed.data.leadId, formValues(formData), `Status changed to ${STATUS_LABELS[parsed.data.to]}.`);
  });
}

export async function assignAction(_state: FormResult, formData: FormData): Promise<FormResult> {
  return failSafe('assignAction', async (): Promise<FormResult> => {
    const staff = await requireStaff('leads.write');
    const parsed = parseLeadForm(assignSchema, formData);
    if (!parsed.ok) return refused(parsed);
    const result = await assignLead(await getDb(), parsed.data, await context(staff.id));
    return answer(result, parsed.data.leadId, formValues(formData), parsed.data.assignee ? 'Assigned.' : 'Nobody is assigned now.');
  });
}

export async function createTaskAction(_state: FormResult, formData: FormData): Promise<FormResult> {
  return failSafe('createTaskAction', async (): Promise<FormResult> => {
    const staff = await requireStaff('leads.write');
    const ctx = await context(staff.id);
    const parsed = parseLeadForm(taskSchema({ now: ctx.now, timeZone: clinic().timeZone }), formData);
    if (!parsed.ok) return refused(parsed);
    const result = await createTask(await getDb(), parsed.data, ctx);
    return answer(result, parsed.data.leadId, formValues(formData), 'Follow-up set.');
  });
}

/** "Mark done" on the lead's page: carries the lead's version. */
export async function completeTaskAction(_state: FormResult, formData: FormData): Promise<FormResult> {
  return failSafe('completeTaskAction', async (): Promise<FormResult> => {
    const staff = await requireStaff('leads.write');
    const parsed = parseLeadForm(taskDoneSchema, formData);
    if (!parsed.ok) return refused(parsed);
    const result = await finishTask(await getDb(), { ...parsed.data, outcome: 'done' }, await context(staff.id));
    return answer(result, result.ok ? result.data.leadId : String(formData.get('leadId') ?? ''), formValues(formData), 'Follow-up done.');
  });
}

export async function sendEmailAction(_state: FormResult, formData: FormData): Promise<FormResult> {
  return failSafe('sendEmailAction', async (): Promise<FormResult> => {
    const staff = await requireStaff('leads.write');
    const parsed = parseLeadForm(sendEmailSchema, formData);
    if (!parsed.ok) return refused(parsed);
    const result = await sendTemplatedEmail(await getDb(), parsed.data, await context(staff.id));
    return answer(result, parsed.data.leadId, formValues(formData), 'Email queued. Its delivery status shows on the timeline.');
  });
}

function isSlotFailure(result: StaffBookingResult): result is Extract<StaffBookingResult, { alternatives: unknown }> {
  return !result.ok && 'alternatives' in result;
}

/** Booking results as the booking form shows them: a taken time offers the nearest free ones. */
function bookingAnswer(result: StaffBookingResult, leadId: string, values: Record<string, string>, success: string): BookingFormState {
  if (result.ok) return answer({ ok: true, data: null }, leadId, values, success);
  if (isSlotFailure(result)) {
    // The page's list of free times is out of date too: refresh it along with the nearest free ones.
    revalidatePath(leadPath(leadId));
    const timeZone = clinic().timeZone;
    return {
      ok: false,
      errors: {
        slot:
          result.code === 'slot_taken'
            ? 'That time was just taken. Choose another time'
            : 'That time is no longer free. Choose another time',
      },
      values: { ...values, slot: '' },
      alternatives: result.alternatives.map((s) => ({ value: s.start.toISOString(), label: appointmentWhen(s.start, { clinic: timeZone }, 'staff') })),
    };
  }
  return answer(result, leadId, values, success);
}

export async function bookAction(_state: BookingFormState, formData: FormData): Promise<BookingFormState> {
  return failSafe('bookAction', async (): Promise<BookingFormState> => {
    const staff = await requireStaff('leads.write');
    const parsed = parseLeadForm(bookSchema, formData);
    if (!parsed.ok) return refused(parsed);
    const { leadId, version, slot } = parsed.data;
    const result = await bookForLead(await getDb(), { leadId, version, start: slot }, await context(staff.id));
    return bookingAnswer(result, leadId, formValues(formData), `Booked for ${appointmentWhen(slot, { clinic: clinic().timeZone }, 'staff')}. The confirmation email is queued.`);
  });
}

export async function rescheduleAction(_state: BookingFormState, formData: FormData): Promise<BookingFormState> {
  return failSafe('rescheduleAction', async (): Promise<BookingFormState> => {
    const staff = await requireStaff('leads.write');
    const parsed = parseLeadForm(rescheduleSchema, formData);
    if (!parsed.ok) return refused(parsed);
    const { leadId, version, appointmentId, slot } = parsed.data;
    const result = await rescheduleForLead(await getDb(), { leadId, version, appointmentId, start: slot }, await context(staff.id));
    return bookingAnswer(result, leadId, formValues(formData), `Moved to ${appointmentWhen(slot, { clinic: clinic().timeZone }, 'staff')}. The patient will be emailed.`);
  });
}

export async function cancelAppointmentAction(_state: FormResult, formData: FormData): Promise<FormResult> {
  return failSafe('cancelAppointmentAction', async (): Promise<FormResult> => {
    const staff = await requireStaff('leads.write');
    const parsed = parseLeadForm(cancelSchema, formData);
    if (!parsed.ok) return refused(parsed);
    const result = await cancelForLead(await getDb(), parsed.data, await context(staff.id));
    if (isSlotFailure(result)) return { ok: false, message: 'The appointment could not be cancelled. Reload and try again' };
    return answer(result.ok ? { ok: true, data: null } : result, parsed.data.leadId, formValues(formData), 'Appointment cancelled. The patient will be emailed.');
  });
}

export async function sendTextAction(_state: FormResult, formData: FormData): Promise<FormResult> {
  return failSafe('sendTextAction', async (): Promise<FormResult> => {
    const staff = await requireStaff('leads.write');
    const parsed = parseLeadForm(sendTextSchema, formData);
    if (!parsed.ok) return refused(parsed);
    const result = await sendTemplatedText(await getDb(), parsed.data, await context(staff.id));
    return answer(result, parsed.data.leadId, formValues(formData), 'Text queued. Its delivery status shows below and on the timeline.');
  });
}
