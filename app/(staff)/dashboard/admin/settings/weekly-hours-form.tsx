'use client';

// The weekly-hours editor: one group per weekday with its ranges (from / until), a button to add a range
// and one to remove each. The whole week is saved at once; a refused save shows each problem beside its
// time, lists them in a summary that takes focus, and keeps everything as typed. Without JavaScript the two
// buttons do nothing: each day then offers one empty range to fill in (ignored when left empty), and a
// range is removed by clearing both of its times.
import { useActionState, useEffect, useRef, useState } from 'react';
import { useFormStatus } from 'react-dom';
import { buttonPrimary, type FormAction } from '@/components/dashboard/form';
import { ErrorSummary } from '@/components/forms/error-summary';
import { hoursField, hoursRows, WEEKDAY_NAMES } from '@/lib/booking/settings-rules';

type Row = { row: number; start: string; end: string };
type Week = Record<number, Row[]>;

const ID_PREFIX = 'hours';
const fieldId = (name: string) => `${ID_PREFIX}-${name}`;

/** The ranges the server sent. One with both times empty was removed (or left empty): it is not shown again. */
function weekFrom(values: Record<string, string>): Week {
  return Object.fromEntries(WEEKDAY_NAMES.map((_, i) => [i + 1, hoursRows(values, i + 1).filter((r) => r.start || r.end)]));
}

export function WeeklyHoursForm({
  action,
  providerId,
  providerName,
  initialValues,
}: {
  action: FormAction;
  providerId: string;
  providerName: string;
  initialValues: Record<string, string>;
}) {
  const [state, formAction] = useActionState(action, null);
  const errors = state?.errors ?? {};
  const hasErrors = Object.keys(errors).length > 0 || (state?.ok === false && Boolean(state.message));
  const values = state?.ok || !state?.values ? initialValues : state.values;

  // Rows are edited here (add / remove); whenever the server sends new values, they start again from those.
  const source = JSON.stringify(values);
  const [shown, setShown] = useState({ source, generation: 0, week: weekFrom(values) });
  // Remounting the inputs (a new generation in their keys) makes them show the server's values.
  if (shown.source !== source) setShown({ source, generation: shown.generation + 1, week: weekFrom(values) });
  const week = shown.week;
  const setWeek = (update: (w: Week) => Week) => setShown((s) => ({ ...s, week: update(s.week) }));

  const summaryRef = useRef<HTMLDivElement>(null);
  const addedRef = useRef<string | null>(null);
  useEffect(() => {
    if (hasErrors) summaryRef.current?.focus();
  }, [state, hasErrors]);
  useEffect(() => {
    // After "Add hours", focus goes to the new range's first time.
    if (addedRef.current) document.getElementById(addedRef.current)?.focus();
    addedRef.current = null;
  }, [week]);

  const addRow = (weekday: number) => {
    const row = (week[weekday] ?? []).reduce((max, r) => Math.max(max, r.row + 1), 0);
    addedRef.current = fieldId(hoursField(weekday, row, 'start'));
    setWeek((w) => ({ ...w, [weekday]: [...(w[weekday] ?? []), { row, start: '', end: '' }] }));
  };
  const removeRow = (weekday: number, row: number) => setWeek((w) => ({ ...w, [weekday]: (w[weekday] ?? []).filter((r) => r.row !== row) }));

  return (
    <form action={formAction} noValidate>
      {hasErrors ? <ErrorSummary ref={summaryRef} errors={errors} message={state?.message} fieldId={fieldId} /> : null}
      {state?.ok && state.message ? (
        <p role="status" className="mb-3 border-l-4 border-success bg-[#e8f5ec] p-2 font-semibold text-success">
          {state.message}
        </p>
      ) : null}
      <input type="hidden" name="providerId" value={providerId} />
      <p className="mt-0 text-muted">
        Add a range for each time {providerName} sees patients on that day. Ranges may meet (9:00am to 12:00pm and 12:00pm to 5:00pm) but not overlap.
      </p>
      <noscript>
        <p className="mt-0 text-muted">Each day has an empty range to fill in. To remove a range, clear both of its times.</p>
      </noscript>
      <div className="grid gap-x-6 md:grid-cols-2">
        {WEEKDAY_NAMES.map((day, i) => (
          <DayHours key={day} day={day} weekday={i + 1} rows={week[i + 1] ?? []} generation={shown.generation} errors={errors} onAdd={addRow} onRemove={removeRow} />
        ))}
      </div>
      <SaveButton />
    </form>
  );
}

