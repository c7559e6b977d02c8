// The signed-in person's own account: their details, their password, how they confirm it is them, and where
// they are signed in.
import type { Metadata } from 'next';
import { ActionForm, Input } from '@/components/dashboard/form';
import { Card, Facts, PageHeader } from '@/components/dashboard/ui';
import { getDb } from '@/db/client';
import { requireStaff } from '@/lib/auth/guard';
import { PASSWORD_HINT } from '@/lib/auth/password-rules';
import { listLiveSessions } from '@/lib/auth/sessions';
import { clinic, env } from '@/lib/env';
import { enrolment } from '@/lib/auth/mfa';
import { SecurityCard } from './_components/security-card';
import { SessionsCard } from './_components/sessions-card';
import { changePasswordAction } from './actions';

export const metadata: Metadata = { title: 'Your account' };

export default async function AccountPage() {
  const staff = await requireStaff('leads.read', '/dashboard/account');
  const e = env();
  const { timeZone } = clinic();
  const sessions = await listLiveSessions(await getDb(), {
    staffUserId: staff.id,
    currentSessionId: staff.sessionId,
    now: new Date(),
    limits: { idleMinutes: e.STAFF_SESSION_IDLE_MINUTES, maxHours: e.STAFF_SESSION_MAX_HOURS },
  });
  const has = await enrolment(await getDb(), staff.id);
  return (
    <>
      <PageHeader title="Your account" />
      <div className="grid gap-5 lg:grid-cols-2">
        <Card title="Details" id="details">
          <Facts
            rows={[
              ['Name', staff.name],
              ['Email', staff.email],
              ['Role', staff.role === 'admin' ? 'Administrator' : 'Staff'],
            ]}
          />
        </Card>
        <Card title="Change your password" id="password">
          <p className="text-muted">Changing it signs you out everywhere, this browser included.</p>
          <ActionForm action={changePasswordAction} submitLabel="Change password" idPrefix="pw">
            <input type="text" name="username" autoComplete="username" defaultValue={staff.email} hidden readOnly />
            <Input name="currentPassword" label="Current password" type="password" autoComplete="current-password" />
            <Input name="newPassword" label="New password" type="password" autoComplete="new-password" hint={PASSWORD_HINT} />
            <Input name="confirm" label="Type the new password again" type="password" autoComplete="new-password" />
          </ActionForm>
        </Card>
      </div>
      <SecurityCard has={has} timeZone={timeZone} />
      <SessionsCard sessions={sessions} limits={e} timeZone={timeZone} />
    </>
  );
}
