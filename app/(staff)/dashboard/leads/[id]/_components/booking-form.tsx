'use client';

// Booking or moving an appointment from a lead's page: free times as radios grouped by day (no calendar
// widget, so it works without JavaScript), and when the chosen time was just taken, the nearest free ones.
import { useActionState, useEffect, useRef } from 'react';
import { Disclosure } from '@/components/dashboard/disclosure';
import { SubmitButton } from '@/components/dashboard/form';
import { ErrorSummary } from '@/components/forms/error-summary';
import type { SlotDayOption } from '@/lib/leads/detail';
import type { BookingFormState } from '../actions';

export function BookingForm({
  action,
  idPrefix,
  hidden,
  days,
  legend,
  submitLabel,
  pendingLabel = 'Booking…',
  disclosure,
}: {
  action: (state: BookingFormState, formData: FormData) => Promise<BookingFormState>;
  idPrefix: string;
  hidden: Record<string, string | number>;
  days: SlotDayOption[];
  legend: string;
  submitLabel: string;
  pendingLabel?: string;
  /** Puts the form in a section that opens and closes; the form's answer opens it (see Disclosure). */
  disclosure?: { title: string; id: string };
}) {
  const [state, formAction] = useActionState(action, null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const error = state?.errors?.slot;
  const hasProblem = Boolean(error) || (state?.ok === false && Boolean(state.message));
  const chosen = state?.ok ? '' : (state?.values?.slot ?? '');
  const alternatives = state?.ok ? [] : (state?.alternatives ?? []);
  const fieldId = `${idPrefix}-slot`;

  useEffect(() => {
    if (hasProblem) summaryRef.current?.focus();
    if (state?.ok) formRef.current?.reset();
  }, [state, hasProblem]);

  const form = (
    <form ref={formRef} action={formAction} noValidate>
      {hasProblem ? <ErrorSummary ref={summaryRef} errors={{ slot: error }} message={state?.message} fieldId={() => fieldId} /> : null}
      {state?.ok && state.message ? (
        <p role="status" className="mb-3 border-l-4 border-success bg-[#e8f5ec] p-2 font-semibold text-success">
          {state.message}
        </p>
      ) : null}
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <SlotFieldset fieldId={fieldId} legend={legend} error={error} days={days} alternatives={alternatives} chosen={chosen} />
      <SubmitButton label={submitLabel} pendingLabel={pendingLabel} />
    </form>
  );
  return disclosure ? (
    <Disclosure title={disclosure.title} id={disclosure.id} open={state !== null}>
      {form}
    </Disclosure>
  ) : (
    form
  );
}

type SlotOption = { value: string; label: string };

/** The free times as radios: the nearest ones when the chosen time was just taken, then every day's. */
function SlotFieldset({
  fieldId,
  legend,
  error,
  days,
  alternatives,
  chosen,
}: {
  fieldId: string;
  legend: string;
  error: string | undefined;
  days: SlotDayOption[];
  alternatives: SlotOption[];
  chosen: string;
}) {
  // The first radio carries the field's id, so the error summary's link lands on it.
  const firstKey = alternatives[0] ? `alt-${alternatives[0].value}` : days[0]?.slots[0]?.value;
  const radio = (value: string, label: string, key: string) => {
    const id = key === firstKey ? fieldId : `${fieldId}-${key}`;
    return (
      <div key={key} className="flex items-center gap-2">
        <input id={id} type="radio" name="slot" value={value} defaultChecked={chosen === value} className="h-5 w-5 shrink-0 accent-brand" />
        <label htmlFor={id} className="cursor-pointer whitespace-nowrap">
          {label}
        </label>
      </div>
    );
  };
  return (
    <fieldset className={`mb-4 min-w-0 border-0 p-0 ${error ? 'border-l-4 border-solid border-danger pl-3' : ''}`} aria-describedby={error ? `${fieldId}-error` : undefined}>
      <legend className="mb-1 font-semibold">{legend}</legend>
      <p className="m-0 text-sm text-muted">Times are at the clinic. The patient is emailed a confirmation.</p>
      {error ? (
        <p id={`${fieldId}-error`} className="m-0 font-semibold text-danger">
          <span className="sr-only">Error: </span>
          {error}
        </p>
      ) : null}
      {days.length === 0 ? <p className="mt-2">There are no free times in the booking window. Check the opening hours.</p> : null}
      {alternatives.length ? (
        <fieldset className="mt-2 border-0 p-0">
          <legend className="font-semibold">Nearest free times</legend>
          <div className="grid gap-x-4 gap-y-1 sm:grid-cols-2">{alternatives.map((s) => radio(s.value, s.label, `alt-${s.value}`))}</div>
        </fieldset>
      ) : null}
      <div role="group" aria-label="All free times by day" tabIndex={0} className="mt-2 max-h-80 overflow-y-auto rounded border border-line p-2">
        {days.map((day) => (
          <fieldset key={day.key} className="mb-3 border-0 p-0">
            <legend className="font-semibold">{day.label}</legend>
            <div className="grid grid-cols-3 gap-x-3 gap-y-1 sm:grid-cols-4">{day.slots.map((s) => radio(s.value, s.label, s.value))}</div>
          </fieldset>
        ))}
      </div>
    </fieldset>
  );
}
