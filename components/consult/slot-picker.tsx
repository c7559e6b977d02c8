'use client';

import { ErrorMessage, fieldId, useField } from './form';

/** A free time: `label` names the clinic's zone ("9:00am Pacific"); `note` is the patient's own time when it differs. */
export type SlotView = { value: string; label: string; note?: string | null };
export type SlotDayView = { key: string; label: string; slots: SlotView[] };

/** Free times as radios grouped by day (no calendar widget: it works without JavaScript), then "call me" when offered. */
export function SlotPicker({
  days,
  suggested,
  callValue,
}: {
  days: SlotDayView[];
  suggested: { value: string; label: string }[];
  /** The value of "Call me to arrange a time"; leave it out where only a time will do (moving a booking). */
  callValue?: string;
}) {
  const { error, value } = useField('slot');
  // The first radio carries the field's id, so the error summary's link lands on it.
  const firstKey = suggested[0] ? `s-${suggested[0].value}` : (days[0]?.slots[0]?.value ?? 'call');
  const radio = (v: string, label: string, key: string, note?: string | null) => {
    const id = key === firstKey ? fieldId('slot') : `${fieldId('slot')}-${key}`;
    return (
      <div key={key} className="my-2 flex items-start gap-3">
        <input id={id} type="radio" name="slot" value={v} defaultChecked={value === v} className="mt-1 h-7 w-7 shrink-0 accent-ink" />
        <label htmlFor={id} className="cursor-pointer py-0.5">
          {label}
          {note ? <span className="block text-base text-muted">{note}</span> : null}
        </label>
      </div>
    );
  };
  return (
    <fieldset
      className={`mb-7 border-0 p-0 ${error ? 'border-l-4 border-solid border-danger pl-4' : ''}`}
      aria-describedby={error ? `${fieldId('slot')}-error` : undefined}
    >
      <legend className="sr-only">Choose a time for your consultation</legend>
      <ErrorMessage name="slot" error={error} />
      {suggested.length ? (
        <fieldset className="mb-6 border-0 p-0">
          <legend className="mb-1 text-xl font-bold">Nearest free times</legend>
          {suggested.map((s) => radio(s.value, s.label, `s-${s.value}`))}
        </fieldset>
      ) : null}
      {days.map((day) => (
        <fieldset key={day.key} className="mb-5 border-0 p-0">
          <legend className="mb-1 text-xl font-bold">{day.label}</legend>
          <div className="grid grid-cols-2 gap-x-4 sm:grid-cols-3">{day.slots.map((s) => radio(s.value, s.label, s.value, s.note))}</div>
        </fieldset>
      ))}
      {callValue ? (
        <>
          <p className="my-3 text-muted">or</p>
          {radio(callValue, 'Call me to arrange a time', 'call')}
        </>
      ) : null}
    </fieldset>
  );
}
