// The dashboard's health banner: the latest report, kept in this process for a short while so each dashboard
// page costs at most one check every BANNER_TTL_MS per server (a few small indexed queries), not one per page.
// The health view and the deep health answer refresh it whenever they compute a fresh report. A second server
// keeps its own copy: nothing here is state another instance would need.
import type { Database } from '@/db/client';
import { getHealthReport, healthThresholds } from './health';
import { overallState, type HealthReport, type Severity } from './health-rules';

const BANNER_TTL_MS = 30_000;

type Cache = { at: number; report: Promise<HealthReport> };
const holder: { cache?: Cache } = ((globalThis as { __clinicHealthBanner?: { cache?: Cache } }).__clinicHealthBanner ??= {});

/** Keeps a freshly computed report for the banner. */
export function rememberHealthReport(report: HealthReport): void {
  holder.cache = { at: report.checkedAt.getTime(), report: Promise.resolve(report) };
}

/** The report, at most BANNER_TTL_MS old. A failed check is not kept (the next page asks again). */
export async function cachedHealthReport(openDb: () => Promise<Database>, now: Date): Promise<HealthReport> {
  const cache = holder.cache;
  if (cache && now.getTime() - cache.at < BANNER_TTL_MS && now.getTime() >= cache.at) return cache.report;
  const report = getHealthReport(openDb, now, healthThresholds());
  holder.cache = { at: now.getTime(), report };
  report.catch(() => {
    if (holder.cache?.report === report) holder.cache = undefined;
  });
  return report;
}

export type Banner = { state: Severity; titles: string[] } | null;

/** What the banner says: nothing when all is well, else the worst state and each problem's title (pure). */
export function bannerFor(report: HealthReport): Banner {
  const state = overallState(report.problems);
  return state === 'green' ? null : { state, titles: report.problems.map((p) => p.title) };
}
