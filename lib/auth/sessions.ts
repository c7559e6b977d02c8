// Staff sessions kept on the server (staff_sessions): started at sign-in, checked on every use in one
// indexed read with the account, touched at most once a minute, and ended for good by signing out, from
// the account page, by an admin, or by a change to the account (password, disabling, role).
import { and, desc, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Database, Executor } from '@/db/client';
import { staffSessions, staffUsers } from '@/db/schema';
import { writeAudit, type RequestMeta } from '@/lib/audit/log';
import { isUuid } from '@/lib/ids';
import type { Role } from './permissions';
import { sessionVerdict, shouldTouch, type SessionLimits } from './session-rules';

export type SessionEndReason = NonNullable<(typeof staffSessions.$inferSelect)['revokedReason']>;

/**
 * The account behind a live session, as every page and action sees it. `secondFactorAt` null: only the
 * password has been given, and nothing but the second step (or setting one up) is open to it.
 */
export type LiveSession = {
  sessionId: string;
  lastSeenAt: Date;
  secondFactorAt: Date | null;
  reauthenticatedAt: Date;
  user: { id: string; email: string; name: string; role: Role };
};

/**
 * Starts a session for an account that has just given its password; returns its id (kept in the cookie).
 * `secondFactorDone`: the account needs no second step (lib/auth/mfa-rules), so the session is complete at once.
 */
export async function startSession(
  tx: Executor,
  args: { staffUserId: string; meta: RequestMeta; now: Date; secondFactorDone?: boolean },
): Promise<string> {
  const [row] = await tx
    .insert(staffSessions)
    .values({
      staffUserId: args.staffUserId,
      createdAt: args.now,
      lastSeenAt: args.now,
      reauthenticatedAt: args.now,
      secondFactorAt: args.secondFactorDone ? args.now : null,
      secondFactorMethod: args.secondFactorDone ? 'not_required' : null,
      ip: args.meta.ip,
      userAgent: args.meta.userAgent?.slice(0, 300) ?? null,
    })
    .returning({ id: staffSessions.id });
  return row!.id;
}

export type SecondFactorMethod = 'passkey' | 'totp' | 'recovery_code';

/**
 * The person has just proved who they are again (second step at sign-in, or confirming before a sensitive
 * action): the session is complete, and counts as recently authenticated from `now`.
 */
export async function markAuthenticated(tx: Executor, args: { sessionId: string; method: SecondFactorMethod | 'password'; now: Date }): Promise<void> {
  await tx
    .update(staffSessions)
    .set({
      reauthenticatedAt: args.now,
      ...(args.method === 'password'
        ? {}
        : {
            secondFactorAt: sql`coalesce(${staffSessions.secondFactorAt}, ${args.now.toISOString()}::timestamptz)`,
            secondFactorMethod: sql`coalesce(${staffSessions.secondFactorMethod}, ${args.method}::second_factor_method)`,
          }),
    })
    .where(and(eq(staffSessions.id, args.sessionId), isNull(staffSessions.revokedAt)));
}

/** The live session with this id, or null when it has ended for any reason (one read: session and account). */
export async function checkSession(db: Executor, sessionId: string, now: Date, limits: SessionLimits): Promise<LiveSession | null> {
  if (!isUuid(sessionId)) return null;
  const [row] = await db
    .select({ session: staffSessions, user: staffUsers })
    .from(staffSessions)
    .innerJoin(staffUsers, eq(staffUsers.id, staffSessions.staffUserId))
    .where(eq(staffSessions.id, sessionId));
  if (!row) return null;
  const verdict = sessionVerdict({ ...row.session, accountDisabled: row.user.disabledAt !== null }, now, limits);
  if (verdict !== 'active') return null;
  const { id, email, name, role } = row.user;
  const { secondFactorAt, reauthenticatedAt, lastSeenAt } = row.session;
  return { sessionId: row.session.id, lastSeenAt, secondFactorAt, reauthenticatedAt, user: { id, email, name, role } };
}

