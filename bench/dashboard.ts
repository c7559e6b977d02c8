// The staff dashboard at 10,000, 100,000 and 1,000,000 leads: `npm run bench:dashboard` (`-- --quick`: 5,000 and
// 20,000, under 40 s). One throwaway database grows through the sizes (bench/support/seed-scale.ts: leads with
// their requests, timeline, emails and appointments, in SQL); at each size the app's own query functions are timed
// server-side, as the pages call them: the inbox's first page with its counts, a filtered page deep in the list,
// searches by part of a name, an email and a phone number, a lead page with a 500-entry timeline, a provider's
// schedule week, and the metrics page. Prints p50/p95 per size beside the target, the 1M/10k ratio, and the plan's
// scan lines for every statement at the largest size. Writes bench/results/dashboard.json. Dropped at the end.
import { performance } from 'node:perf_hooks';
import { EMPTY_FILTERS, type InboxCursor, type InboxFilters } from '@/lib/inbox/filters';
import { countInboxByStatus, listAssignableStaff, listInboxPage, listSourcePages, newestLeadMark, type InboxViewer } from '@/lib/inbox/queries';
import { loadLeadPage } from '@/lib/leads/detail';
import { getScheduleData } from '@/lib/booking/schedule-queries';
import { getMetrics } from '@/lib/metrics/queries';
import { addDays } from '@/lib/metrics/range';
import { withScratchDatabase, type ScratchDb } from './support/scratch-db';
import { NOW, TIMELINE_LEAD, leadIdOf, seedFixtures, seedLeads, type SeedContext } from './support/seed-scale';
import { isQuick, ms, printMachine, printTable, quantile, writeResults } from './support/report';

const SIZES = isQuick ? [5_000, 20_000] : [10_000, 100_000, 1_000_000];
const RUNS = Number(process.env.RUNS ?? (isQuick ? 8 : 30));
const TZ = 'America/Los_Angeles';
const DAY_MS = 86_400_000;

type Case = { label: string; target: number; run: () => Promise<unknown> };

/** A page deep in a filtered list: the cursor at 70% of the routine, not-overdue leads in "consulted". */
async function deepCursor(s: ScratchDb): Promise<InboxCursor> {
  const [{ n }] = (await s.client`
    select count(*)::int as n from leads where erased_at is null and status = 'consulted' and urgency = 'routine'
      and not coalesce(next_follow_up_at < ${NOW.toISOString()}::timestamptz, false)`) as unknown as [{ n: number }];
  const [row] = await s.client`
    select to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as key, id from leads
    where erased_at is null and status = 'consulted' and urgency = 'routine' and not coalesce(next_follow_up_at < ${NOW.toISOString()}::timestamptz, false)
    order by created_at desc, id desc offset ${Math.floor(n * 0.7)} limit 1`;
  return { direction: 'next', segment: 3, createdAt: row!.key as string, id: row!.id as string, asOf: NOW.toISOString() };
}

async function cases(s: ScratchDb, ctx: SeedContext): Promise<Case[]> {
  const viewer: InboxViewer = { staffId: ctx.staffIds[0]!, timeZone: TZ };
  const cursor = await deepCursor(s);
  // The inbox page loads these together (app/(staff)/dashboard/page.tsx).
  const inbox = (filters: Partial<InboxFilters>, at: InboxCursor | null = null) => () => {
    const f = { ...EMPTY_FILTERS, ...filters };
    return Promise.all([
      listInboxPage(s.db, { filters: f, viewer, cursor: at, now: NOW }),
      countInboxByStatus(s.db, { filters: f, viewer }),
      listSourcePages(s.db),
      listAssignableStaff(s.db),
      newestLeadMark(s.db),
    ]);
  };
  const [phone] = await s.client`select phone_e164 from leads where id = ${leadIdOf(1234)}`;
  // Part of one person's address: "ria.okason4242" of "maria.okason4242@…" (lead 4242 exists at every size).
  const [mail] = await s.client`select email from leads where id = ${leadIdOf(4242)}`;
  const emailFragment = String(mail!.email).split('@')[0]!.slice(2);
  const phoneFragment = String(phone!.phone_e164).slice(-7).replace(/^(\d{3})(\d{4})$/, '$1-$2');
  const weekStart = new Date(Date.UTC(2026, 10, 26 + 7, 8));
  const today = '2026-11-26';
  return [
    { label: 'inbox first page + counts', target: 50, run: inbox({}) },
    { label: 'filtered page deep in the list + counts', target: 50, run: inbox({ status: 'consulted' }, cursor) },
    { label: 'search part of a name "okason"', target: 50, run: inbox({ q: 'okason' }) },
    { label: `search part of an email "${emailFragment}"`, target: 50, run: inbox({ q: emailFragment }) },
    { label: `search part of a phone "${phoneFragment}"`, target: 50, run: inbox({ q: phoneFragment }) },
    {
      label: 'lead page, 500-entry timeline',
      target: 50,
      run: () =>
        loadLeadPage(s.db, {
          leadId: leadIdOf(TIMELINE_LEAD),
          viewer: { id: ctx.staffIds[0]!, role: 'admin' },
          now: NOW,
          timeZone: TZ,
          meta: { ip: '127.0.0.1', userAgent: 'bench' },
        }),
    },
    { label: 'schedule week (one provider)', target: 50, run: () => getScheduleData(s.db, ctx.providerIds[0]!, { start: weekStart, end: new Date(weekStart.getTime() + 7 * DAY_MS) }) },
    { label: 'metrics page (last 12 weeks)', target: 500, run: () => getMetrics(s.db, { range: { from: addDays(today, -83), to: today }, timeZone: TZ }) },
  ];
}

