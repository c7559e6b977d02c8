// What the MFA pages and actions take from the running app: the relying party (APP_URL), the key for sealed
// secrets and keyed hashes (AUTH_SECRET), whether a demo waiver counts, and who may set up a factor. Server-only.
import 'server-only';
import { getDb } from '@/db/client';
import { appUrl, authSecrets, clinic, env } from '@/lib/env';
import { currentStaff, pendingStaff, type Staff } from './guard';
import { hasSecondFactor, type MfaKeys, type RelyingParty } from './mfa';
import { demoWaiverAllowed, type MfaRuntime } from './mfa-rules';

export const mfaRuntime = (): MfaRuntime => ({
  demoWaiverAllowed: demoWaiverAllowed(env()),
});
export const mfaKeys = (): MfaKeys => {
  const [secret, ...previous] = authSecrets();
  return { secret: secret!, previous };
};

/** Passkeys belong to APP_URL's host name; the browser's origin must be APP_URL's. */
export function relyingParty(): RelyingParty {
  const url = new URL(appUrl());
  return {
    id: url.hostname,
    name: `${clinic().name} staff`,
    origin: url.origin,
  };
}

/**
 * Who may add a passkey or an authenticator app: a complete session, or one that has given the password and
 * has no second factor yet (setting up the first one is that account's second step). A password alone never
 * adds a factor to an account that already has one.
 */
export async function staffForEnrolment(): Promise<{
  staff: Staff;
  pending: boolean;
} | null> {
  const staff = await currentStaff();
  if (staff) return { staff, pending: false };
  const pending = await pendingStaff();
  if (pending && !(await hasSecondFactor(await getDb(), pending.id))) return { staff: pending, pending: true };
  return null;
}
