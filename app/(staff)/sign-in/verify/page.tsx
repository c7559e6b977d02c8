// The second step of signing in: a passkey first (needs JavaScript), else a code from the authenticator app,
// else a recovery code. The session stays shut to the dashboard until one of them is done (lib/auth/guard).
import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { ActionForm, Input } from '@/components/dashboard/form';
import { AuthFrame } from '@/components/dashboard/auth-frame';
import { PasskeyButton } from '@/components/dashboard/passkey';
import { getDb } from '@/db/client';
import { currentStaff, pendingStaff, safeNextPath } from '@/lib/auth/guard';
import { enrolment, requirementFor } from '@/lib/auth/mfa';
import { mfaRuntime } from '@/lib/auth/mfa-context';
import { clinic } from '@/lib/env';
import { signOutAction } from '../../dashboard/actions';
import { recoveryCodeAction, verifyTotpAction } from './actions';

export const metadata: Metadata = { title: 'Confirm it’s you' };

export default async function VerifyPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const nextPath = safeNextPath((await searchParams).next);
  const staff = await pendingStaff();
  if (!staff) redirect((await currentStaff()) ? nextPath : `/sign-in?next=${encodeURIComponent(nextPath)}`);
  const db = await getDb();
  if ((await requirementFor(db, staff.id, mfaRuntime())) !== 'verify') redirect(`/sign-in/set-up?next=${encodeURIComponent(nextPath)}`);
  const has = await enrolment(db, staff.id);
  const hidden = { next: nextPath, purpose: 'sign_in' };
  return (
    <AuthFrame clinicName={clinic().name} title="Confirm it’s you">
      <p className="mt-0">You have entered your password. Now confirm it is you in one of these ways.</p>
      {has.passkeys.length > 0 ? (
        <section aria-labelledby="passkey-title" className="mb-2">
          <h2 id="passkey-title" className="m-0 mb-2 text-lg font-bold">
            With a passkey
          </h2>
          <PasskeyButton purpose="sign_in" next={nextPath} />
        </section>
      ) : null}
      {has.totp === 'confirmed' ? (
        <section aria-labelledby="totp-title" className="mb-2">
          <h2 id="totp-title" className="m-0 mb-2 text-lg font-bold">
            With your authenticator app
          </h2>
          <ActionForm action={verifyTotpAction} submitLabel="Continue" pendingLabel="Checking…" idPrefix="totp" hidden={hidden}>
            <Input name="code" label="Code from the app" hint="6 digits, for example 123456" autoComplete="one-time-code" className="max-w-40" />
          </ActionForm>
        </section>
      ) : null}
      {/* Inside a section that opens and closes; the form's answer opens it again (without JavaScript too). */}
      <ActionForm
        action={recoveryCodeAction}
        submitLabel="Continue"
        pendingLabel="Checking…"
        idPrefix="recovery"
        hidden={hidden}
        disclosure={{ title: 'Use a recovery code', id: 'recovery' }}
      >
        <p className="mt-0">If you cannot use your passkey or authenticator app, use one of the recovery codes you saved. Each code works once.</p>
        <Input name="recoveryCode" label="Recovery code" hint="10 letters and numbers, for example K7WQ2-MNP4R" autoComplete="off" className="max-w-60" />
      </ActionForm>
      <p className="mt-4 mb-0 text-sm text-muted">Lost every way in? Ask an administrator to reset your second step.</p>
      <form action={signOutAction} className="mt-3">
        <button type="submit" className="text-brand underline">
          Sign out
        </button>
      </form>
    </AuthFrame>
  );
}
