'use client';

// The consultation form's building blocks (GOV.UK / NHS patterns): an error summary that takes focus,
// fields with their label, hint and error, and a step form that checks answers in the browser with the
// same zod schema the server uses. Without JavaScript the same form posts to the server action.
import {
  createContext,
  useActionState,
  useContext,
  useEffect,
  useRef,
  useState,
  type FormEvent,
  type ReactNode,
} from 'react';
import { useFormStatus } from 'react-dom';
import { ErrorSummary } from '@/components/forms/error-summary';
import type { FormResult } from '@/lib/forms/parse';
import { charCount, fieldErrors, formDataToObject } from '@/lib/intake/schema';
import { getStep, type StepId } from '@/lib/intake/steps';

/** A step's answers: one string per field, except a group of checkboxes (a list). */
export type FormValues = Record<string, string | string[]>;
/** What a step's action answers: the form kit's FormResult, its values a step's answers (lists allowed). */
export type StepResult = (Omit<NonNullable<FormResult>, 'values'> & { values?: FormValues }) | null;

type Ctx = { errors: Record<string, string>; values: FormValues };
const FormContext = createContext<Ctx>({ errors: {}, values: {} });

export const fieldId = (name: string) => `f-${name}`;
const errorId = (name: string) => `${fieldId(name)}-error`;
const hintId = (name: string) => `${fieldId(name)}-hint`;

function describedBy(name: string, hint?: ReactNode, error?: string) {
  return [hint ? hintId(name) : null, error ? errorId(name) : null].filter(Boolean).join(' ') || undefined;
}

export function StepForm({
  action,
  stepId,
  initialValues,
  submitLabel = 'Continue',
  children,
  hidden,
}: {
  action: (state: StepResult, formData: FormData) => Promise<StepResult>;
  stepId?: StepId;
  initialValues: FormValues;
  submitLabel?: string;
  children: ReactNode;
  hidden?: Record<string, string>;
}) {
  const [serverState, formAction] = useActionState(action, null);
  const [clientErrors, setClientErrors] = useState<Record<string, string> | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const errors = clientErrors ?? serverState?.errors ?? {};
  const values = serverState?.values ?? initialValues;
  // A problem with the whole step (its answers could not be saved; too many requests).
  const formError = serverState?.ok === false ? serverState.message : undefined;
  const hasErrors = Object.keys(errors).length > 0 || Boolean(formError);

  useEffect(() => {
    if (!hasErrors) return;
    summaryRef.current?.focus();
    if (!document.title.startsWith('Error: ')) document.title = `Error: ${document.title}`;
  }, [hasErrors, clientErrors, serverState]);

  function checkInBrowser(event: FormEvent<HTMLFormElement>) {
    if (!stepId) return;
    const step = getStep(stepId);
    const result = step.schema.safeParse(formDataToObject(new FormData(event.currentTarget)));
    if (result.success) {
      setClientErrors(null);
      return;
    }
    const all = fieldErrors(result.error);
    const own = Object.fromEntries(Object.entries(all).filter(([k]) => step.fields.includes(k)));
    if (Object.keys(own).length === 0) return;
    event.preventDefault();
    setClientErrors(own);
  }

  return (
    <FormContext.Provider value={{ errors, values }}>
      {hasErrors ? <ErrorSummary ref={summaryRef} errors={errors} message={formError} fieldId={fieldId} size="large" /> : null}
      <form action={formAction} onSubmit={checkInBrowser} noValidate>
        {hidden
          ? Object.entries(hidden).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />)
          : null}
        {children}
        <SubmitButton label={submitLabel} />
      </form>
    </FormContext.Provider>
  );
}

function SubmitButton({ label }: { label: string }) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      disabled={pending}
      aria-disabled={pending}
      className="mt-4 rounded bg-success px-6 py-3 text-lg font-semibold text-white shadow-[0_3px_0_#0f3d20] hover:bg-[#17552d] disabled:opacity-70"
    >
      {pending ? 'Sending…' : label}
    </button>
  );
}

export function useField(name: string) {
  const { errors, values } = useContext(FormContext);
  return { error: errors[name], value: values[name] };
}

export function ErrorMessage({ name, error }: { name: string; error?: string }) {
  if (!error) return null;
  return (
    <p id={errorId(name)} className="my-1 font-bold text-danger">
      <span className="sr-only">Error: </span>
      {error}
    </p>
  );
}

function Hint({ name, hint }: { name: string; hint?: ReactNode }) {
  if (!hint) return null;
  return (
    <p id={hintId(name)} className="my-1 text-muted">
      {hint}
    </p>
  );
}

const inputClass = (error?: string) =>
  `block w-full max-w-md rounded-none border-2 ${error ? 'border-danger' : 'border-ink'} bg-white px-3 py-2 text-lg`;

