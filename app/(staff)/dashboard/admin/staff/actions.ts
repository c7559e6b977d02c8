'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getDb } from '@/db/client';
import type { FormState } from '@/components/dashboard/form';
import { requestMeta } from '@/lib/auth';
import { requireRecentAuth, requireStaff } from '@/lib/auth/guard';
import { isRole, ROLES } from '@/lib/auth/permissions';
import { inviteStaff, setStaffDisabled, setStaffRole, type AccountChangeResult } from '@/lib/auth/service';
import { endSessionsByStaff } from '@/lib/auth/sessions';
import { resetMfa, setMfaWaived } from '@/lib/auth/mfa';
import { appUrl, env } from '@/lib/env';
import type { InviteField, InviteState } from './invite-state';
import { failSafe } from '@/lib/http/safe-action';

const PATH = '/dashboard/admin/staff';

const inviteSchema = z.object({
  name: z.string().trim().min(1, 'Enter their full name').max(100, 'Full name must be 100 characters or fewer'),
  email: z
    .string()
    .trim()
    .min(1, 'Enter their email address')
    .max(254, 'Email address must be 254 characters or fewer')
    .pipe(z.email('Enter an email address in the correct format, like name@example.com')),
  role: z.enum(ROLES, 'Select a role'),
});

const field = (formData: FormData, name: string) => String(formData.get(name) ?? '');

export async function inviteStaffAction(_state: InviteState, formData: FormData): Promise<InviteState> {
  return failSafe('inviteStaffAction', async (): Promise<InviteState> => {
    const admin = await requireStaff('staff.manage', PATH);
    requireRecentAuth(admin, PATH);
    const values = { name: field(formData, 'name'), email: field(formData, 'email'), role: field(formData, 'role') };
    const parsed = inviteSchema.safeParse(values);
    if (!parsed.success) {
      const errors: Partial<Record<InviteField, string>> = {};
      for (const issue of parsed.error.issues) errors[issue.path[0] as InviteField] ??= issue.message;
      return { ok: false, errors, values };
    }
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

export async function setStaffDisabledAction(_state: FormState, formData: FormData): Promise<FormState> {
  return failSafe('setStaffDisabledAction', async (): Promise<FormState> => {
    const admin = await requireStaff('staff.manage', PATH);
    requireRecentAuth(admin, PATH);
    const staffId = field(formData, 'staffId');
    const name = field(formData, 'name');
    const disabled = field(formData, 'disabled') === 'true';
    if (!z.uuid().safeParse(staffId).success) return { ok: false, message: REFUSALS.not_found };
    const result = await setStaffDisabled(await getDb(), { staffId, disabled, actorId: admin.id, meta: await requestMeta(), now: new Date() });
    if (!result.ok) return { ok: false, message: REFUSALS[result.code] };
    revalidatePath(PATH);
    return {
      ok: true,
      message: disabled ? `${name} can no longer sign in. Their open sessions have ended.` : `${name} can sign in again.`,
    };
  });
}

export async function setStaffRoleAction(_state: FormState, formData: FormData): Promise<FormState> {
  return failSafe('setStaffRoleAction', async (): Promise<FormState> => {
    const admin = await requireStaff('staff.manage', PATH);
    requireRecentAuth(admin, PATH);
    const staffId = field(formData, 'staffId');
    const name = field(formData, 'name');
    const role = field(formData, 'role');
    if (!isRole(role)) return { ok: false, errors: { role: 'Select a role' }, values: { role } };
    if (!z.uuid().safeParse(staffId).success) return { ok: false, message: REFUSALS.not_found };
    const result = await setStaffRole(await getDb(), { staffId, role, actorId: admin.id, meta: await requestMeta(), now: new Date() });
    if (!result.ok) return { ok: false, message: REFUSALS[result.code] };
    revalidatePath(PATH);
    return { ok: true, message: `${name} is now ${role === 'admin' ? 'an administrator' : 'a staff member'}. They have been signed out and will have the new role when they sign in again.` };
  });
}

/** Lets a member of staff (never an admin) sign in with the password alone, or asks a second step of them again. */
export async function setMfaWaiverAction(_state: FormState, formData: FormData): Promise<FormState> {
  return failSafe('setMfaWaiverAction', async (): Promise<FormState> => {
    const admin = await requireStaff('staff.manage', PATH);
    requireRecentAuth(admin, PATH);
    const staffId = field(formData, 'staffId');
    const name = field(formData, 'name');
    const waived = field(formData, 'waived') === 'true';
    if (!z.uuid().safeParse(staffId).success) return { ok: false, message: REFUSALS.not_found };
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
export async function resetMfaAction(_state: FormState, formData: FormData): Promise<FormState> {
  return failSafe('resetMfaAction', async (): Promise<FormState> => {
    const admin = await requireStaff('staff.manage', PATH);
    requireRecentAuth(admin, PATH);
    const staffId = field(formData, 'staffId');
    const name = field(formData, 'name');
    if (!z.uuid().safeParse(staffId).success) return { ok: false, message: REFUSALS.not_found };
    const result = await resetMfa(await getDb(), { staffId, actorId: admin.id, meta: await requestMeta(), now: new Date() });
    if (!result.ok) return { ok: false, message: REFUSALS[result.code] };
    revalidatePath(PATH);
    return { ok: true, message: `${name}’s second steps are removed and they are signed out. They set up a new one when they next sign in.` };
  });
}

export async function endStaffSessionsAction(_state: FormState, formData: FormData): Promise<FormState> {
  return failSafe('endStaffSessionsAction', async (): Promise<FormState> => {
    const admin = await requireStaff('staff.manage', PATH);
    requireRecentAuth(admin, PATH);
    const staffId = field(formData, 'staffId');
    const name = field(formData, 'name');
    if (!z.uuid().safeParse(staffId).success) return { ok: false, message: REFUSALS.not_found };
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
