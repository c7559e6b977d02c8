// The account page's signed-in devices: each live session, this one marked, with a way to sign the others out.
import { ActionForm } from '@/components/dashboard/form';
import { Card } from '@/components/dashboard/ui';
import { describeDevice } from '@/lib/auth/session-rules';
import type { SessionListItem } from '@/lib/auth/sessions';
import { formatClinicDateTime } from '@/lib/time/format';
import { endMySessionsAction } from '../actions';

export function SessionsCard({
  sessions,
  limits: e,
  timeZone,
}: {
  sessions: SessionListItem[];
  limits: { STAFF_SESSION_IDLE_MINUTES: number; STAFF_SESSION_MAX_HOURS: number };
  timeZone: string;
}) {
  const others = sessions.filter((s) => !s.current);
  return (
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
  );
}
