import type { Metadata } from 'next';
import { ActionForm, Input } from '@/components/dashboard/form';
import { Card, Facts, PageHeader } from '@/components/dashboard/ui';
import { requireStaff } from '@/lib/auth/guard';
import { PASSWORD_MIN } from '@/lib/auth/service';
import { changePasswordAction } from './actions';

export const metadata: Metadata = { title: 'Your account' };

export default async function AccountPage() {
  const staff = await requireStaff('leads.read', '/dashboard/account');
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
            <Input name="newPassword" label="New password" type="password" autoComplete="new-password" hint={`At least ${PASSWORD_MIN} characters.`} />
            <Input name="confirm" label="Type the new password again" type="password" autoComplete="new-password" />
          </ActionForm>
        </Card>
      </div>
    </>
  );
}
