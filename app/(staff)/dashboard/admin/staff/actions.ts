'use server';

// The admin's staff page: inviting someone, and each change to an account (disable, role, second step,
// sessions). Each needs a recent sign-in or confirmation (step-up) and answers the form kit's FormResult.
import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { requestMeta } from '@/lib/auth';
import { requireRecentAuth, requireStaff } from '@/lib/auth/guard';
import { isRole, ROLES } from '@/lib/auth/permissions';
import { inviteStaff, setStaffDisabled, setStaffRole, type AccountChangeResult } from '@/lib/auth/service';
import { endSessionsByStaff } from '@/lib/auth/sessions';
import { resetMfa, setMfaWaived } from '@/lib/auth/mfa';
import { appUrl, env } from '@/lib/env';
import { formValues, parseForm, refused, type FormResult } from '@/lib/forms/parse';
import { failSafe } from '@/lib/http/safe-action';
import { isUuid } from '@/lib/ids';
import { z } from '@/lib/zod';
import type { InviteResult } from './invite-state';

const PATH = '/dashboard/admin/staff';

const inviteSchema = z.object({
  name: z.string({ error: 'Enter their full name' }).trim().min(1, 'Enter their full name').max(100, 'Full name must be 100 characters or fewer'),
  email: z
    .string({ error: 'Enter their email address' })
    .trim()
    .min(1, 'Enter their email address')
    .max(254, 'Email address must be 254 characters or fewer')
    .pipe(z.email('Enter an email address in the correct format, like name@example.com')),
  role: z.enum(ROLES, 'Select a role'),
});

export async function inviteStaffAction(_state: InviteResult, formData: FormData): Promise<InviteResult> {
  return failSafe('inviteStaffAction', async (): Promise<InviteResult> => {
    const admin = await requireStaff('staff.manage', PATH);
    requireRecentAuth(admin, PATH);
    const parsed = parseForm(inviteSchema, formData);
    if (!parsed.ok) return refused(parsed);
    const values = formValues(formData);
    const { name, email, role } = parsed.data;
    const result = await inviteStaff(await getDb(), {
      name,
      email,
      role,
      invitedBy: admin.id,
      appUrl: appUrl(),
      meta: await requestMeta(),
      now: new Date(),
    });
    if (!result.ok) return { ok: false, errors: { [result.field]: result.message }, values };
    revalidatePath(PATH);
    if (env().RESEND_API_KEY) return { ok: true, name, message: `Invitation sent to ${email}. The link in it works once, for 3 days.` };
    // No email provider (a demo): the link goes back in this response only, to be shown once. Only its hash is stored.
    return { ok: true, name, message: `Invitation for ${email} created.`, link: result.link };
  });
}

const REFUSALS: Record<Exclude<AccountChangeResult, { ok: true }>['code'], string> = {
  self: 'You cannot do this to your own account. Ask another administrator.',
  last_admin: 'This is the last active administrator. Make someone else an administrator first.',
  not_found: 'This account no longer exists. Reload the page.',
};

export async function setStaffDisabledAction(_state: FormResult, formData: FormData): Promise<FormResult> {
  return failSafe('setStaffDisabledAction', async (): Promise<FormResult> => {
    const admin = await requireStaff('staff.manage', PATH);
    requireRecentAuth(admin, PATH);
    // Hidden fields: the account's id, its name for the confirmation, and the change.
    const { staffId, name = '', disabled: change } = formValues(formData);
    const disabled = change === 'true';
    if (!isUuid(staffId)) return { ok: false, message: REFUSALS.not_found };
    const result = await setStaffDisabled(await getDb(), { staffId, disabled, actorId: admin.id, meta: await requestMeta(), now: new Date() });
    if (!result.ok) return { ok: false, message: REFUSALS[result.code] };
    revalidatePath(PATH);
    return {
      ok: true,
      message: disabled ? `${name} can no longer sign in. Their open sessions have ended.` : `${name} can sign in again.`,
    };
  });
}

