import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/db/client';
import { AuthFrame } from '@/components/dashboard/auth-frame';
import { ActionForm, Input } from '@/components/dashboard/form';
import { PASSWORD_HINT } from '@/lib/auth/password-rules';
import { lookupToken } from '@/lib/auth/service';
import { clinic } from '@/lib/env';
import { setPasswordAction } from './actions';

// The link is a one-time secret in the path: never send it on to another site.
export const metadata: Metadata = { title: 'Choose a password', referrer: 'same-origin' };

export default async function SetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const found = await lookupToken(await getDb(), token, new Date());
  const name = clinic().name;
  if (!found.ok) {
    return (
      <AuthFrame clinicName={name} title="This link has expired">
        <p>The link has expired or has already been used. Links to choose a password work once.</p>
        <p className="mb-0">
          <Link href="/forgot-password">Ask for a new link</Link>
        </p>
      </AuthFrame>
    );
  }
  return (
    <AuthFrame clinicName={name} title={found.purpose === 'invite' ? 'Set up your account' : 'Choose a new password'}>
      <p>
        Account: <strong>{found.email}</strong>
      </p>
      <ActionForm action={setPasswordAction} submitLabel="Save password" idPrefix="setpw" hidden={{ token }}>
        <input type="text" name="username" autoComplete="username" defaultValue={found.email} hidden readOnly />
        <Input
          name="password"
          label="New password"
          type="password"
          autoComplete="new-password"
          hint={PASSWORD_HINT}
        />
        <Input name="confirm" label="Type the password again" type="password" autoComplete="new-password" />
      </ActionForm>
    </AuthFrame>
  );
}
