import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { AuthFrame } from '@/components/dashboard/auth-frame';
import { ActionForm, Input } from '@/components/dashboard/form';
import { clinic } from '@/lib/env';
import { forgotPasswordAction } from './actions';

export const metadata: Metadata = { title: 'Reset your password' };

export default async function ForgotPasswordPage() {
  // Rendered per request, like every staff page, so its scripts carry the request's CSP nonce.
  await connection();
  return (
    <AuthFrame clinicName={clinic().name} title="Reset your password">
      <p>Enter the email address you sign in with. We will send you a link to choose a new password.</p>
      <ActionForm action={forgotPasswordAction} submitLabel="Send the link" pendingLabel="Sending…" idPrefix="forgot">
        <Input name="email" label="Email address" type="email" autoComplete="username" />
      </ActionForm>
      <p className="mt-5 mb-0">
        <Link href="/sign-in">Back to sign in</Link>
      </p>
    </AuthFrame>
  );
}
