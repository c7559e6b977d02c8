// The audit log for admins: filters, then the entries a page at a time. Reading it is itself audited
// (lib/audit/queries.ts browseAuditLog).
import type { Metadata } from 'next';
import { getDb } from '@/db/client';
import { PageHeader } from '@/components/dashboard/ui';
import { requestMeta } from '@/lib/auth';
import { requireStaff } from '@/lib/auth/guard';
import { listStaff } from '@/lib/auth/service';
import { browseAuditLog, decodeCursor, encodeCursor } from '@/lib/audit/queries';
import { clinic } from '@/lib/env';
import { AuditEntries } from './_components/entries';
import { AuditFilterForm } from './_components/filter-form';
import { filterQuery, parseFilters, type Query } from './filters';

const PATH = '/dashboard/admin/audit';

export async function generateMetadata({ searchParams }: { searchParams: Promise<Query> }): Promise<Metadata> {
  const { errors } = parseFilters(await searchParams);
  return { title: Object.keys(errors).length ? 'Error: Audit log' : 'Audit log' };
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
  const params = filterQuery(filters);
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Who saw or changed what, when and from where. Entries cannot be edited or deleted. Times are in the clinic’s time zone."
      />
      <AuditFilterForm path={PATH} staff={staff} errors={errors} values={values} />
      <AuditEntries
        entries={page.entries}
        staffNames={new Map(staff.map((s) => [s.id, s.name]))}
        timeZone={timeZone}
        olderPage={Boolean(before)}
        nextHref={page.next ? `${PATH}?${new URLSearchParams([...params, ['before', encodeCursor(page.next)]])}` : null}
        newestHref={before ? `${PATH}${params.size ? `?${params}` : ''}` : null}
      />
    </>
  );
}
