// Authorization for every dashboard page loader, server action and route handler. The proxy does not
// decide access: each entry point calls one of these with the permission it needs (lib/auth/permissions).
// A session that has only given the password is refused everything but the second step; sensitive actions
// also need a recent sign-in or confirmation (step-up, requireRecentAuth).
import 'server-only';
import { forbidden, redirect } from 'next/navigation';
import { getDb } from '@/db/client';
import { auth } from './index';
import { can, type Permission, type Role } from './permissions';
import { SIGN_IN_PATH } from './config';
import { safeNextPath } from './paths';
import { touchSession } from './sessions';
import { recentlyAuthenticated } from './mfa-rules';

export { safeNextPath };

export type Staff = { id: string; name: string; email: string; role: Role; sessionId: string; reauthenticatedAt: Date };

export const VERIFY_PATH = '/sign-in/verify';
export const CONFIRM_PATH = '/dashboard/confirm';

type Signed = { staff: Staff; pending: boolean };

async function signedIn(activity: boolean): Promise<Signed | null> {
  const session = await auth();
  const user = session?.user;
  if (!user?.id || !user.role || !user.sessionId) return null;
  if (activity) {
    await touchSession(await getDb(), { sessionId: user.sessionId, lastSeenAt: new Date(user.lastSeenAt) }, new Date());
  }
  return {
    staff: { id: user.id, name: user.name, email: user.email, role: user.role, sessionId: user.sessionId, reauthenticatedAt: new Date(user.reauthenticatedAt) },
    pending: user.secondFactorPending,
  };
}

/**
 * The signed-in staff member whose server-side session is still live and complete (password and second
 * step), or null. With `activity` (pages, actions, downloads) the session's last activity moves forward; the
 * inbox's background poll passes false, so an unattended dashboard still times out.
 */
export async function currentStaff(options: { activity?: boolean } = {}): Promise<Staff | null> {
  const found = await signedIn(options.activity ?? true);
  return found && !found.pending ? found.staff : null;
}

/** A session that has given the password but not yet the second step: the verify and set-up pages only. */
export async function pendingStaff(): Promise<Staff | null> {
  const found = await signedIn(true);
  return found?.pending ? found.staff : null;
}

const withNext = (path: string, returnTo?: string) => `${path}${returnTo ? `?next=${encodeURIComponent(safeNextPath(returnTo))}` : ''}`;

/**
 * For pages and server actions: signed out → the sign-in page (coming back to `returnTo`); password given
 * but not the second step → the verify page; signed in without the permission → 403.
 */
export async function requireStaff(permission: Permission = 'leads.read', returnTo?: string): Promise<Staff> {
  const found = await signedIn(true);
  if (!found) redirect(withNext(SIGN_IN_PATH, returnTo));
  if (found.pending) redirect(withNext(VERIFY_PATH, returnTo));
  if (!can(found.staff.role, permission)) forbidden();
  return found.staff;
}

/** For route handlers: the staff member, or the 401 / 403 response to return (a half-finished sign-in gets 401). */
export async function staffForRoute(
  permission: Permission,
  options: { activity?: boolean } = {},
): Promise<{ ok: true; staff: Staff } | { ok: false; response: Response }> {
  const staff = await currentStaff(options);
  if (!staff) return { ok: false, response: Response.json({ error: 'Sign in to continue' }, { status: 401 }) };
  if (!can(staff.role, permission)) return { ok: false, response: Response.json({ error: 'Not allowed' }, { status: 403 }) };
  return { ok: true, staff };
}

/**
 * Step-up for sensitive actions (exports, erasure, staff changes): unless the person signed in or confirmed
 * it was them in the last 5 minutes, they are sent to confirm, coming back to `returnTo` after.
 */
export function requireRecentAuth(staff: Staff, returnTo: string, now: Date = new Date()): void {
  if (!recentlyAuthenticated(staff.reauthenticatedAt, now)) redirect(withNext(CONFIRM_PATH, returnTo));
}

/** Step-up for route handlers (downloads): null when recent enough, else a redirect to confirm and come back. */
export function recentAuthForRoute(staff: Staff, request: Request, now: Date = new Date()): Response | null {
  if (recentlyAuthenticated(staff.reauthenticatedAt, now)) return null;
  const url = new URL(request.url);
  const next = safeNextPath(`${url.pathname}${url.search}`);
  return new Response(null, { status: 303, headers: { Location: withNext(CONFIRM_PATH, next), 'Cache-Control': 'no-store' } });
}
