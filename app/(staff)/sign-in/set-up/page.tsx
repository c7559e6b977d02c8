// The set-up step of signing in, for an account that must have a second factor and has none yet: add a
// passkey, or set up an authenticator app. The first one finishes the sign-in and shows the recovery codes.
import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { AddPasskey } from '@/components/dashboard/passkey';
import { TotpSetup } from '@/components/dashboard/totp-setup';
import { getDb } from '@/db/client';
import { currentStaff, pendingStaff, safeNextPath } from '@/lib/auth/guard';
import { hasSecondFactor, totpSetupSecret } from '@/lib/auth/mfa';
import { mfaKeys } from '@/lib/auth/mfa-context';
import { totpUri } from '@/lib/auth/mfa-rules';
import { clinic } from '@/lib/env';
import { signOutAction } from '../../dashboard/actions';
import { buttonPrimary } from '@/components/dashboard/form';

export const metadata: Metadata = { title: 'Set up a second way to sign in' };

export default async function SetUpPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const nextPath = safeNextPath((await searchParams).next);
  const pending = await pendingStaff();
  const staff = pending ?? (await currentStaff());
  if (!staff) redirect(`/sign-in?next=${encodeURIComponent(nextPath)}`);
  const db = await getDb();
  // Done here a moment ago (this page again, showing the recovery codes), or never needed: go on from here.
  const done = !pending;
  if (pending && (await hasSecondFactor(db, staff.id))) redirect(`/sign-in/verify?next=${encodeURIComponent(nextPath)}`);
  const secret = done
    ? null
    : await totpSetupSecret(db, {
        staffId: staff.id,
        keys: mfaKeys(),
        now: new Date(),
      });
  const { name } = clinic();
  return (
    <main id="main" className="mx-auto w-full max-w-2xl flex-1 px-4 py-10">
      <p className="m-0 mb-6 font-bold text-brand">{name} · Staff</p>
      <div className="rounded border border-line bg-white p-6">
        <h1 className="m-0 mb-4 text-2xl font-bold">{done ? 'Your sign-in is set up' : 'Set up a second way to sign in'}</h1>
        {done ? (
          <p className="mt-0">Save the recovery codes shown below somewhere safe, then continue to the dashboard at the end of this page.</p>
        ) : (
          <p className="mt-0">
            To protect patients’ information, signing in needs your password and a second step. Set one up now: a passkey is quickest; an
            authenticator app works on any phone.
          </p>
        )}
        {/* Always here (even once done): a passkey just added shows its recovery codes in this section. */}
        <section aria-labelledby="add-passkey-title" className="mb-6 border-t border-line pt-4">
          <h2 id="add-passkey-title" className="m-0 mb-2 text-lg font-bold">
            {done ? 'Add a passkey as well (optional)' : 'Add a passkey'}
          </h2>
          <p className="mt-0">Use this device’s fingerprint, face or screen lock, your phone, or a security key.</p>
          <AddPasskey primary={!done} once />
        </section>
        <section aria-labelledby="totp-title" className="border-t border-line pt-4">
          <h2 id="totp-title" className="m-0 mb-2 text-lg font-bold">
            {done ? 'Authenticator app' : 'Or set up an authenticator app'}
          </h2>
          <TotpSetup secret={secret} uri={secret ? totpUri(secret, name, staff.email) : null} />
        </section>
        {done ? (
          <p className="mt-6 mb-0 border-t border-line pt-4">
            <Link href={nextPath} className={buttonPrimary}>
              Continue to the dashboard
            </Link>
          </p>
        ) : (
          <form action={signOutAction} className="mt-4">
            <button type="submit" className="text-brand underline">
              Sign out
            </button>
          </form>
        )}
      </div>
    </main>
  );
}
