// Authorization for every dashboard page loader, server action and route handler. The proxy does not
// decide access: each entry point calls one of these with the permission it needs (lib/auth/permissions).
import 'server-only';
import { forbidden, redirect } from 'next/navigation';
import { auth } from './index';
import { can, type Permission, type Role } from './permissions';
import { SIGN_IN_PATH } from './config';
import { safeNextPath } from './paths';

export { safeNextPath };

export type Staff = { id: string; name: string; email: string; role: Role };

/** The signed-in, still-valid staff member, or null. */
export async function currentStaff(): Promise<Staff | null> {
  const session = await auth();
  const user = session?.user;
  if (!user?.id || !user.role) return null;
  return { id: user.id, name: user.name, email: user.email, role: user.role };
}

/**
 * For pages and server actions: signed out → the sign-in page (coming back to `returnTo`);
 * signed in without the permission → 403.
 */
export async function requireStaff(permission: Permission = 'leads.read', returnTo?: string): Promise<Staff> {
  const staff = await currentStaff();
  if (!staff) redirect(`${SIGN_IN_PATH}${returnTo ? `?next=${encodeURIComponent(safeNextPath(returnTo))}` : ''}`);
  if (!can(staff.role, permission)) forbidden();
  return staff;
}

/** For route handlers: the staff member, or the 401 / 403 response to return. */
export async function staffForRoute(permission: Permission): Promise<{ ok: true; staff: Staff } | { ok: false; response: Response }> {
  const staff = await currentStaff();
  if (!staff) return { ok: false, response: Response.json({ error: 'Sign in to continue' }, { status: 401 }) };
  if (!can(staff.role, permission)) return { ok: false, response: Response.json({ error: 'Not allowed' }, { status: 403 }) };
  return { ok: true, staff };
}
