// Step-up: before an export, an erasure or a change to staff accounts, a person who last proved who they
// are more than 5 minutes ago confirms it again (passkey, authenticator app or password), then goes back.
import type { Metadata } from 'next';
import { ActionForm, Input } from '@/components/dashboard/form';
import { PasskeyButton } from '@/components/dashboard/passkey';
import { Card, PageHeader } from '@/components/dashboard/ui';
import { getDb } from '@/db/client';
import { requireStaff, safeNextPath } from '@/lib/auth/guard';
import { enrolment } from '@/lib/auth/mfa';
import { confirmPasswordAction, verifyTotpAction } from '../../sign-in/verify/actions';

export const metadata: Metadata = { title: 'Confirm it’s you' };

export default async function ConfirmPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const nextPath = safeNextPath((await searchParams).next);
  const staff = await requireStaff('leads.read', `/dashboard/confirm?next=${encodeURIComponent(nextPath)}`);
  const has = await enrolment(await getDb(), staff.id);
  const hidden = { next: nextPath, purpose: 'confirm' };
  return (
    <>
      <PageHeader
        title="Confirm it’s you"
        description="This needs a recent sign-in. Confirm it is you to carry on; you will go back to what you were doing."
      />
      <div className="max-w-xl">
        {has.passkeys.length > 0 ? (
          <Card title="With a passkey" id="confirm-passkey">
            <PasskeyButton purpose="confirm" next={nextPath} />
          </Card>
        ) : null}
        {has.totp === 'confirmed' ? (
          <Card title="With your authenticator app" id="confirm-totp">
            <ActionForm action={verifyTotpAction} submitLabel="Confirm" pendingLabel="Checking…" idPrefix="confirm-totp" hidden={hidden}>
              <Input name="code" label="Code from the app" hint="6 digits, for example 123456" autoComplete="one-time-code" className="max-w-40" />
            </ActionForm>
          </Card>
        ) : null}
        <Card title="With your password" id="confirm-password">
          <ActionForm action={confirmPasswordAction} submitLabel="Confirm" pendingLabel="Checking…" idPrefix="confirm-password" hidden={hidden}>
            <input type="text" name="username" autoComplete="username" defaultValue={staff.email} hidden readOnly />
            <Input name="password" label="Password" type="password" autoComplete="current-password" />
          </ActionForm>
        </Card>
      </div>
    </>
  );
}
