'use client';

// "Mark done" on one follow-up task (the tasks page and a lead's page): a one-button form whose name says
// which task, with the refusal (already done, someone else changed the lead) said right beside it.
import { useActionState } from 'react';
import { useFormStatus } from 'react-dom';
import type { FormAction } from '@/components/dashboard/form';

function DoneButton({ context }: { context: string }) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      disabled={pending}
      // The visible words come first in the name (WCAG 2.5.3); the rest says which task, for screen readers.
      aria-label={`Mark done: ${context}`}
      className="inline-flex min-h-9 items-center whitespace-nowrap rounded border-2 border-brand bg-white px-3 py-0.5 font-semibold text-brand hover:bg-brand-soft disabled:opacity-60"
    >
      {pending ? 'Saving…' : 'Mark done'}
    </button>
  );
}

export function MarkDoneForm({ action, hidden, context }: { action: FormAction; hidden: Record<string, string | number>; context: string }) {
  const [state, formAction] = useActionState(action, null);
  const problem = state && !state.ok ? (state.message ?? Object.values(state.errors ?? {})[0]) : undefined;
  return (
    <form action={formAction} noValidate className="inline-block">
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <DoneButton context={context} />
      {problem ? (
        <p role="alert" className="m-0 mt-1 max-w-xs text-sm font-semibold text-danger">
          {problem}
        </p>
      ) : null}
    </form>
  );
}
