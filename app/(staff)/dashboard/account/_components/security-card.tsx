// The account page's second steps: passkeys (add, remove), the authenticator app, and recovery codes.
import Link from 'next/link';
import { ActionForm } from '@/components/dashboard/form';
import { AddPasskey } from '@/components/dashboard/passkey';
import { Card } from '@/components/dashboard/ui';
import type { Enrolment } from '@/lib/auth/mfa';
import { formatClinicDateTime } from '@/lib/time/format';
import { regenerateCodesAction, removePasskeyAction, removeTotpAction } from '../security-actions';

export function SecurityCard({ has, timeZone }: { has: Enrolment; timeZone: string }) {
  return (
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
  );
}
