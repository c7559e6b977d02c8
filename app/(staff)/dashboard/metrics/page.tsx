import type { Metadata } from 'next';
import { getDb } from '@/db/client';
import { PageHeader } from '@/components/dashboard/ui';
import { requireStaff } from '@/lib/auth/guard';
import { clinic } from '@/lib/env';
import { getMetrics } from '@/lib/metrics/queries';
import { formatDate, parseRange, todayIn } from '@/lib/metrics/range';
import { zoneName } from './format';
import { RangeForm } from './range-form';
import { AppointmentOutcomes, ByGroup, FirstContact, Funnel, LeadsPerWeek } from './sections';

type Query = Record<string, string | string[] | undefined>;

const PATH = '/dashboard/metrics';

function read(query: Query) {
  return parseRange({ from: query.from, to: query.to, preset: query.preset }, todayIn(clinic().timeZone, new Date()));
}

export async function generateMetadata({ searchParams }: { searchParams: Promise<Query> }): Promise<Metadata> {
  const parsed = read(await searchParams);
  return { title: Object.keys(parsed.errors).length ? 'Error: Metrics' : 'Metrics' };
}

export default async function MetricsPage({ searchParams }: { searchParams: Promise<Query> }) {
  await requireStaff('metrics.read', PATH);
  const parsed = read(await searchParams);
  const { timeZone } = clinic();
  const metrics = await getMetrics(await getDb(), { range: parsed.range, timeZone });
  return (
    <>
      <PageHeader
        title="Metrics"
        description={`${formatDate(parsed.range.from)} to ${formatDate(parsed.range.to)}: ${metrics.totalLeads} new ${metrics.totalLeads === 1 ? 'lead' : 'leads'}. Erased people still count; nothing here identifies anyone.`}
      />
      <RangeForm parsed={parsed} zoneLabel={zoneName(timeZone)} />
      <LeadsPerWeek metrics={metrics} />
      <Funnel metrics={metrics} />
      <ByGroup metrics={metrics} kind="source" />
      <ByGroup metrics={metrics} kind="campaign" />
      <FirstContact metrics={metrics} />
      <AppointmentOutcomes metrics={metrics} />
    </>
  );
}