/** One weekday's ranges, "Closed" when it has none, and the button that adds one. */
function DayHours({
  day,
  weekday,
  rows,
  generation,
  errors,
  onAdd,
  onRemove,
}: {
  day: string;
  weekday: number;
  rows: Row[];
  /** Part of each range's key: a new generation remounts the inputs with the server's values. */
  generation: number;
  errors: Record<string, string>;
  onAdd: (weekday: number) => void;
  onRemove: (weekday: number, row: number) => void;
}) {
  const spare = rows.reduce((max, r) => Math.max(max, r.row + 1), 0);
  return (
    <fieldset className="mb-4 min-w-0 rounded border border-line p-3">
      <legend className="px-1 font-bold">{day}</legend>
      {rows.length === 0 ? <p className="m-0 mb-2 text-muted">Closed</p> : null}
      <ul className="m-0 list-none p-0">
        {rows.map((r, index) => (
          <HoursRow key={`${generation}-${r.row}`} day={day} weekday={weekday} index={index} row={r} errors={errors} onRemove={() => onRemove(weekday, r.row)} />
        ))}
      </ul>
      {/* Parsed as part of the form only when scripting is off: the browser ignores it otherwise. */}
      <noscript>
        <ul className="m-0 list-none p-0">
          <HoursRow day={day} weekday={weekday} index={rows.length} row={{ row: spare, start: '', end: '' }} errors={errors} />
        </ul>
      </noscript>
      <button type="button" onClick={() => onAdd(weekday)} className="rounded border-2 border-brand bg-white px-3 py-1 text-base font-semibold text-brand hover:bg-brand-soft">
        Add hours<span className="sr-only"> on {day}</span>
      </button>
    </fieldset>
  );
}

function HoursRow({
  day,
  weekday,
  index,
  row,
  errors,
  onRemove,
}: {
  day: string;
  weekday: number;
  index: number;
  row: Row;
  errors: Record<string, string>;
  /** Absent for the empty range offered without JavaScript, which is removed by leaving it empty. */
  onRemove?: () => void;
}) {
  const edges = (['start', 'end'] as const).map((edge) => {
    const name = hoursField(weekday, row.row, edge);
    return { edge, name, id: fieldId(name), error: errors[name], value: edge === 'start' ? row.start : row.end };
  });
  const rowErrors = edges.filter((e) => e.error);
  return (
    <li className={`mb-3 ${rowErrors.length ? 'border-l-4 border-danger pl-3' : ''}`}>
      {rowErrors.map((e) => (
        <p key={e.name} id={`${e.id}-error`} className="m-0 font-semibold text-danger">
          <span className="sr-only">Error: </span>
          {e.error}
        </p>
      ))}
      <div className="flex flex-wrap items-end gap-3">
        {edges.map((e) => (
          <div key={e.edge}>
            <label htmlFor={e.id} className="block font-semibold">
              {e.edge === 'start' ? 'From' : 'Until'}
              <span className="sr-only">
                {' '}
                ({day}, range {index + 1})
              </span>
            </label>
            <input
              id={e.id}
              name={e.name}
              type="time"
              step={300}
              defaultValue={e.value}
              aria-invalid={e.error ? true : undefined}
              aria-describedby={e.error ? `${e.id}-error` : undefined}
              className={`block rounded border-2 ${e.error ? 'border-danger' : 'border-muted'} bg-white px-2 py-1.5 text-base`}
            />
          </div>
        ))}
        {onRemove ? (
          <button type="button" onClick={onRemove} className="mb-1 rounded px-2 py-1 text-base font-semibold text-danger underline hover:bg-danger-soft">
            Remove<span className="sr-only"> {day} range {index + 1}</span>
          </button>
        ) : null}
      </div>
    </li>
  );
}

function SaveButton() {
  const { pending } = useFormStatus();
  return (
    <button type="submit" disabled={pending} className={buttonPrimary}>
      {pending ? 'Saving…' : 'Save weekly hours'}
    </button>
  );
}
