// Setting up an authenticator app from the account page (QR code and key, then a first code).
import type { Metadata } from 'next';
import Link from 'next/link';
import { Card, PageHeader } from '@/components/dashboard/ui';
import { TotpSetup } from '@/components/dashboard/totp-setup';
import { getDb } from '@/db/client';
import { requireStaff } from '@/lib/auth/guard';
import { totpSetupSecret } from '@/lib/auth/mfa';
import { mfaKeys } from '@/lib/auth/mfa-context';
import { totpUri } from '@/lib/auth/mfa-rules';
import { clinic } from '@/lib/env';

export const metadata: Metadata = { title: 'Set up an authenticator app' };

export default async function AuthenticatorPage() {
  const staff = await requireStaff('leads.read', '/dashboard/account/authenticator');
  const secret = await totpSetupSecret(await getDb(), {
    staffId: staff.id,
    keys: mfaKeys(),
    now: new Date(),
  });
  return (
    <>
      <PageHeader title="Set up an authenticator app" />
      <Card>
        {secret ? null : <p className="mt-0">Your authenticator app is set up.</p>}
        <TotpSetup secret={secret} uri={secret ? totpUri(secret, clinic().name, staff.email) : null} />
        <p className="mb-0">
          <Link href="/dashboard/account#security">Back to your account</Link>
        </p>
      </Card>
    </>
  );
}
