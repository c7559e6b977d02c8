// Choosing the metrics' date range: preset links and a plain GET form, so it works without JavaScript
// and the range can be bookmarked. Problems are shown GOV.UK-style: a summary linking to each field.
import Link from 'next/link';
import { RANGE_PRESETS, type ParsedRange } from '@/lib/metrics/range';

// The dashboard's primary button (components/dashboard/form is a client module: its constants are not plain strings here).
const buttonPrimary =
  'inline-flex min-h-10 items-center rounded bg-brand px-4 py-2 font-semibold text-white hover:bg-brand-dark disabled:opacity-60';

const fieldClass = (error?: string) => `block rounded border-2 ${error ? 'border-danger' : 'border-muted'} bg-white px-2 py-1.5 text-base`;

function DateField({ name, label, value, error }: { name: 'from' | 'to'; label: string; value: string; error?: string }) {
  const id = `range-${name}`;
  return (
    <div className={error ? 'border-l-4 border-danger pl-3' : ''}>
      <label htmlFor={id} className="block font-semibold">
        {label}
      </label>
      {error ? (
        <p id={`${id}-error`} className="m-0 font-semibold text-danger">
          <span className="sr-only">Error: </span>
          {error}
        </p>
      ) : null}
      <input
        id={id}
        name={name}
        type="date"
        defaultValue={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className={fieldClass(error)}
      />
    </div>
  );
}

export function RangeForm({ parsed, zoneLabel }: { parsed: ParsedRange; zoneLabel: string }) {
  const { errors } = parsed;
  const problems = Object.entries(errors) as ['from' | 'to', string][];
  return (
    <section aria-labelledby="range-title" className="mb-5 rounded border border-line bg-white p-4">
      <h2 id="range-title" className="m-0 mb-2 text-lg font-bold">
        Date range
      </h2>
      {problems.length ? (
        <div role="alert" className="mb-4 border-l-4 border-danger bg-danger-soft p-3">
          <p className="m-0 font-bold">There is a problem</p>
          <ul className="m-0 list-none p-0">
            {problems.map(([field, message]) => (
              <li key={field}>
                <a href={`#range-${field}`} className="text-danger">
                  {message}
                </a>
              </li>
            ))}
          </ul>
          <p className="m-0 mt-1">Showing the last 12 weeks instead.</p>
        </div>
      ) : null}
      <nav aria-label="Preset ranges" className="mb-3">
        <ul className="m-0 flex list-none flex-wrap gap-2 p-0">
          {RANGE_PRESETS.map((preset) => {
            const current = parsed.preset === preset.id && problems.length === 0;
            return (
              <li key={preset.id}>
                <Link
                  href={`/dashboard/metrics?preset=${preset.id}`}
                  aria-current={current ? 'true' : undefined}
                  className={`inline-block rounded border-2 px-3 py-1 font-semibold no-underline ${
                    current ? 'border-brand bg-brand text-white hover:text-white' : 'border-brand bg-white text-brand'
                  }`}
                >
                  {preset.label}
                  {current ? <span className="sr-only"> (showing)</span> : null}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <form method="get" action="/dashboard/metrics" noValidate className="flex flex-wrap items-end gap-4">
        <DateField name="from" label="Start date" value={parsed.values.from ?? parsed.range.from} error={errors.from} />
        <DateField name="to" label="End date" value={parsed.values.to ?? parsed.range.to} error={errors.to} />
        <button type="submit" className={buttonPrimary}>
          Show
        </button>
      </form>
      <p className="m-0 mt-2 text-sm text-muted">Both days are included. Days and weeks are in the clinic’s time zone ({zoneLabel}); weeks start on Monday.</p>
    </section>
  );
}
