// The audit log's filters: a plain GET form (it works without JavaScript), a bad value named in the error
// summary and beside its field while the other filters still apply.
import Link from 'next/link';
import type { ReactNode } from 'react';
import { ErrorSummary } from '@/components/forms/error-summary';
import { ACTION_LABELS } from '../labels';
import type { FilterField } from '../filters';

const control = (error?: string) => `block w-full rounded border-2 ${error ? 'border-danger' : 'border-muted'} bg-white px-2 py-1.5 text-base`;
const buttonPrimary = 'inline-flex min-h-10 items-center rounded bg-brand px-4 py-2 font-semibold text-white hover:bg-brand-dark';
const fieldId = (name: string) => `audit-${name}`;

function Field({ name, label, hint, error, children }: { name: FilterField; label: string; hint?: string; error?: string; children: ReactNode }) {
  return (
    <div className={error ? 'border-l-4 border-danger pl-3' : ''}>
      <label htmlFor={fieldId(name)} className="block font-semibold">
        {label}
      </label>
      {hint ? (
        <p id={`audit-${name}-hint`} className="m-0 text-sm text-muted">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`audit-${name}-error`} className="m-0 font-semibold text-danger">
          <span className="sr-only">Error: </span>
          {error}
        </p>
      ) : null}
      {children}
    </div>
  );
}

/** The control's id, name and what describes it (its hint, its error). */
function described(name: FilterField, error?: string, hint?: boolean) {
  const ids = [hint ? `audit-${name}-hint` : null, error ? `audit-${name}-error` : null].filter(Boolean).join(' ');
  return { id: fieldId(name), name, 'aria-invalid': error ? true : undefined, 'aria-describedby': ids || undefined } as const;
}

export function AuditFilterForm({
  path,
  staff,
  errors,
  values,
}: {
  path: string;
  staff: { id: string; name: string }[];
  errors: Partial<Record<FilterField, string>>;
  values: Record<FilterField, string>;
}) {
  const input = (name: FilterField, hint?: boolean) => ({ ...described(name, errors[name], hint), defaultValue: values[name], className: control(errors[name]) });
  return (
    <section aria-labelledby="filters-title" className="mb-5 rounded border border-line bg-white p-4">
      <h2 id="filters-title" className="m-0 mb-3 text-lg font-bold">
        Filter entries
      </h2>
      <ErrorSummary errors={errors} fieldId={fieldId} note="The other filters still apply." />
      <form method="get" action={path} noValidate>
        <div className="grid gap-4 md:grid-cols-2 lg:grid-cols-3">
          <Field name="actor" label="Staff member" error={errors.actor}>
            <select {...input('actor')}>
              <option value="">Anyone</option>
              {staff.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </Field>
          <Field name="action" label="Action" error={errors.action}>
            <select {...input('action')}>
              <option value="">Any action</option>
              {Object.entries(ACTION_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </Field>
          <Field name="entity" label="Entity id" hint="For example a lead’s id, from the address of its page." error={errors.entity}>
            <input {...input('entity', true)} spellCheck={false} autoComplete="off" />
          </Field>
          <Field name="from" label="From" error={errors.from}>
            <input {...input('from')} type="date" />
          </Field>
          <Field name="to" label="To" error={errors.to}>
            <input {...input('to')} type="date" />
          </Field>
        </div>
        <div className="mt-4 flex flex-wrap items-center gap-4">
          <button type="submit" className={buttonPrimary}>
            Filter
          </button>
          <Link href={path}>Clear filters</Link>
        </div>
      </form>
    </section>
  );
}