async function time(run: () => Promise<unknown>): Promise<number[]> {
  await run();
  await run(); // warm-up, not timed
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  return times;
}

/** The scan lines of every statement a case sends, from EXPLAIN ANALYZE of the captured statement. */
async function plans(s: ScratchDb, all: Case[]): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const c of all) {
    s.captured.length = 0;
    await c.run();
    const statements = s.captured.filter((q) => /^\s*(select|with)/i.test(q.query));
    const lines: string[] = [];
    for (const statement of statements) {
      const plan = await s.client.unsafe<{ 'QUERY PLAN': string }[]>(`explain (analyze, costs off, timing off, summary off) ${statement.query}`, statement.params as never[]);
      const table = /from "?(\w+)"?/i.exec(statement.query)?.[1] ?? '?';
      const scans = plan.map((p) => p['QUERY PLAN'].trim()).filter((l) => /Scan|Sort Method|Workers/.test(l));
      lines.push(`[${table}] ${[...new Set(scans.map((l) => l.replace(/^->\s*/, '')))].slice(0, 8).join(' | ')}`);
    }
    out[c.label] = [...new Set(lines)];
  }
  return out;
}

async function main() {
  printMachine();
  const results: Record<string, Record<number, { p50: number; p95: number }>> = {};
  const targets: Record<string, number> = {};
  const seedSeconds: Record<number, number> = {};
  let planLines: Record<string, string[]> = {};
  await withScratchDatabase('clinic_bench_dashboard', { max: 10 }, async (s) => {
    const ctx = await seedFixtures(s.client);
    let seeded = 0;
    let seedTotal = 0;
    for (const size of SIZES) {
      const t0 = performance.now();
      await seedLeads(s.client, ctx, seeded + 1, size);
      seedTotal += (performance.now() - t0) / 1000;
      seedSeconds[size] = Number(seedTotal.toFixed(1));
      seeded = size;
      console.info(`${size.toLocaleString('en-US')} leads seeded (${seedTotal.toFixed(0)} s from empty, indexes rebuilt, analyzed)`);
      const all = await cases(s, ctx);
      for (const c of all) {
        const times = await time(c.run);
        (results[c.label] ??= {})[size] = { p50: quantile(times, 0.5), p95: quantile(times, 0.95) };
        targets[c.label] = c.target;
      }
      if (size === SIZES.at(-1)) planLines = await plans(s, all);
    }
  });

  const small = SIZES[0]!;
  const large = SIZES.at(-1)!;
  const k = (n: number) => (n >= 1_000_000 ? `${n / 1_000_000}M` : `${n / 1000}k`);
  console.info(`\np50 / p95 in ms, ${RUNS} runs each, server-side (the app's query functions over a pool of 10)`);
  // The ratio is taken on the medians: on a shared two-core machine one stall moves a p95 of 30 runs more than
  // a hundredfold change of table size does. Both are printed.
  const rows = Object.entries(results).map(([label, bySize]) => {
    const p95Large = bySize[large]!.p95;
    const ratio50 = bySize[large]!.p50 / bySize[small]!.p50;
    const ratio95 = p95Large / bySize[small]!.p95;
    const met = p95Large < targets[label]! && ratio50 <= 2;
    return [label, ...SIZES.map((n) => `${ms(bySize[n]!.p50)} / ${ms(bySize[n]!.p95)}`), `< ${targets[label]}`, `${ratio50.toFixed(2)} / ${ratio95.toFixed(2)}`, met ? 'met' : 'NOT met'];
  });
  printTable(['query', ...SIZES.map((n) => `${k(n)} p50 / p95`), `target p95 at ${k(large)}`, `${k(large)}/${k(small)} p50 / p95 (≤ 2)`, ''], rows);
  console.info(`\nseed time from empty to ${large.toLocaleString('en-US')} leads: ${seedSeconds[large]} s (target: under 120 s for a million)`);
  console.info(`\nplans at ${large.toLocaleString('en-US')} leads (scan nodes of each statement, EXPLAIN ANALYZE):`);
  for (const [label, lines] of Object.entries(planLines)) {
    console.info(`${label}:`);
    for (const line of lines) console.info(`  ${line}`);
  }
  writeResults('dashboard', { sizes: SIZES, runs: RUNS, seedSeconds, targets, results, plans: planLines });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
