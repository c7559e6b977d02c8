import type { Metadata } from 'next';
import { ActionForm, Input } from '@/components/dashboard/form';
import { Card, Facts, PageHeader } from '@/components/dashboard/ui';
import { getDb } from '@/db/client';
import { requireStaff } from '@/lib/auth/guard';
import { PASSWORD_HINT } from '@/lib/auth/password-rules';
import { describeDevice } from '@/lib/auth/session-rules';
import { listLiveSessions } from '@/lib/auth/sessions';
import { clinic, env } from '@/lib/env';
import { formatClinicDateTime } from '@/lib/leads/lead-forms';
import Link from 'next/link';
import { AddPasskey } from '@/components/dashboard/passkey';
import { enrolment } from '@/lib/auth/mfa';
import { changePasswordAction, endMySessionsAction } from './actions';
import { regenerateCodesAction, removePasskeyAction, removeTotpAction } from './security-actions';

export const metadata: Metadata = { title: 'Your account' };

export default async function AccountPage() {
  const staff = await requireStaff('leads.read', '/dashboard/account');
  const e = env();
  const { timeZone } = clinic();
  const sessions = await listLiveSessions(await getDb(), {
    staffUserId: staff.id,
    currentSessionId: staff.sessionId,
    now: new Date(),
    limits: { idleMinutes: e.STAFF_SESSION_IDLE_MINUTES, maxHours: e.STAFF_SESSION_MAX_HOURS },
  });
  const others = sessions.filter((s) => !s.current);
  const has = await enrolment(await getDb(), staff.id);
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
            <Input name="newPassword" label="New password" type="password" autoComplete="new-password" hint={PASSWORD_HINT} />
            <Input name="confirm" label="Type the new password again" type="password" autoComplete="new-password" />
          </ActionForm>
        </Card>
      </div>
      <Card title="How you confirm it’s you" id="security">
        <p className="text-muted">
          After your password, signing in needs a second step: a passkey or a code from an authenticator app. Recovery codes are for when you
          cannot use either.
        </p>
        <h3 className="m-0 mb-2 text-base font-bold">Passkeys</h3>
        {has.passkeys.length === 0 ? <p>You have no passkeys.</p> : null}
        <ul className="m-0 mb-3 list-none p-0" aria-label="Your passkeys">
          {has.passkeys.map((p) => (
            <li key={p.id} className="flex flex-wrap items-start justify-between gap-3 border-t border-line py-3">
              <div>
                <p className="m-0 font-semibold">{p.name}</p>
                <p className="m-0 text-sm text-muted">
                  Added {formatClinicDateTime(p.createdAt, timeZone)} ·{' '}
                  {p.lastUsedAt ? `last used ${formatClinicDateTime(p.lastUsedAt, timeZone)}` : 'not used yet'}
                </p>
              </div>
              <ActionForm
                action={removePasskeyAction}
                submitLabel={`Remove ${p.name}`}
                pendingLabel="Removing…"
                idPrefix={`passkey-${p.id}`}
                hidden={{ passkey: p.id }}
                secondary
              />
            </li>
          ))}
        </ul>
        <div className="mb-5 border-t border-line pt-3">
          <AddPasskey />
        </div>
        <h3 className="m-0 mb-2 border-t border-line pt-3 text-base font-bold">Authenticator app</h3>
        {has.totp === 'confirmed' ? (
          <div className="mb-5">
            <p className="mt-0">Set up.</p>
            <ActionForm action={removeTotpAction} submitLabel="Remove the authenticator app" pendingLabel="Removing…" idPrefix="totp-remove" secondary />
          </div>
        ) : (
          <p className="mt-0 mb-5">
            Not set up. <Link href="/dashboard/account/authenticator">Set up an authenticator app</Link>
          </p>
        )}
        <h3 className="m-0 mb-2 border-t border-line pt-3 text-base font-bold">Recovery codes</h3>
        <p className="mt-0">
          {has.recoveryCodesLeft === 1 ? '1 code left.' : `${has.recoveryCodesLeft} codes left.`} Making new ones stops the old ones working.
        </p>
        <ActionForm action={regenerateCodesAction} submitLabel="Make new recovery codes" pendingLabel="Making codes…" idPrefix="codes" secondary />
      </Card>
      <Card title="Where you are signed in" id="sessions">
        <p className="text-muted">
          A session ends when you sign out, after {e.STAFF_SESSION_IDLE_MINUTES} minutes without use, and {e.STAFF_SESSION_MAX_HOURS} hours after
          you signed in. If you see one you do not recognise, sign it out and change your password.
        </p>
        <ul className="m-0 list-none p-0">
          {sessions.map((s) => (
            <li key={s.id} className="flex flex-wrap items-start justify-between gap-3 border-t border-line py-3">
              <div>
                <p className="m-0 font-semibold">
                  {describeDevice(s.userAgent)}
                  {s.current ? <span className="ml-2 rounded bg-brand-soft px-2 py-0.5 text-sm">This device</span> : null}
                </p>
                <p className="m-0 text-sm text-muted">
                  Signed in {formatClinicDateTime(s.createdAt, timeZone)} from {s.ip ?? 'an unknown address'} · last active{' '}
                  {formatClinicDateTime(s.lastSeenAt, timeZone)}
                </p>
              </div>
              {s.current ? null : (
                <ActionForm action={endMySessionsAction} submitLabel="Sign out this device" pendingLabel="Signing out…" idPrefix={`session-${s.id}`} hidden={{ session: s.id }} secondary />
              )}
            </li>
          ))}
        </ul>
        {others.length > 1 ? (
          <ActionForm action={endMySessionsAction} submitLabel="Sign out on every other device" pendingLabel="Signing out…" idPrefix="sessions-others" hidden={{ session: 'others' }} secondary />
        ) : null}
      </Card>
    </>
  );
}
