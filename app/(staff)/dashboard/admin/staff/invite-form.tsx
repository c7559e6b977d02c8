'use client';

// Inviting someone. Same patterns as the dashboard's other forms (error summary that takes focus, a
// message under each field, typed values kept), plus one thing they cannot show: when this server has
// no email provider, the one-time link itself, once, in a warning box with a copy button.
import { useActionState, useEffect, useRef, useState } from 'react';
import { useFormStatus } from 'react-dom';
import type { InviteState } from './invite-state';

type Action = (state: InviteState, formData: FormData) => Promise<InviteState>;

const control = (error?: string) => `block w-full rounded border-2 ${error ? 'border-danger' : 'border-muted'} bg-white px-2 py-1.5 text-base`;

function Field({ name, label, error, children }: { name: string; label: string; error?: string; children: React.ReactNode }) {
  return (
    <div className={`mb-4 ${error ? 'border-l-4 border-danger pl-3' : ''}`}>
      <label htmlFor={`invite-${name}`} className="block font-semibold">
        {label}
      </label>
      {error ? (
        <p id={`invite-${name}-error`} className="m-0 font-semibold text-danger">
          <span className="sr-only">Error: </span>
          {error}
        </p>
      ) : null}
      {children}
    </div>
  );
}

const describedBy = (name: string, error?: string) => (error ? { 'aria-invalid': true, 'aria-describedby': `invite-${name}-error` } : {});

function Submit() {
  const { pending } = useFormStatus();
  return (
    <button type="submit" disabled={pending} className="inline-flex min-h-10 items-center rounded bg-brand px-4 py-2 font-semibold text-white hover:bg-brand-dark disabled:opacity-60">
      {pending ? 'Sending…' : 'Send invitation'}
    </button>
  );
}

function OneTimeLink({ name, link }: { name: string; link: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="mb-4 border-l-4 border-[#b7791f] bg-[#fff4d6] p-3">
      <p className="m-0 font-bold">Email is not set up, so no invitation was sent</p>
      <p className="m-0 mt-1">
        Give {name} this link yourself, privately. It works once, for 3 days. It will not be shown again.
      </p>
      <label htmlFor="invite-link" className="mt-2 block font-semibold">
        One-time link for {name}
      </label>
      <div className="flex flex-wrap gap-2">
        <input id="invite-link" readOnly value={link} className="min-w-0 flex-1 rounded border-2 border-muted bg-white px-2 py-1.5 font-mono text-sm" />
        <button
          type="button"
          className="inline-flex min-h-10 items-center rounded border-2 border-brand bg-white px-3 font-semibold text-brand hover:bg-brand-soft"
          onClick={() => {
            void navigator.clipboard?.writeText(link).then(() => setCopied(true));
          }}
        >
          Copy link
        </button>
      </div>
      <p role="status" className="m-0 mt-1 text-sm">
        {copied ? 'Copied.' : ''}
      </p>
    </div>
  );
}

export function InviteForm({ action, roles }: { action: Action; roles: { value: string; label: string }[] }) {
  const [state, formAction] = useActionState(action, null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const errors = state?.ok === false ? state.errors : {};
  const values = state?.ok === false ? state.values : {};
  const problems = Object.entries(errors);

  useEffect(() => {
    if (problems.length) summaryRef.current?.focus();
    if (state?.ok) formRef.current?.reset();
  }, [state, problems.length]);

  return (
    <form ref={formRef} action={formAction} noValidate>
      {problems.length ? (
        <div ref={summaryRef} tabIndex={-1} role="alert" className="mb-4 border-l-4 border-danger bg-danger-soft p-3 outline-none focus:outline-3 focus:outline-focus">
          <p className="m-0 font-bold">There is a problem</p>
          <ul className="m-0 list-none p-0">
            {problems.map(([name, message]) => (
              <li key={name}>
                <a href={`#invite-${name}`} className="text-danger">
                  {message}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {state?.ok ? (
        state.link ? (
          <OneTimeLink name={state.name} link={state.link} />
        ) : (
          <p role="status" className="mb-3 border-l-4 border-success bg-[#e8f5ec] p-2 font-semibold text-success">
            {state.message}
          </p>
        )
      ) : null}
      <Field name="name" label="Full name" error={errors.name}>
        <input id="invite-name" name="name" autoComplete="off" defaultValue={values.name ?? ''} key={`n${values.name ?? ''}`} className={control(errors.name)} {...describedBy('name', errors.name)} />
      </Field>
      <Field name="email" label="Email address" error={errors.email}>
        <input
          id="invite-email"
          name="email"
          type="email"
          autoComplete="off"
          spellCheck={false}
          defaultValue={values.email ?? ''}
          key={`e${values.email ?? ''}`}
          className={control(errors.email)}
          {...describedBy('email', errors.email)}
        />
      </Field>
      <Field name="role" label="Role" error={errors.role}>
        <select id="invite-role" name="role" defaultValue={values.role || 'staff'} key={`r${values.role ?? ''}`} className={control(errors.role)} {...describedBy('role', errors.role)}>
          {roles.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
        </select>
      </Field>
      <Submit />
    </form>
  );
}