function Group({ error, children }: { error?: string; children: ReactNode }) {
  return <div className={`mb-7 ${error ? 'border-l-4 border-danger pl-4' : ''}`}>{children}</div>;
}

export function TextField({
  name,
  label,
  hint,
  type = 'text',
  autoComplete,
  inputMode,
  width = 'full',
  spellCheck,
}: {
  name: string;
  label: string;
  hint?: ReactNode;
  type?: 'text' | 'email' | 'tel';
  autoComplete?: string;
  inputMode?: 'text' | 'email' | 'tel' | 'numeric';
  width?: 'full' | 'short';
  spellCheck?: boolean;
}) {
  const { error, value } = useField(name);
  return (
    <Group error={error}>
      <label htmlFor={fieldId(name)} className="block text-lg font-bold">
        {label}
      </label>
      <Hint name={name} hint={hint} />
      <ErrorMessage name={name} error={error} />
      <input
        id={fieldId(name)}
        name={name}
        type={type}
        defaultValue={typeof value === 'string' ? value : ''}
        autoComplete={autoComplete}
        inputMode={inputMode}
        spellCheck={spellCheck}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(name, hint, error)}
        className={`${inputClass(error)} ${width === 'short' ? 'max-w-xs' : ''}`}
      />
    </Group>
  );
}

export function TextArea({ name, label, hint, maxLength }: { name: string; label: string; hint?: ReactNode; maxLength: number }) {
  const { error, value } = useField(name);
  // Counted as the server counts (code points: an emoji or a Chinese character is one), so the two always agree.
  const [length, setLength] = useState(typeof value === 'string' ? charCount(value) : 0);
  return (
    <Group error={error}>
      <label htmlFor={fieldId(name)} className="block text-lg font-bold">
        {label}
      </label>
      <Hint name={name} hint={hint} />
      <ErrorMessage name={name} error={error} />
      <textarea
        id={fieldId(name)}
        name={name}
        rows={5}
        defaultValue={typeof value === 'string' ? value : ''}
        onChange={(e) => setLength(charCount(e.target.value))}
        aria-invalid={error ? true : undefined}
        aria-describedby={[describedBy(name, hint, error), `${fieldId(name)}-count`].filter(Boolean).join(' ')}
        className={`${inputClass(error)} max-w-2xl`}
      />
      <p id={`${fieldId(name)}-count`} className="my-1 text-base text-muted" aria-live="polite">
        {length > maxLength
          ? `You have ${(length - maxLength).toLocaleString('en-US')} character${length - maxLength === 1 ? '' : 's'} too many`
          : `You can enter up to ${maxLength.toLocaleString('en-US')} characters`}
      </p>
    </Group>
  );
}

export type Option = { value: string; label: string; hint?: string };

export function Radios({
  name,
  legend,
  hint,
  options,
  asHeading = false,
  inline = false,
  onChoose,
}: {
  name: string;
  legend: string;
  hint?: ReactNode;
  options: Option[];
  asHeading?: boolean;
  inline?: boolean;
  onChoose?: (value: string) => void;
}) {
  const { error, value } = useField(name);
  return (
    <Group error={error}>
      <fieldset
        aria-describedby={describedBy(name, hint, error)}
        aria-invalid={error ? true : undefined}
        className="m-0 border-0 p-0"
      >
        <legend className={asHeading ? 'mb-2 text-2xl font-bold' : 'mb-1 text-lg font-bold'}>{legend}</legend>
        <Hint name={name} hint={hint} />
        <ErrorMessage name={name} error={error} />
        <div className={inline ? 'flex flex-wrap gap-x-6' : ''}>
          {options.map((o, i) => {
            const id = i === 0 ? fieldId(name) : `${fieldId(name)}-${i}`;
            return (
              <div key={o.value} className="my-2 flex items-start gap-3">
                <input
                  id={id}
                  type="radio"
                  name={name}
                  value={o.value}
                  defaultChecked={value === o.value}
                  onChange={onChoose ? () => onChoose(o.value) : undefined}
                  className="mt-1 h-7 w-7 shrink-0 accent-ink"
                  aria-describedby={o.hint ? `${id}-hint` : undefined}
                />
                <label htmlFor={id} className="cursor-pointer py-0.5">
                  {o.label}
                  {o.hint ? (
                    <span id={`${id}-hint`} className="block text-base text-muted">
                      {o.hint}
                    </span>
                  ) : null}
                </label>
              </div>
            );
          })}
        </div>
      </fieldset>
    </Group>
  );
}

