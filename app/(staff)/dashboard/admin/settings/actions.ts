'use server';

// Admin booking settings: each action checks the permission, hands the typed values to one service
// (validation, one transaction, audit) and maps its result to form state. Bad input never throws.
import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { requestMeta } from '@/lib/auth';
import { requireStaff } from '@/lib/auth/guard';
import { addClosure, deleteClosure, saveProviderSettings, saveWeeklyHours, type SaveResult } from '@/lib/booking/settings';
import { clinic } from '@/lib/env';
import { formValues, type FormResult, type FormValues } from '@/lib/forms/parse';
import { failSafe } from '@/lib/http/safe-action';
import { isUuid } from '@/lib/ids';
import { updateTextSettings } from '@/lib/texts/settings';

const PATH = '/dashboard/admin/settings';

/** The provider a settings form is about (a hidden field) and everything typed; null for a stale or forged page. */
function providerForm(formData: FormData): { providerId: string; values: FormValues } | null {
  const values = formValues(formData);
  return isUuid(values.providerId) ? { providerId: values.providerId, values } : null;
}

const missingProvider: FormResult = { ok: false, message: 'This provider no longer exists. Reload the page.' };

function toFormResult(result: SaveResult, saved: string): FormResult {
  if (result.ok) {
    revalidatePath(PATH);
    return { ok: true, message: result.changed ? saved : 'Nothing had changed, so nothing was saved.' };
  }
  if (result.code === 'invalid') return { ok: false, errors: result.errors, values: result.values };
  return missingProvider;
}

export async function saveProviderAction(_state: FormResult, formData: FormData): Promise<FormResult> {
  return failSafe('saveProviderAction', async (): Promise<FormResult> => {
    const staff = await requireStaff('settings.manage');
    const form = providerForm(formData);
    if (!form) return missingProvider;
    const result = await saveProviderSettings(await getDb(), {
      ...form,
      actor: { staffId: staff.id, meta: await requestMeta() },
      now: new Date(),
    });
    return toFormResult(result, 'Booking settings saved. Patients are offered the new times straight away.');
  });
}

export async function saveHoursAction(_state: FormResult, formData: FormData): Promise<FormResult> {
  return failSafe('saveHoursAction', async (): Promise<FormResult> => {
    const staff = await requireStaff('settings.manage');
    const form = providerForm(formData);
    if (!form) return missingProvider;
    const result = await saveWeeklyHours(await getDb(), {
      ...form,
      actor: { staffId: staff.id, meta: await requestMeta() },
      now: new Date(),
    });
    return toFormResult(result, 'Weekly hours saved. Patients are offered the new times straight away.');
  });
}

export async function addClosureAction(_state: FormResult, formData: FormData): Promise<FormResult> {
  return failSafe('addClosureAction', async (): Promise<FormResult> => {
    const staff = await requireStaff('settings.manage');
    const form = providerForm(formData);
    if (!form) return missingProvider;
    const result = await addClosure(await getDb(), {
      ...form,
      timeZone: clinic().timeZone,
      actor: { staffId: staff.id, meta: await requestMeta() },
      now: new Date(),
    });
    return toFormResult(result, 'Closure added. No one can book during it.');
  });
}

export async function deleteClosureAction(formData: FormData): Promise<void> {
  return failSafe('deleteClosureAction', async (): Promise<void> => {
    const staff = await requireStaff('settings.manage');
    const { closureId } = formValues(formData);
    // A closure already deleted (another tab, another admin) needs no message: the list shows it gone.
    if (!isUuid(closureId)) return;
    await deleteClosure(await getDb(), { closureId, actor: { staffId: staff.id, meta: await requestMeta() }, now: new Date() });
    revalidatePath(PATH);
  });
}

export async function saveTextSettingsAction(_state: FormResult, formData: FormData): Promise<FormResult> {
  return failSafe('saveTextSettingsAction', async (): Promise<FormResult> => {
    const staff = await requireStaff('settings.manage');
    const result = await updateTextSettings(await getDb(), { values: formValues(formData), actor: { staffId: staff.id, meta: await requestMeta() }, now: new Date() });
    revalidatePath(PATH);
    return { ok: true, message: result.changed ? 'Text message settings saved. The next text follows them.' : 'Nothing had changed, so nothing was saved.' };
  });
}
