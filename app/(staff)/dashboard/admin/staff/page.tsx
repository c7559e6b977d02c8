import type { Metadata } from 'next';
import { getDb } from '@/db/client';
import { Table } from '@/components/dashboard/table';
import { Badge, Card, PageHeader } from '@/components/dashboard/ui';
import { requireStaff } from '@/lib/auth/guard';
import { mfaRuntime } from '@/lib/auth/mfa-context';
import { secondStepSummary } from '@/lib/auth/mfa-rules';
import { listStaff } from '@/lib/auth/service';
import { clinic, env } from '@/lib/env';
import { formatRecordTime } from '@/lib/time/format';
import { AccountActions } from './account-actions';
import { endStaffSessionsAction, resetMfaAction, setMfaWaiverAction, inviteStaffAction, setStaffDisabledAction, setStaffRoleAction } from './actions';
import { InviteForm } from './invite-form';

export const metadata: Metadata = { title: 'Staff' };

const ROLE_OPTIONS = [
  { value: 'staff', label: 'Staff: leads, tasks, schedule and emails' },
  { value: 'admin', label: 'Administrator: also metrics, exports, erasure, staff, opening hours and the audit log' },
];

type Account = Awaited<ReturnType<typeof listStaff>>[number];

function signedInLabel(at: Date | null, timeZone: string): string {
  if (!at) return 'Never';
  return formatRecordTime(at, timeZone);
}

function AccountStatus({ account }: { account: Account }) {
  if (account.disabledAt) return <Badge tone="neutral">Disabled</Badge>;
  if (account.invited) {
    return (
      <>
        <Badge tone="warning">Invited</Badge>
        <span className="block text-sm text-muted">Waiting to set a password</span>
      </>
    );
  }
  return <Badge tone="success">Active</Badge>;
}

export default async function StaffPage() {
  const me = await requireStaff('staff.manage', '/dashboard/admin/staff');
  const accounts = await listStaff(await getDb());
  const { timeZone } = clinic();
  const emailConfigured = Boolean(env().RESEND_API_KEY);
  const runtime = mfaRuntime();
  return (
    <>
      <PageHeader title="Staff" description="Who can sign in to the dashboard, and what they can do. Every change here is recorded in the audit log." />
      <Card title="Accounts" id="accounts">
        <Table
          caption={<>Staff accounts, {accounts.length} in all</>}
          captionId="accounts-caption"
          headRowClassName="border-b-2 border-ink"
          headCellClassName="px-2 py-1"
          columns={['Name', 'Role', 'Status', 'Second step', 'Last signed in', 'Actions']}
          region="overflow-x-auto"
        >
          {accounts.map((account) => (
            <tr key={account.id} className="border-b border-line align-top">
              <th scope="row" className="px-2 py-2 text-left font-normal">
                <span className="block font-semibold">{account.name}</span>
                <span className="block break-words text-sm text-muted">{account.email}</span>
              </th>
              <td className="px-2 py-2">{account.role === 'admin' ? 'Administrator' : 'Staff'}</td>
              <td className="px-2 py-2">
                <AccountStatus account={account} />
              </td>
              <td className="px-2 py-2 text-sm">
                {secondStepSummary({ role: account.role, waiver: account.mfaWaiver, passkeys: account.passkeys, app: account.app }, runtime)}
              </td>
              <td className="px-2 py-2 text-sm">{signedInLabel(account.lastLoginAt, timeZone)}</td>
              <td className="px-2 py-2">
                {account.id === me.id ? (
                  <span className="text-sm text-muted">This is you</span>
                ) : (
                  <AccountActions
                    staffId={account.id}
                    name={account.name}
                    role={account.role}
                    disabled={account.disabledAt !== null}
                    setRole={setStaffRoleAction}
                    setDisabled={setStaffDisabledAction}
                    endSessions={endStaffSessionsAction}
                    mfaWaived={account.mfaWaived === true}
                    setMfaWaiver={setMfaWaiverAction}
                    resetMfa={resetMfaAction}
                  />
                )}
              </td>
            </tr>
          ))}
        </Table>
        <p className="m-0 mt-3 text-sm text-muted">
          Disabling an account or changing its role signs that person out at once. The last active administrator cannot be disabled.
        </p>
      </Card>
      <Card title="Invite someone" id="invite">
        <p className="max-w-2xl">
          They get an email with a link to choose a password. The link works once, for 3 days.
          {emailConfigured ? null : ' Email is not set up on this server: the link will be shown here once, for you to pass on.'}
        </p>
        <div className="max-w-xl">
          <InviteForm action={inviteStaffAction} roles={ROLE_OPTIONS} />
        </div>
      </Card>
    </>
  );
}
