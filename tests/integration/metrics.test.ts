import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { getMetrics } from '@/lib/metrics/queries';
import { seedClinic } from '../support/consult-fixtures';
import { availableBackends, createTestDatabase, type Backend, type TestDatabase } from '../support/db';
import { expectedMetrics, expectMetrics, LA, metricsRange as range, seedMetricsData } from '../support/metrics-fixtures';

describe.each(await availableBackends())('metrics for a known data set on %s', (backend: Backend) => {
  let handle: TestDatabase;
  let db: Database;

  beforeAll(async () => {
    handle = await createTestDatabase(backend);
    db = handle.db;
    const { provider } = await seedClinic(db, { timeZone: LA });
    await seedMetricsData(db, provider.id);
  });
  afterAll(async () => {
    await handle?.dispose();
  });

  it('gives the exact expected number for every metric', async () => {
    const metrics = await getMetrics(db, { range, timeZone: LA });
    expect(metrics.range).toEqual(range);
    expectMetrics(metrics, expectedMetrics);
  });

  it('counts a lead by the week of its first request in the clinic’s zone, not in UTC', async () => {
    const utc = await getMetrics(db, { range, timeZone: 'UTC' });
    // In UTC, L11 moves into the first week, L3 into the second, and L10 out of the range.
    expect(utc.leadsPerWeek).toEqual([
      { week: '2026-11-02', leads: 3 },
      { week: '2026-11-09', leads: 5 },
      { week: '2026-11-16', leads: 2 },
    ]);
  });

  it('splits the range into its weeks and counts partial weeks at either end', async () => {
    const metrics = await getMetrics(db, { range: { from: '2026-11-04', to: '2026-11-17' }, timeZone: LA });
    // L2 (3 Nov) and L8 on Monday the 16th fall on either side of the cut.
    expect(metrics.leadsPerWeek).toEqual([
      { week: '2026-11-02', leads: 1 },
      { week: '2026-11-09', leads: 4 },
      { week: '2026-11-16', leads: 1 },
    ]);
    expect(metrics.totalLeads).toBe(6);
  });

  it('a range with nothing in it has empty weeks and no rates, not zeros or errors', async () => {
    const metrics = await getMetrics(db, { range: { from: '2025-03-03', to: '2025-03-16' }, timeZone: LA });
    expect(metrics).toMatchObject({
      totalLeads: 0,
      leadsPerWeek: [
        { week: '2025-03-03', leads: 0 },
        { week: '2025-03-10', leads: 0 },
      ],
      funnel: expect.arrayContaining([{ status: 'new', reached: 0, share: null }]),
      bySource: [],
      byCampaign: [],
      firstContact: { medianHours: null, contacted: 0, waiting: 0 },
      appointments: { completed: 0, noShows: 0, noShowRate: null, created: 0, cancelled: 0, cancellationRate: null },
    });
  });
});
