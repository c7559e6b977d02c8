'use client';

// Dashboard forms: one server action per form, field-level errors under each field, a summary that
// takes focus, and what was typed kept after a refused submit. Denser than the patient form, same patterns.
import { createContext, useActionState, useContext, useEffect, useRef, type ReactNode } from 'react';
import { useFormStatus } from 'react-dom';
import { ErrorSummary } from '@/components/forms/error-summary';
import type { FormResult } from '@/lib/forms/parse';
import { Disclosure } from './disclosure';

/** Every dashboard action answers a `FormResult` (lib/forms/parse.ts). */
export type FormState = FormResult;

export type FormAction = (state: FormState, formData: FormData) => Promise<FormState>;

type Ctx = { errors: Record<string, string>; values: Record<string, string>; idPrefix: string };
const FormContext = createContext<Ctx>({ errors: {}, values: {}, idPrefix: 'f' });

const id = (prefix: string, name: string) => `${prefix}-${name}`;

export function ActionForm({
  action,
  submitLabel,
  pendingLabel = 'Saving…',
  idPrefix,
  hidden,
  children,
  className = '',
  secondary = false,
  initialValues = {},
  disclosure,
}: {
  action: FormAction;
  /** Without one the form shows only its answer (a form whose fields have gone once it succeeded). */
  submitLabel?: string;
  pendingLabel?: string;
  /** Unique per page: field ids are `<idPrefix>-<name>`. */
  idPrefix: string;
  hidden?: Record<string, string | number>;
  children?: ReactNode;
  className?: string;
  secondary?: boolean;
  initialValues?: Record<string, string>;
  /** Puts the form in a section that opens and closes; the form's answer opens it (see Disclosure). */
  disclosure?: { title: string; id: string };
}) {
  const [state, formAction] = useActionState(action, null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const errors = state?.errors ?? {};
  const hasErrors = Object.keys(errors).length > 0 || (state?.ok === false && Boolean(state.message));
  const values = state?.ok ? initialValues : (state?.values ?? initialValues);

  useEffect(() => {
    if (hasErrors) summaryRef.current?.focus();
    if (state?.ok) formRef.current?.reset();
  }, [state, hasErrors]);

  const form = (
    <FormContext.Provider value={{ errors, values, idPrefix }}>
      <form ref={formRef} action={formAction} noValidate className={className}>
        {hasErrors ? <ErrorSummary ref={summaryRef} errors={errors} message={state?.message} fieldId={(name) => id(idPrefix, name)} /> : null}
        {state?.ok && state.message ? <Confirmation message={state.message} /> : null}
        {state?.ok && state.codes?.length ? <CodeList codes={state.codes} /> : null}
        {hidden ? Object.entries(hidden).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />) : null}
        {children}
        {submitLabel ? <SubmitButton label={submitLabel} pendingLabel={pendingLabel} secondary={secondary} /> : null}
      </form>
    </FormContext.Provider>
  );
  return disclosure ? (
    <Disclosure title={disclosure.title} id={disclosure.id} open={state !== null}>
      {form}
    </Disclosure>
  ) : (
    form
  );
}

/**
 * The fields of a form that keeps its own state (ActionForm does this itself): gives Input, Select and
 * TextArea their errors, the values typed and the id prefix.
 */
export function FormFields({
  errors = {},
  values = {},
  idPrefix,
  children,
}: {
  errors?: Partial<Record<string, string>>;
  values?: Record<string, string>;
  idPrefix: string;
  children: ReactNode;
}) {
  // A field without a message reads as no error, whichever way the record says it.
  return <FormContext.Provider value={{ errors: errors as Record<string, string>, values, idPrefix }}>{children}</FormContext.Provider>;
}

/** A submit's confirmation, read out when it appears. */
export function Confirmation({ message }: { message: string }) {
  return (
    <p role="status" className="mb-3 border-l-4 border-success bg-[#e8f5ec] p-2 font-semibold text-success">
      {message}
    </p>
  );
}

/** Recovery codes, shown once: in a monospace list that is easy to copy, print or write down. */
export function CodeList({ codes }: { codes: string[] }) {
  return (
    <div className="mb-4 rounded border-2 border-ink bg-white p-3">
      <p className="m-0 font-bold">Your recovery codes</p>
      <p className="m-0 mb-2 text-sm">
        Each code works once, if you cannot use your passkey or authenticator app. Keep them somewhere safe (a password manager, or
        printed). You will not be shown them again.
      </p>
      <ul aria-label="Recovery codes" className="m-0 grid list-none grid-cols-1 gap-x-6 gap-y-1 p-0 font-mono text-lg tracking-wider whitespace-nowrap min-[360px]:grid-cols-2 min-[360px]:text-base sm:text-lg">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
    </div>
  );
}