export async function setStaffRoleAction(_state: FormResult, formData: FormData): Promise<FormResult> {
  return failSafe('setStaffRoleAction', async (): Promise<FormResult> => {
    const admin = await requireStaff('staff.manage', PATH);
    requireRecentAuth(admin, PATH);
    const { staffId, name = '', role = '' } = formValues(formData);
    if (!isRole(role)) return { ok: false, errors: { role: 'Select a role' }, values: { role } };
    if (!isUuid(staffId)) return { ok: false, message: REFUSALS.not_found };
    const result = await setStaffRole(await getDb(), { staffId, role, actorId: admin.id, meta: await requestMeta(), now: new Date() });
    if (!result.ok) return { ok: false, message: REFUSALS[result.code] };
    revalidatePath(PATH);
    return { ok: true, message: `${name} is now ${role === 'admin' ? 'an administrator' : 'a staff member'}. They have been signed out and will have the new role when they sign in again.` };
  });
}

/** Lets a member of staff (never an admin) sign in with the password alone, or asks a second step of them again. */
export async function setMfaWaiverAction(_state: FormResult, formData: FormData): Promise<FormResult> {
  return failSafe('setMfaWaiverAction', async (): Promise<FormResult> => {
    const admin = await requireStaff('staff.manage', PATH);
    requireRecentAuth(admin, PATH);
    const { staffId, name = '', waived: change } = formValues(formData);
    const waived = change === 'true';
    if (!isUuid(staffId)) return { ok: false, message: REFUSALS.not_found };
    const result = await setMfaWaived(await getDb(), { staffId, waived, actorId: admin.id, meta: await requestMeta(), now: new Date() });
    if (!result.ok) return { ok: false, message: result.code === 'admin' ? 'Administrators always need a second step.' : REFUSALS.not_found };
    revalidatePath(PATH);
    return {
      ok: true,
      message: waived
        ? `${name} can sign in with their password alone, unless they have set up a passkey or authenticator app.`
        : `${name} needs a second step when they next sign in.`,
    };
  });
}

/** For someone who lost every way in: removes their passkeys, authenticator app and recovery codes. */
export async function resetMfaAction(_state: FormResult, formData: FormData): Promise<FormResult> {
  return failSafe('resetMfaAction', async (): Promise<FormResult> => {
    const admin = await requireStaff('staff.manage', PATH);
    requireRecentAuth(admin, PATH);
    const { staffId, name = '' } = formValues(formData);
    if (!isUuid(staffId)) return { ok: false, message: REFUSALS.not_found };
    const result = await resetMfa(await getDb(), { staffId, actorId: admin.id, meta: await requestMeta(), now: new Date() });
    if (!result.ok) return { ok: false, message: REFUSALS[result.code] };
    revalidatePath(PATH);
    return { ok: true, message: `${name}’s second steps are removed and they are signed out. They set up a new one when they next sign in.` };
  });
}

export async function endStaffSessionsAction(_state: FormResult, formData: FormData): Promise<FormResult> {
  return failSafe('endStaffSessionsAction', async (): Promise<FormResult> => {
    const admin = await requireStaff('staff.manage', PATH);
    requireRecentAuth(admin, PATH);
    const { staffId, name = '' } = formValues(formData);
    if (!isUuid(staffId)) return { ok: false, message: REFUSALS.not_found };
    const result = await endSessionsByStaff(await getDb(), {
      actor: { id: admin.id, sessionId: admin.sessionId },
      staffUserId: staffId,
      meta: await requestMeta(),
      now: new Date(),
    });
    if (!result.ok) return { ok: false, message: REFUSALS.not_found };
    revalidatePath(PATH);
    if (staffId === admin.id) return { ok: true, message: `Your other sessions have ended (${result.ended}). This one goes on.` };
    return { ok: true, message: result.ended === 0 ? `${name} was not signed in anywhere.` : `${name} has been signed out everywhere (${result.ended} ${result.ended === 1 ? 'session' : 'sessions'}).` };
  });
}
