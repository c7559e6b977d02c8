'use client';

// Inviting someone. Same patterns as the dashboard's other forms (error summary that takes focus, a
// message under each field, typed values kept), plus one thing they cannot show: when this server has
// no email provider, the one-time link itself, once, in a warning box with a copy button.
import { useActionState, useEffect, useRef, useState } from 'react';
import { Confirmation, FormFields, Input, Select, SubmitButton } from '@/components/dashboard/form';
import { ErrorSummary } from '@/components/forms/error-summary';
import type { InviteResult } from './invite-state';

type Action = (state: InviteResult, formData: FormData) => Promise<InviteResult>;

const fieldId = (name: string) => `invite-${name}`;

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
  const errors = state?.ok === false ? (state.errors ?? {}) : {};
  const values = state?.ok === false ? (state.values ?? {}) : {};
  const problems = Object.keys(errors).length;

  useEffect(() => {
    if (problems) summaryRef.current?.focus();
    if (state?.ok) formRef.current?.reset();
  }, [state, problems]);

  return (
    <form ref={formRef} action={formAction} noValidate>
      {problems ? <ErrorSummary ref={summaryRef} errors={errors} fieldId={fieldId} /> : null}
      {state?.ok ? state.link ? <OneTimeLink name={state.name ?? ''} link={state.link} /> : <Confirmation message={state.message ?? ''} /> : null}
      <FormFields errors={errors} values={values} idPrefix="invite">
        <Input name="name" label="Full name" autoComplete="off" />
        <Input name="email" label="Email address" type="email" autoComplete="off" spellCheck={false} />
        <Select name="role" label="Role" options={roles} defaultValue="staff" />
      </FormFields>
      <SubmitButton label="Send invitation" pendingLabel="Sending…" />
    </form>
  );
}
