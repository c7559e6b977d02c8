'use server';

import { getDb } from '@/db/client';
import { requestMeta, signOut } from '@/lib/auth';
import { currentStaff, pendingStaff } from '@/lib/auth/guard';
import { writeAudit } from '@/lib/audit/log';
import { endSession } from '@/lib/auth/sessions';
import { failSafe } from '@/lib/http/safe-action';

/** Ends this session on the server first (so no copy of its cookie works again), then clears the cookie. */
export async function signOutAction(): Promise<void> {
  return failSafe('signOutAction', async (): Promise<void> => {
    // A half-finished sign-in (password given, second step not yet) signs out the same way.
    const staff = (await currentStaff()) ?? (await pendingStaff());
    if (staff) {
      const now = new Date();
      const db = await getDb();
      await db.transaction(async (tx) => {
        await endSession(tx, { sessionId: staff.sessionId, reason: 'signed_out', now });
        await writeAudit(tx, { actorStaffId: staff.id, action: 'sign_out', entityType: 'session', entityId: staff.sessionId, meta: await requestMeta(), at: now });
      });
    }
    await signOut({ redirectTo: '/sign-in' });
  });
}
