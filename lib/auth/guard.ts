// Authorization for every dashboard page loader, server action and route handler. The proxy does not
// decide access: each entry point calls one of these with the permission it needs (lib/auth/permissions).
import 'server-only';
import { forbidden, redirect } from 'next/navigation';
import { getDb } from '@/db/client';
import { auth } from './index';
import { can, type Permission, type Role } from './permissions';
import { SIGN_IN_PATH } from './config';
import { safeNextPath } from './paths';
import { touchSession } from './sessions';

export { safeNextPath };

export type Staff = { id: string; name: string; email: string; role: Role; sessionId: string };

/**
 * The signed-in staff member whose server-side session is still live, or null. With `activity` (pages,
 * actions, downloads) the session's last activity moves forward; the inbox's background poll passes false,
 * so an unattended dashboard still times out.
 */
export async function currentStaff(options: { activity?: boolean } = {}): Promise<Staff | null> {
  const session = await auth();
  const user = session?.user;
  if (!user?.id || !user.role || !user.sessionId) return null;
  if (options.activity ?? true) {
    await touchSession(await getDb(), { sessionId: user.sessionId, lastSeenAt: new Date(user.lastSeenAt) }, new Date());
  }
  return { id: user.id, name: user.name, email: user.email, role: user.role, sessionId: user.sessionId };
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
export async function staffForRoute(
  permission: Permission,
  options: { activity?: boolean } = {},
): Promise<{ ok: true; staff: Staff } | { ok: false; response: Response }> {
  const staff = await currentStaff(options);
  if (!staff) return { ok: false, response: Response.json({ error: 'Sign in to continue' }, { status: 401 }) };
  if (!can(staff.role, permission)) return { ok: false, response: Response.json({ error: 'Not allowed' }, { status: 403 }) };
  return { ok: true, staff };
}
