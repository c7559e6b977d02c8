'use server';

import { getDb } from '@/db/client';
import { requestMeta, signOut } from '@/lib/auth';
import { currentStaff } from '@/lib/auth/guard';
import { writeAudit } from '@/lib/audit/log';
import { failSafe } from '@/lib/http/safe-action';

export async function signOutAction(): Promise<void> {
  return failSafe('signOutAction', async (): Promise<void> => {
    const staff = await currentStaff();
    if (staff) {
      await writeAudit(await getDb(), { actorStaffId: staff.id, action: 'sign_out', entityType: 'session', meta: await requestMeta(), at: new Date() });
    }
    await signOut({ redirectTo: '/sign-in' });
  });
}
