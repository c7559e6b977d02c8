import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { getDb } from '@/db/client';
import { EmptyState, PageHeader } from '@/components/dashboard/ui';
import { requestMeta } from '@/lib/auth';
import { requireStaff } from '@/lib/auth/guard';
import { listStaff } from '@/lib/auth/service';
import { browseAuditLog, decodeCursor, encodeCursor, type AuditRow } from '@/lib/audit/queries';
import { clinic } from '@/lib/env';
import { filterQuery, parseFilters, type FilterField, type Query } from './filters';
import { ACTION_LABELS, actionLabel, compactDetail, entityLabel } from './labels';

const PATH = '/dashboard/admin/audit';

export async function generateMetadata({ searchParams }: { searchParams: Promise<Query> }): Promise<Metadata> {
  const { errors } = parseFilters(await searchParams);
  return { title: Object.keys(errors).length ? 'Error: Audit log' : 'Audit log' };
}

const control = (error?: string) => `block w-full rounded border-2 ${error ? 'border-danger' : 'border-muted'} bg-white px-2 py-1.5 text-base`;
const buttonPrimary = 'inline-flex min-h-10 items-center rounded bg-brand px-4 py-2 font-semibold text-white hover:bg-brand-dark';

function Field({ name, label, hint, error, children }: { name: FilterField; label: string; hint?: string; error?: string; children: ReactNode }) {
  return (
    <div className={error ? 'border-l-4 border-danger pl-3' : ''}>
      <label htmlFor={`audit-${name}`} className="block font-semibold">
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

function describe(name: FilterField, error?: string, hint?: boolean) {
  const ids = [hint ? `audit-${name}-hint` : null, error ? `audit-${name}-error` : null].filter(Boolean).join(' ');
  return { id: `audit-${name}`, name, 'aria-invalid': error ? true : undefined, 'aria-describedby': ids || undefined } as const;
}

function when(at: Date, timeZone: string) {
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    second: '2-digit',
  }).format(at);
}

