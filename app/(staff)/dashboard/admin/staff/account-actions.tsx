'use client';

// The buttons on one account's row: change its role, sign it out everywhere, let a member of staff sign in
// with the password alone (or not), disable or re-enable it. Each names the person for
// screen readers, and the service's answer (done, or why not) is announced beside the buttons.
import { useActionState } from 'react';
import { useFormStatus } from 'react-dom';
import type { FormAction, FormState } from '@/components/dashboard/form';
import type { Role } from '@/lib/auth/permissions';

const small = 'inline-flex min-h-9 items-center rounded px-3 py-1 text-sm font-semibold disabled:opacity-60';
const secondary = `${small} border-2 border-brand bg-white text-brand hover:bg-brand-soft`;
const danger = `${small} border-2 border-danger bg-white text-danger hover:bg-danger-soft`;

function Submit({ label, name, className }: { label: string; name: string; className: string }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" disabled={pending} className={className}>
      {pending ? 'Saving…' : label}
      <span className="sr-only"> for {name}</span>
    </button>
  );
}

function Result({ state }: { state: FormState }) {
  if (!state?.message && !state?.errors) return null;
  const text = state.message ?? Object.values(state.errors ?? {})[0];
  return <p className={`m-0 mt-1 text-sm font-semibold ${state.ok ? 'text-success' : 'text-danger'}`}>{text}</p>;
}

export function AccountActions({
  staffId,
  name,
  role,
  disabled,
  setRole,
  setDisabled,
  endSessions,
  mfaWaived,
  setMfaWaiver,
  resetMfa,
}: {
  staffId: string;
  name: string;
  role: Role;
  disabled: boolean;
  setRole: FormAction;
  setDisabled: FormAction;
  endSessions: FormAction;
  mfaWaived: boolean;
  setMfaWaiver: FormAction;
  resetMfa: FormAction;
}) {
  const [roleState, roleAction] = useActionState(setRole, null);
  const [statusState, statusAction] = useActionState(setDisabled, null);
  const [sessionsState, sessionsAction] = useActionState(endSessions, null);
  const [waiverState, waiverAction] = useActionState(setMfaWaiver, null);
  const [resetState, resetAction] = useActionState(resetMfa, null);
  const selectId = `role-${staffId}`;
  return (
    <div className="min-w-[15rem]">
      <form action={roleAction} className="flex flex-wrap items-center gap-2">
        <input type="hidden" name="staffId" value={staffId} />
        <input type="hidden" name="name" value={name} />
        <label htmlFor={selectId} className="sr-only">
          Role for {name}
        </label>
        <select id={selectId} name="role" defaultValue={role} key={role} className="rounded border-2 border-muted bg-white px-1 py-1 text-sm">
          <option value="staff">Staff</option>
          <option value="admin">Administrator</option>
        </select>
        <Submit label="Change role" name={name} className={secondary} />
      </form>
      <div role="status">
        <Result state={roleState} />
      </div>
      {disabled ? null : (
        <>
          <form action={sessionsAction} className="mt-2">
            <input type="hidden" name="staffId" value={staffId} />
            <input type="hidden" name="name" value={name} />
            <Submit label="Sign out everywhere" name={name} className={secondary} />
          </form>
          <div role="status">
            <Result state={sessionsState} />
          </div>
        </>
      )}
      {role === 'admin' ? null : (
        <>
          <form action={waiverAction} className="mt-2">
            <input type="hidden" name="staffId" value={staffId} />
            <input type="hidden" name="name" value={name} />
            <input type="hidden" name="waived" value={mfaWaived ? 'false' : 'true'} />
            <Submit label={mfaWaived ? 'Require a second step' : 'Allow password only'} name={name} className={secondary} />
          </form>
          <div role="status">
            <Result state={waiverState} />
          </div>
        </>
      )}
      <form action={resetAction} className="mt-2">
        <input type="hidden" name="staffId" value={staffId} />
        <input type="hidden" name="name" value={name} />
        <Submit label="Reset second step" name={name} className={secondary} />
      </form>
      <div role="status">
        <Result state={resetState} />
      </div>
      <form action={statusAction} className="mt-2">
        <input type="hidden" name="staffId" value={staffId} />
        <input type="hidden" name="name" value={name} />
        <input type="hidden" name="disabled" value={disabled ? 'false' : 'true'} />
        <Submit label={disabled ? 'Enable account' : 'Disable account'} name={name} className={disabled ? secondary : danger} />
      </form>
      <div role="status">
        <Result state={statusState} />
      </div>
    </div>
  );
}
