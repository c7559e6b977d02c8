// Choosing the metrics' date range: preset links and a plain GET form, so it works without JavaScript
// and the range can be bookmarked. Problems are shown GOV.UK-style: a summary linking to each field.
import Link from 'next/link';
import { FormFields, Input } from '@/components/dashboard/form';
import { ErrorSummary } from '@/components/forms/error-summary';
import { RANGE_PRESETS, type ParsedRange } from '@/lib/metrics/range';

// The dashboard's primary button (components/dashboard/form is a client module: its constants are not plain strings here).
const buttonPrimary =
  'inline-flex min-h-10 items-center rounded bg-brand px-4 py-2 font-semibold text-white hover:bg-brand-dark disabled:opacity-60';

export function RangeForm({ parsed, zoneLabel }: { parsed: ParsedRange; zoneLabel: string }) {
  const { errors } = parsed;
  const problems = Object.keys(errors).length;
  return (
    <section aria-labelledby="range-title" className="mb-5 rounded border border-line bg-white p-4">
      <h2 id="range-title" className="m-0 mb-2 text-lg font-bold">
        Date range
      </h2>
      <ErrorSummary errors={errors} fieldId={(field) => `range-${field}`} note="Showing the last 12 weeks instead." />
      <nav aria-label="Preset ranges" className="mb-3">
        <ul className="m-0 flex list-none flex-wrap gap-2 p-0">
          {RANGE_PRESETS.map((preset) => {
            const current = parsed.preset === preset.id && problems === 0;
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
        <FormFields
          errors={errors}
          values={{ from: parsed.values.from ?? parsed.range.from, to: parsed.values.to ?? parsed.range.to }}
          idPrefix="range"
        >
          <Input name="from" label="Start date" type="date" spacing="" fullWidth={false} />
          <Input name="to" label="End date" type="date" spacing="" fullWidth={false} />
        </FormFields>
        <button type="submit" className={buttonPrimary}>
          Show
        </button>
      </form>
      <p className="m-0 mt-2 text-sm text-muted">Both days are included. Days and weeks are in the clinic’s time zone ({zoneLabel}); weeks start on Monday.</p>
    </section>
  );
}