function Entity({ entry, staffNames }: { entry: AuditRow; staffNames: Map<string, string> }) {
  const label = entityLabel(entry.entityType);
  if (!entry.entityId) return <>{label}</>;
  const short = entry.entityId.slice(0, 8);
  if (entry.entityType === 'lead') {
    return (
      <Link href={`/dashboard/leads/${entry.entityId}`}>
        {label} {short}
      </Link>
    );
  }
  if (entry.entityType === 'staff') return <>{`${label}: ${staffNames.get(entry.entityId) ?? short}`}</>;
  return <>{`${label} ${short}`}</>;
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Query> }) {
  const admin = await requireStaff('audit.read', PATH);
  const query = await searchParams;
  const { filters, errors, values } = parseFilters(query);
  const before = decodeCursor(Array.isArray(query.before) ? query.before[0] : query.before);
  const { timeZone } = clinic();
  const db = await getDb();
  const [page, staff] = await Promise.all([
    browseAuditLog(db, { viewerId: admin.id, meta: await requestMeta(), now: new Date(), filters, timeZone, before }),
    listStaff(db),
  ]);
  const staffNames = new Map(staff.map((s) => [s.id, s.name]));
  const problems = Object.entries(errors) as [FilterField, string][];
  const params = filterQuery(filters);
  const nextHref = page.next ? `${PATH}?${new URLSearchParams([...params, ['before', encodeCursor(page.next)]])}` : null;
  const newestHref = before ? `${PATH}${params.size ? `?${params}` : ''}` : null;

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Who saw or changed what, when and from where. Entries cannot be edited or deleted. Times are in the clinic’s time zone."
      />
      <section aria-labelledby="filters-title" className="mb-5 rounded border border-line bg-white p-4">
        <h2 id="filters-title" className="m-0 mb-3 text-lg font-bold">
          Filter entries
        </h2>
        {problems.length ? (
          <div role="alert" className="mb-4 border-l-4 border-danger bg-danger-soft p-3">
            <p className="m-0 font-bold">There is a problem</p>
            <ul className="m-0 list-none p-0">
              {problems.map(([field, message]) => (
                <li key={field}>
                  <a href={`#audit-${field}`} className="text-danger">
                    {message}
                  </a>
                </li>
              ))}
            </ul>
            <p className="m-0 mt-1">The other filters still apply.</p>
          </div>
        ) : null}
        <form method="get" action={PATH} noValidate>
          <div className="grid gap-4 md:grid-cols-2 lg:grid-cols-3">
            <Field name="actor" label="Staff member" error={errors.actor}>
              <select {...describe('actor', errors.actor)} defaultValue={values.actor} className={control(errors.actor)}>
                <option value="">Anyone</option>
                {staff.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
            </Field>
            <Field name="action" label="Action" error={errors.action}>
              <select {...describe('action', errors.action)} defaultValue={values.action} className={control(errors.action)}>
                <option value="">Any action</option>
                {Object.entries(ACTION_LABELS).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            </Field>
            <Field name="entity" label="Entity id" hint="For example a lead’s id, from the address of its page." error={errors.entity}>
              <input {...describe('entity', errors.entity, true)} defaultValue={values.entity} spellCheck={false} autoComplete="off" className={control(errors.entity)} />
            </Field>
            <Field name="from" label="From" error={errors.from}>
              <input {...describe('from', errors.from)} type="date" defaultValue={values.from} className={control(errors.from)} />
            </Field>
            <Field name="to" label="To" error={errors.to}>
              <input {...describe('to', errors.to)} type="date" defaultValue={values.to} className={control(errors.to)} />
            </Field>
          </div>
          <div className="mt-4 flex flex-wrap items-center gap-4">
            <button type="submit" className={buttonPrimary}>
              Filter
            </button>
            <Link href={PATH}>Clear filters</Link>
          </div>
        </form>
      </section>

      {page.entries.length === 0 ? (
        <EmptyState title="No entries match these filters">Try a wider date range or fewer filters.</EmptyState>
      ) : (
        <section aria-labelledby="entries-title" className="rounded border border-line bg-white p-4">
          <h2 id="entries-title" className="m-0 mb-2 text-lg font-bold">
            Entries, newest first
          </h2>
          <div role="region" aria-labelledby="entries-caption" tabIndex={0} className="overflow-x-auto">
            <table className="w-full border-collapse text-left text-sm">
              <caption id="entries-caption" className="sr-only">
                Audit entries, newest first{before ? ', older page' : ''}
              </caption>
              <thead>
                <tr className="border-b-2 border-ink">
                  {['When', 'Who', 'Action', 'Entity', 'From', 'Detail'].map((h) => (
                    <th key={h} scope="col" className="px-2 py-1">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {page.entries.map((entry) => (
                  <tr key={entry.id} className="border-b border-line align-top">
                    <th scope="row" className="px-2 py-1.5 font-normal whitespace-nowrap">
                      {when(entry.at, timeZone)}
                    </th>
                    <td className="px-2 py-1.5">{entry.actorName ?? '—'}</td>
                    <td className="px-2 py-1.5">{actionLabel(entry.action)}</td>
                    <td className="px-2 py-1.5 whitespace-nowrap">
                      <Entity entry={entry} staffNames={staffNames} />
                    </td>
                    <td className="px-2 py-1.5 font-mono text-xs">{entry.ip ?? '—'}</td>
                    <td className="px-2 py-1.5 break-words text-muted">{compactDetail(entry.detail) || '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {nextHref || newestHref ? (
            <nav aria-label="Audit log pages" className="mt-3 flex flex-wrap justify-between gap-3">
              {newestHref ? <Link href={newestHref}>Back to the newest entries</Link> : <span />}
              {nextHref ? <Link href={nextHref}>Older entries</Link> : null}
            </nav>
          ) : null}
        </section>
      )}
    </>
  );
}
