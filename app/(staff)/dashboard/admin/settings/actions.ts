'use server';

// Admin booking settings: each action checks the permission, hands the typed values to one service
// (validation, one transaction, audit) and maps its result to form state. Bad input never throws.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getDb } from '@/db/client';
import type { FormState } from '@/components/dashboard/form';
import { requestMeta } from '@/lib/auth';
import { requireStaff } from '@/lib/auth/guard';
import { addClosure, deleteClosure, saveProviderSettings, saveWeeklyHours, type SaveResult } from '@/lib/booking/settings';
import { clinic } from '@/lib/env';
import { failSafe } from '@/lib/http/safe-action';

const PATH = '/dashboard/admin/settings';
const id = z.uuid();

/** Every text field of a form, as typed (files and the id fields are not form values). */
function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData) if (typeof value === 'string' && !key.startsWith('$ACTION')) values[key] = value;
  return values;
}

function toFormState(result: SaveResult, saved: string): FormState {
  if (result.ok) {
    revalidatePath(PATH);
    return { ok: true, message: result.changed ? saved : 'Nothing had changed, so nothing was saved.' };
  }
  if (result.code === 'invalid') return { ok: false, errors: result.errors, values: result.values };
  return { ok: false, message: 'This provider no longer exists. Reload the page.' };
}

const missingProvider: FormState = { ok: false, message: 'This provider no longer exists. Reload the page.' };

export async function saveProviderAction(_state: FormState, formData: FormData): Promise<FormState> {
  return failSafe('saveProviderAction', async (): Promise<FormState> => {
    const staff = await requireStaff('settings.manage');
    const providerId = id.safeParse(formData.get('providerId'));
    if (!providerId.success) return missingProvider;
    const result = await saveProviderSettings(await getDb(), {
      providerId: providerId.data,
      values: formValues(formData),
      actor: { staffId: staff.id, meta: await requestMeta() },
      now: new Date(),
    });
    return toFormState(result, 'Booking settings saved. Patients are offered the new times straight away.');
  });
}

export async function saveHoursAction(_state: FormState, formData: FormData): Promise<FormState> {
  return failSafe('saveHoursAction', async (): Promise<FormState> => {
    const staff = await requireStaff('settings.manage');
    const providerId = id.safeParse(formData.get('providerId'));
    if (!providerId.success) return missingProvider;
    const result = await saveWeeklyHours(await getDb(), {
      providerId: providerId.data,
      values: formValues(formData),
      actor: { staffId: staff.id, meta: await requestMeta() },
      now: new Date(),
    });
    return toFormState(result, 'Weekly hours saved. Patients are offered the new times straight away.');
  });
}

export async function addClosureAction(_state: FormState, formData: FormData): Promise<FormState> {
  return failSafe('addClosureAction', async (): Promise<FormState> => {
    const staff = await requireStaff('settings.manage');
    const providerId = id.safeParse(formData.get('providerId'));
    if (!providerId.success) return missingProvider;
    const result = await addClosure(await getDb(), {
      providerId: providerId.data,
      values: formValues(formData),
      timeZone: clinic().timeZone,
      actor: { staffId: staff.id, meta: await requestMeta() },
      now: new Date(),
    });
    return toFormState(result, 'Closure added. No one can book during it.');
  });
}

export async function deleteClosureAction(formData: FormData): Promise<void> {
  return failSafe('deleteClosureAction', async (): Promise<void> => {
    const staff = await requireStaff('settings.manage');
    const closureId = id.safeParse(formData.get('closureId'));
    // A closure already deleted (another tab, another admin) needs no message: the list shows it gone.
    if (!closureId.success) return;
    await deleteClosure(await getDb(), { closureId: closureId.data, actor: { staffId: staff.id, meta: await requestMeta() }, now: new Date() });
    revalidatePath(PATH);
  });
}