export function Checkboxes({
  name,
  legend,
  hint,
  options,
  exclusive,
}: {
  name: string;
  legend: string;
  hint?: ReactNode;
  options: Option[];
  /** The "None of these" option, shown last after an "or". */
  exclusive?: Option;
}) {
  const { error, value } = useField(name);
  const checked = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
  const all = exclusive ? [...options, exclusive] : options;
  return (
    <Group error={error}>
      <fieldset aria-describedby={describedBy(name, hint, error)} className="m-0 border-0 p-0">
        <legend className="mb-1 text-lg font-bold">{legend}</legend>
        <Hint name={name} hint={hint} />
        <ErrorMessage name={name} error={error} />
        {all.map((o, i) => {
          const id = i === 0 ? fieldId(name) : `${fieldId(name)}-${i}`;
          return (
            <div key={o.value}>
              {exclusive && o === exclusive ? <p className="my-2 text-muted">or</p> : null}
              <div className="my-2 flex items-start gap-3">
                <input
                  id={id}
                  type="checkbox"
                  name={name}
                  value={o.value}
                  defaultChecked={checked.includes(o.value)}
                  className="mt-1 h-7 w-7 shrink-0 accent-ink"
                />
                <label htmlFor={id} className="cursor-pointer py-0.5">
                  {o.label}
                </label>
              </div>
            </div>
          );
        })}
      </fieldset>
    </Group>
  );
}

export function Checkbox({ name, label, hint }: { name: string; label: ReactNode; hint?: ReactNode }) {
  const { error, value } = useField(name);
  return (
    <Group error={error}>
      <ErrorMessage name={name} error={error} />
      <div className="flex items-start gap-3">
        <input
          id={fieldId(name)}
          type="checkbox"
          name={name}
          value="yes"
          defaultChecked={value === 'yes'}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(name, hint, error)}
          className="mt-1 h-7 w-7 shrink-0 accent-ink"
        />
        <div>
          <label htmlFor={fieldId(name)} className="cursor-pointer">
            {label}
          </label>
          <Hint name={name} hint={hint} />
        </div>
      </div>
    </Group>
  );
}

export function SelectField({
  name,
  label,
  hint,
  options,
  detect,
  placeholder,
}: {
  name: string;
  label: string;
  hint?: ReactNode;
  options: Option[];
  /** Pre-selects the browser's time zone when nothing was chosen yet. */
  detect?: 'timeZone';
  /** A first, empty choice: without it the browser would silently pick the first option. */
  placeholder?: string;
}) {
  const { error, value } = useField(name);
  const ref = useRef<HTMLSelectElement>(null);
  const [extra, setExtra] = useState<Option | null>(null);
  useEffect(() => {
    if (detect !== 'timeZone' || value || !ref.current) return;
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!zone) return;
    // The browser's zone is only known after hydration, so this state is set in an effect on purpose.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (!options.some((o) => o.value === zone)) setExtra({ value: zone, label: zone.replace(/_/g, ' ') });
    requestAnimationFrame(() => {
      if (ref.current) ref.current.value = zone;
    });
  }, [detect, value, options]);
  const all = extra ? [...options, extra] : options;
  const current = typeof value === 'string' ? value : undefined;
  const withCurrent = current && !all.some((o) => o.value === current) ? [...all, { value: current, label: current }] : all;
  return (
    <Group error={error}>
      <label htmlFor={fieldId(name)} className="block text-lg font-bold">
        {label}
      </label>
      <Hint name={name} hint={hint} />
      <ErrorMessage name={name} error={error} />
      <select
        ref={ref}
        id={fieldId(name)}
        name={name}
        defaultValue={current ?? (placeholder ? '' : options[0]?.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(name, hint, error)}
        className={inputClass(error)}
      >
        {placeholder ? <option value="">{placeholder}</option> : null}
        {withCurrent.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Group>
  );
}

/** Shows the emergency advice as soon as any warning sign is answered yes or not sure (with JavaScript). */
export function WarningSignsWatcher({ names, children }: { names: string[]; children: ReactNode }) {
  const { values } = useContext(FormContext);
  const initiallyUrgent = names.some((n) => values[n] === 'yes' || values[n] === 'not_sure');
  const [urgent, setUrgent] = useState(initiallyUrgent);
  // The card's own state follows the form; it is set from the DOM, so the effect below updates it.
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const form = ref.current?.closest('form');
    if (!form) return;
    const update = () => {
      const fd = new FormData(form);
      setUrgent(names.some((n) => fd.get(n) === 'yes' || fd.get(n) === 'not_sure'));
    };
    // Answers chosen before the page finished loading count too.
    update();
    form.addEventListener('change', update);
    return () => form.removeEventListener('change', update);
  }, [names]);
  return (
    <div ref={ref} aria-live="assertive">
      {urgent ? children : null}
    </div>
  );
}
