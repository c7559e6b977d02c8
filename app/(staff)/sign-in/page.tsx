import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { ActionForm, Input } from '@/components/dashboard/form';
import { AuthFrame } from '@/components/dashboard/auth-frame';
import { currentStaff, pendingStaff, safeNextPath } from '@/lib/auth/guard';
import { clinic } from '@/lib/env';
import { signInAction } from './actions';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string; reset?: string }> }) {
  const { next, reset } = await searchParams;
  const nextPath = safeNextPath(next);
  if (await currentStaff()) redirect(nextPath);
  // Password given, second step not yet: carry on with it.
  if (await pendingStaff()) redirect(`/sign-in/verify?next=${encodeURIComponent(nextPath)}`);
  return (
    <AuthFrame clinicName={clinic().name} title="Sign in to the dashboard">
      {reset ? (
        <p role="status" className="mb-4 border-l-4 border-success bg-[#e8f5ec] p-2">
          Your password has been set. Sign in with it now.
        </p>
      ) : null}
      <ActionForm action={signInAction} submitLabel="Sign in" pendingLabel="Signing in…" idPrefix="signin" hidden={{ next: nextPath }}>
        <Input name="email" label="Email address" type="email" autoComplete="username" />
        <Input name="password" label="Password" type="password" autoComplete="current-password" />
      </ActionForm>
      <p className="mt-5 mb-0">
        <Link href="/forgot-password">Forgotten your password?</Link>
      </p>
    </AuthFrame>
  );
}