export function SubmitButton({ label, pendingLabel, secondary }: { label: string; pendingLabel: string; secondary?: boolean }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" disabled={pending} className={secondary ? buttonSecondary : buttonPrimary}>
      {pending ? pendingLabel : label}
    </button>
  );
}

export const buttonPrimary =
  'inline-flex min-h-10 items-center rounded bg-brand px-4 py-2 font-semibold text-white hover:bg-brand-dark disabled:opacity-60';
export const buttonSecondary =
  'inline-flex min-h-10 items-center rounded border-2 border-brand bg-white px-4 py-1.5 font-semibold text-brand hover:bg-brand-soft disabled:opacity-60';
export const buttonDanger =
  'inline-flex min-h-10 items-center rounded bg-danger px-4 py-2 font-semibold text-white hover:bg-[#8f1e18] disabled:opacity-60';

function useField(name: string) {
  const { errors, values, idPrefix } = useContext(FormContext);
  const fieldId = id(idPrefix, name);
  const error = errors[name];
  return { error, value: values[name], fieldId, errorId: `${fieldId}-error`, hintId: `${fieldId}-hint` };
}

const control = (error?: string, fullWidth = true) =>
  `block ${fullWidth ? 'w-full ' : ''}rounded border-2 ${error ? 'border-danger' : 'border-muted'} bg-white px-2 py-1.5 text-base`;

/** A field's label, hint and error around its control; `spacing` replaces the default gap below it. */
function Frame({ name, label, hint, spacing = 'mb-4', children }: { name: string; label: string; hint?: string; spacing?: string; children: ReactNode }) {
  const { error, fieldId, errorId, hintId } = useField(name);
  return (
    <div className={`${spacing} ${error ? 'border-l-4 border-danger pl-3' : ''}`}>
      <label htmlFor={fieldId} className="block font-semibold">
        {label}
      </label>
      {hint ? (
        <p id={hintId} className="m-0 text-sm text-muted">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="m-0 font-semibold text-danger">
          <span className="sr-only">Error: </span>
          {error}
        </p>
      ) : null}
      {children}
    </div>
  );
}

function aria(name: string, hint: string | undefined, f: ReturnType<typeof useField>) {
  const describedBy = [hint ? f.hintId : null, f.error ? f.errorId : null].filter(Boolean).join(' ') || undefined;
  return { id: f.fieldId, name, 'aria-invalid': f.error ? true : undefined, 'aria-describedby': describedBy } as const;
}

export function Input({
  name,
  label,
  hint,
  type = 'text',
  autoComplete,
  defaultValue,
  className = '',
  required,
  spellCheck,
  spacing,
  fullWidth = true,
}: {
  name: string;
  label: string;
  hint?: string;
  type?: 'text' | 'email' | 'password' | 'date' | 'datetime-local' | 'time' | 'number' | 'search';
  autoComplete?: string;
  defaultValue?: string;
  className?: string;
  required?: boolean;
  spellCheck?: boolean;
  /** The gap below the field (a row of fields side by side wants none). */
  spacing?: string;
  /** False for a control as wide as its content (a date in a row of fields). */
  fullWidth?: boolean;
}) {
  const f = useField(name);
  return (
    <Frame name={name} label={label} hint={hint} spacing={spacing}>
      <input
        {...aria(name, hint, f)}
        type={type}
        autoComplete={autoComplete}
        spellCheck={spellCheck}
        defaultValue={f.value ?? defaultValue ?? ''}
        key={f.value ?? defaultValue ?? ''}
        aria-required={required || undefined}
        className={`${control(f.error, fullWidth)} ${className}`}
      />
    </Frame>
  );
}

export function TextArea({ name, label, hint, rows = 3, maxLength }: { name: string; label: string; hint?: string; rows?: number; maxLength?: number }) {
  const f = useField(name);
  return (
    <Frame name={name} label={label} hint={hint}>
      <textarea {...aria(name, hint, f)} rows={rows} maxLength={maxLength} defaultValue={f.value ?? ''} key={f.value ?? ''} className={control(f.error)} />
    </Frame>
  );
}

export function Select({
  name,
  label,
  hint,
  options,
  defaultValue,
  placeholder,
}: {
  name: string;
  label: string;
  hint?: string;
  options: readonly { value: string; label: string }[];
  defaultValue?: string;
  placeholder?: string;
}) {
  const f = useField(name);
  const value = f.value ?? defaultValue ?? '';
  return (
    <Frame name={name} label={label} hint={hint}>
      <select {...aria(name, hint, f)} defaultValue={value} key={value} className={control(f.error)}>
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Frame>
  );
}
