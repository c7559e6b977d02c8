'use client';

// The inbox's bulk actions: one form around the table, so the row checkboxes (plain server-rendered
// inputs named "ids") are posted with whichever button was pressed — with or without JavaScript.
// JavaScript adds the "select all on this page" box and the live count of what is selected.
import {
  createContext,
  startTransition,
  useActionState,
  useCallback,
  useContext,
  useEffect,
  useRef,
  useState,
  type FormEvent,
  type ReactNode,
  type RefObject,
} from 'react';
import { buttonSecondary, type FormAction } from '@/components/dashboard/form';

type Selection = { selected: number; total: number; toggleAll: (checked: boolean) => void };
const SelectionContext = createContext<Selection>({ selected: 0, total: 0, toggleAll: () => {} });

export type Option = { value: string; label: string };

const control = (invalid: boolean) => `block w-full rounded border-2 ${invalid ? 'border-danger' : 'border-muted'} bg-white px-2 py-1.5 text-base`;

/**
 * Counts the row checkboxes inside the form and how many are ticked, again whenever the rows change (live
 * updates, a bulk change, paging); `toggleAll` ticks or clears every one.
 */
function useSelection(formRef: RefObject<HTMLFormElement | null>) {
  const [counts, setCounts] = useState({ selected: 0, total: 0 });
  const boxes = useCallback(() => Array.from(formRef.current?.querySelectorAll<HTMLInputElement>('input[name="ids"]') ?? []), [formRef]);
  const recount = useCallback(() => {
    const all = boxes();
    setCounts({ selected: all.filter((box) => box.checked).length, total: all.length });
  }, [boxes]);

  useEffect(() => {
    const form = formRef.current;
    if (!form) return;
    const observer = new MutationObserver(recount);
    observer.observe(form, { childList: true, subtree: true });
    const frame = requestAnimationFrame(recount);
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [formRef, recount]);

  const toggleAll = useCallback(
    (checked: boolean) => {
      for (const box of boxes()) box.checked = checked;
      recount();
    },
    [boxes, recount],
  );
  return { counts, recount, toggleAll };
}

export function BulkForm({
  action,
  assignees,
  statuses,
  children,
}: {
  action: FormAction;
  assignees: Option[];
  statuses: Option[];
  children: ReactNode;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const formRef = useRef<HTMLFormElement>(null);
  const { counts, recount, toggleAll } = useSelection(formRef);
  const errors = state?.errors ?? {};
  const values = state?.ok ? {} : (state?.values ?? {});

  // After a change went through, clear the selection (a refusal keeps it, to fix and resend).
  useEffect(() => {
    if (state?.ok) formRef.current?.reset();
  }, [state]);

  // With JavaScript, submit without React's automatic form reset, so a refused change keeps the selection.
  // Without it, the form posts to the same action as a plain form.
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const data = new FormData(event.currentTarget, submitter);
    startTransition(() => formAction(data));
  };

  const message = state?.message;
  return (
    <SelectionContext.Provider value={{ ...counts, toggleAll }}>
      <form ref={formRef} action={formAction} onSubmit={submit} onChange={recount} onReset={() => requestAnimationFrame(recount)} noValidate>
        <fieldset className="mb-3 rounded border border-line bg-white p-3">
          <legend className="px-1 font-semibold">
            With the selected requests <span className="font-normal text-muted">({counts.selected} selected)</span>
          </legend>
          <div className="flex flex-wrap items-end gap-x-4 gap-y-2">
            <BulkChoice name="assignee" label="Assign to" options={assignees} value={values.assignee} error={errors.assignee} intent="assign" button="Assign" pending={pending} />
            <BulkChoice name="status" label="Change status to" options={statuses} value={values.status} error={errors.status} intent="status" button="Change status" pending={pending} />
          </div>
          <p className="m-0 mt-2 text-sm text-muted">A status change skips any request that cannot move to the chosen status from where it is.</p>
        </fieldset>
        {/* A success is announced politely; a refusal is an alert (inserted, so it is read at once). */}
        <div role="status">
          {state?.ok && message ? <p className="mb-3 border-l-4 border-success bg-[#e8f5ec] p-2 font-semibold text-success">{message}</p> : null}
        </div>
        {state && !state.ok && message ? (
          <p id="bulk-feedback" role="alert" className="mb-3 border-l-4 border-danger bg-danger-soft p-2 font-semibold text-danger">
            {message}
          </p>
        ) : null}
        {children}
      </form>
    </SelectionContext.Provider>
  );
}

/** One bulk change: what to change it to, and the button that applies it to the selected requests. */
function BulkChoice({
  name,
  label,
  options,
  value = '',
  error,
  intent,
  button,
  pending,
}: {
  name: 'assignee' | 'status';
  label: string;
  options: Option[];
  value?: string;
  error?: string;
  intent: string;
  button: string;
  pending: boolean;
}) {
  return (
    <div className="flex items-end gap-2">
      <div>
        <label htmlFor={`bulk-${name}`} className="block text-sm font-semibold">
          {label}
        </label>
        <select
          id={`bulk-${name}`}
          name={name}
          defaultValue={value}
          key={`${name[0]}-${value}`}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'bulk-feedback' : undefined}
          className={control(Boolean(error))}
        >
          <option value="">Choose…</option>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      <BulkButton intent={intent} label={button} pending={pending} />
    </div>
  );
}

function BulkButton({ intent, label, pending }: { intent: string; label: string; pending: boolean }) {
  return (
    <button type="submit" name="intent" value={intent} disabled={pending} className={buttonSecondary}>
      {label}
    </button>
  );
}

/** The header box: selects or clears every request on this page (an indeterminate state when some are). */
export function SelectAllOnPage() {
  const { selected, total, toggleAll } = useContext(SelectionContext);
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = selected > 0 && selected < total;
  }, [selected, total]);
  return (
    <label className="inline-flex min-h-6 min-w-6 cursor-pointer items-center justify-center">
      <input
        ref={ref}
        type="checkbox"
        className="size-5"
        checked={total > 0 && selected === total}
        onChange={(event) => toggleAll(event.target.checked)}
      />
      <span className="sr-only">Select all requests on this page</span>
    </label>
  );
}