/** Records activity on a live session (pages and actions; not the inbox's background poll). */
export async function touchSession(db: Executor, session: Pick<LiveSession, 'sessionId' | 'lastSeenAt'>, now: Date): Promise<void> {
  if (!shouldTouch(session.lastSeenAt, now)) return;
  await db
    .update(staffSessions)
    .set({ lastSeenAt: now })
    .where(and(eq(staffSessions.id, session.sessionId), isNull(staffSessions.revokedAt)));
}

/** Ends one session (no-op when already ended). Returns whether it was live. */
export async function endSession(tx: Executor, args: { sessionId: string; reason: SessionEndReason; now: Date }): Promise<boolean> {
  if (!isUuid(args.sessionId)) return false;
  const ended = await tx
    .update(staffSessions)
    .set({ revokedAt: args.now, revokedReason: args.reason })
    .where(and(eq(staffSessions.id, args.sessionId), isNull(staffSessions.revokedAt)))
    .returning({ id: staffSessions.id });
  return ended.length > 0;
}

/** Ends every session of an account, but `except` (the one making the change, when it should go on). */
export async function endAllSessions(
  tx: Executor,
  args: { staffUserId: string; reason: SessionEndReason; now: Date; except?: string },
): Promise<number> {
  const ended = await tx
    .update(staffSessions)
    .set({ revokedAt: args.now, revokedReason: args.reason })
    .where(
      and(
        eq(staffSessions.staffUserId, args.staffUserId),
        isNull(staffSessions.revokedAt),
        isUuid(args.except) ? ne(staffSessions.id, args.except) : undefined,
      ),
    )
    .returning({ id: staffSessions.id });
  return ended.length;
}

export type SessionListItem = { id: string; createdAt: Date; lastSeenAt: Date; ip: string | null; userAgent: string | null; current: boolean };

/** An account's sessions that are still live, newest first, the current one marked. */
export async function listLiveSessions(
  db: Executor,
  args: { staffUserId: string; currentSessionId?: string; now: Date; limits: SessionLimits },
): Promise<SessionListItem[]> {
  const rows = await db
    .select()
    .from(staffSessions)
    .where(and(eq(staffSessions.staffUserId, args.staffUserId), isNull(staffSessions.revokedAt)))
    .orderBy(desc(staffSessions.lastSeenAt))
    .limit(100);
  return rows
    .filter((s) => sessionVerdict({ ...s, accountDisabled: false }, args.now, args.limits) === 'active')
    .map((s) => ({ id: s.id, createdAt: s.createdAt, lastSeenAt: s.lastSeenAt, ip: s.ip, userAgent: s.userAgent, current: s.id === args.currentSessionId }));
}

/**
 * Ends sessions from the dashboard: one's own other devices (`sessionId` given, or all but the current one),
 * or, for an admin, every session of another account. Audited.
 */
export async function endSessionsByStaff(
  db: Database,
  args: { actor: { id: string; sessionId: string }; staffUserId: string; sessionId?: string; meta: RequestMeta; now: Date },
): Promise<{ ok: true; ended: number } | { ok: false; code: 'not_found' }> {
  const ownAccount = args.staffUserId === args.actor.id;
  const reason: SessionEndReason = ownAccount ? 'ended_by_self' : 'ended_by_admin';
  return db.transaction(async (tx) => {
    let ended: number;
    if (args.sessionId) {
      const [row] = await tx.select({ staffUserId: staffSessions.staffUserId }).from(staffSessions).where(eq(staffSessions.id, args.sessionId));
      if (!row || row.staffUserId !== args.staffUserId) return { ok: false, code: 'not_found' } as const;
      ended = (await endSession(tx, { sessionId: args.sessionId, reason, now: args.now })) ? 1 : 0;
    } else {
      ended = await endAllSessions(tx, { staffUserId: args.staffUserId, reason, now: args.now, except: ownAccount ? args.actor.sessionId : undefined });
    }
    await writeAudit(tx, {
      actorStaffId: args.actor.id,
      action: 'sessions_ended',
      entityType: 'staff',
      entityId: args.staffUserId,
      detail: { ended, which: args.sessionId ? 'one' : ownAccount ? 'all_others' : 'all' },
      meta: args.meta,
      at: args.now,
    });
    return { ok: true, ended } as const;
  });
}
