// The inbox at a million leads: `npx tsx bench/inbox.ts`. Makes a throwaway database on the PostgreSQL
// server (BENCH_DATABASE_URL, else TEST_DATABASE_URL, else the local default), fills it with 1,000,000
// leads and their requests in SQL (generate_series), runs ANALYZE, then times the inbox's own queries
// (lib/inbox/queries.ts) and prints median and p95 of each, with the plan lines that show which index
// each query uses. The database is dropped at the end, whatever happens. LEADS=… changes the size.
import { performance } from 'node:perf_hooks';
import postgres from 'postgres';
import { drizzle } from 'drizzle-orm/postgres-js';
import type { Database } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import * as schema from '@/db/schema';
import { countInboxByStatus, listInboxPage, type InboxViewer } from '@/lib/inbox/queries';
import { EMPTY_FILTERS, type InboxFilters } from '@/lib/inbox/filters';

const LEADS = Number(process.env.LEADS ?? 1_000_000);
const RUNS = Number(process.env.RUNS ?? 15);
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NOW = new Date('2026-11-26T18:00:00Z');

const log = (line: string) => console.info(line);
const ms = (n: number) => `${n.toFixed(1)} ms`;

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

/** Leads spread over three years; 1 in 53 urgent, 10% with a follow-up date (half of them past), 0.5% erased. */
const FILL_LEADS = (n: number, staffIds: string[]) => `
  insert into leads (first_name, last_name, email, email_normalized, phone_e164, time_zone, status, urgency,
    source_page, utm_campaign, assigned_to_id, next_follow_up_at, first_contacted_at, erased_at,
    created_at, updated_at, last_activity_at)
  select
    (array['Maria','James','Linda','Robert','Patricia','David','Susan','Michael','Karen','Thomas','Nancy','Daniel',
           'Lisa','Mark','Sandra','Paul','Ashley','Steven','Emily','Kevin'])[1 + g % 20],
    (array['Gon','Car','Ngu','Kim','Oka','Lev','Par','Bro','Dav','Wil','Mar','Tho','Lee','Pat','Rob','Hal','Fer','Sch','Ito','Ali'])[1 + (g / 20) % 20]
      || (array['zalez','ter','yen','ball','for','ine','son','wood','ris','den'])[1 + (g / 400) % 10],
    'person' || g || '@example.com',
    'person' || g || '@example.com',
    '+1' || (200 + g % 800)::text || lpad(((g::bigint * 7919) % 10000000)::text, 7, '0'),
    'America/Los_Angeles',
    ((array['new','contacted','scheduled','consulted','became_patient','not_a_fit','no_response'])::lead_status[])
      [1 + (case when g % 10 < 2 then 0 when g % 10 < 4 then 1 when g % 10 < 5 then 2 else 3 + g % 4 end)],
    case when g % 53 = 0 then 'urgent'::lead_urgency else 'routine'::lead_urgency end,
    (array['risks-and-outcomes','recovery','faq','non-surgical-options','common-procedures','fear-of-movement',
           'when-surgery-is-considered','benefits', null])[1 + g % 9],
    case when g % 3 = 0 then 'spine-guide-fall' else null end,
    case when g % 4 = 0 then null else ('{${staffIds.join(',')}}'::uuid[])[1 + g % ${staffIds.length}] end,
    case when g % 10 = 0 then $1::timestamptz + ((g % 7) - 3) * interval '1 day' else null end,
    case when g % 10 >= 2 then $1::timestamptz - g * interval '95 seconds' + interval '3 hours' else null end,
    case when g % 200 = 0 then $1::timestamptz else null end,
    $1::timestamptz - g * interval '95 seconds',
    $1::timestamptz - g * interval '95 seconds',
    $1::timestamptz - g * interval '95 seconds'
  from generate_series(1, ${n}) as g`;

const FILL_REQUESTS = `
  insert into consultation_requests (lead_id, reference, idempotency_key, pain_area, pain_duration, pain_level,
    surgery_recommended, preferred_contact, best_time_to_call, time_zone, source_page, utm_campaign, submitted_at)
  select id, 'CR-B' || lpad(row_number() over ()::text, 7, '0'), 'bench-' || id, 'lower_back', '3_to_12_months', 5,
    'not_sure', 'phone', 'any', time_zone, source_page, utm_campaign, created_at
  from leads`;

async function main() {
  const name = `clinic_bench_inbox_${Date.now()}`;
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  // Every statement the inbox sends is captured, so the plan printed is the plan of the real query.
  const captured: { query: string; params: unknown[] }[] = [];
  const client = postgres(url.toString(), {
    max: 4,
    onnotice: () => {},
    debug: (_conn, query, params) => captured.push({ query, params: params as unknown[] }),
  });
  const db = drizzle(client, { schema }) as unknown as Database;
  try {
    await migrateDatabase({ db, kind: 'postgres', url: url.toString(), label: name, close: async () => {} });
    log(`database ${name}: filling ${LEADS.toLocaleString('en-US')} leads…`);
    const started = performance.now();
    const staff = await client`insert into staff_users (email, name) select 'staff' || g || '@example.com', 'Staff ' || g from generate_series(1, 5) g returning id`;
    // Indexes are dropped during the load and rebuilt afterwards: one sorted build beats a million inserts into a GIN index.
    const indexes = await client<{ indexname: string; indexdef: string }[]>`
      select indexname, indexdef from pg_indexes
      where tablename in ('leads', 'consultation_requests')
        and not exists (select 1 from pg_constraint c where c.conindid = format('%I.%I', schemaname, indexname)::regclass)`;
    for (const index of indexes) await client.unsafe(`drop index "${index.indexname}"`);
    await client.unsafe(FILL_LEADS(LEADS, staff.map((s) => s.id as string)), [NOW.toISOString()]);
    await client.unsafe(FILL_REQUESTS);
    await client.unsafe(`set maintenance_work_mem = '512MB'`);
    for (const index of indexes) await client.unsafe(index.indexdef);
    // A candidate, not in the schema: lets the per-status counts be an index-only scan. EXTRA_STATUS_INDEX=1 tries it.
    if (process.env.EXTRA_STATUS_INDEX === '1') await client.unsafe('create index leads_live_status_idx on leads (status) where erased_at is null');
    await client.unsafe('vacuum analyze leads');
    await client.unsafe('vacuum analyze consultation_requests');
    log(`filled, indexed and analyzed in ${((performance.now() - started) / 1000).toFixed(0)} s`);

    const [viewerRow] = await client`select id from staff_users order by email limit 1`;
    const viewer: InboxViewer = { staffId: viewerRow!.id as string, timeZone: 'America/Los_Angeles' };
    // A page deep in the order: 700,000 rows in, among the routine leads with no follow-up due.
    const [deep] = await client`
      select to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as key, id from leads
      where erased_at is null and urgency = 'routine' and not coalesce(next_follow_up_at < ${NOW.toISOString()}::timestamptz, false)
      order by created_at desc, id desc offset ${Math.floor(LEADS * 0.7)} limit 1`;
    const deepCursor = { direction: 'next' as const, segment: 3 as const, createdAt: deep!.key as string, id: deep!.id as string, asOf: NOW.toISOString() };
    // A name fragment shared by 1 lead in 200 ("Okason"), and the last seven digits of one lead's phone number.
    const [phoneRow] = await client`select phone_e164 from leads where id = (select id from leads order by created_at desc offset ${Math.floor(LEADS * 0.12)} limit 1)`;
    const phoneFragment = String(phoneRow!.phone_e164).slice(-7).replace(/^(\d{3})(\d{4})$/, '$1-$2');

    const page = (filters: Partial<InboxFilters>, cursor = null as typeof deepCursor | null) => () =>
      listInboxPage(db, { filters: { ...EMPTY_FILTERS, ...filters }, viewer, cursor, now: NOW });
    const cases: [string, () => Promise<unknown>][] = [
      ['first inbox page', page({})],
      ['deep keyset page (700,000 rows in)', page({}, deepCursor)],
      ['search by name fragment "okason"', page({ q: 'okason' })],
      [`search by phone fragment "${phoneFragment}"`, page({ q: phoneFragment })],
      ['counts per status (no filter)', () => countInboxByStatus(db, { filters: EMPTY_FILTERS, viewer })],
      ['counts per status (searching "okason")', () => countInboxByStatus(db, { filters: { ...EMPTY_FILTERS, q: 'okason' }, viewer })],
    ];

    log('');
    log(`${'query'.padEnd(44)} ${'median'.padStart(10)} ${'p95'.padStart(10)}  rows`);
    for (const [label, run] of cases) {
      const result = await run(); // warm-up, not timed
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        await run();
        times.push(performance.now() - t0);
      }
      const rows = (result as { rows?: unknown[] }).rows?.length ?? (result as { total?: number }).total;
      log(`${label.padEnd(44)} ${ms(quantile(times, 0.5)).padStart(10)} ${ms(quantile(times, 0.95)).padStart(10)}  ${rows}`);
    }

    log('');
    for (const [label, run] of [cases[0]!, cases[1]!, cases[2]!, cases[3]!, cases[4]!]) {
      captured.length = 0;
      await run();
      const first = captured.find((c) => /from "leads"/.test(c.query) && /limit|group by/i.test(c.query))!;
      const plan = await client.unsafe<{ 'QUERY PLAN': string }[]>(`explain (analyze, costs off, timing off) ${first.query}`, first.params as never[]);
      const lines = plan.map((p) => p['QUERY PLAN']).filter((l) => /Index|Bitmap|Seq Scan|Sort|Aggregate|Workers/.test(l));
      log(`plan of "${label}":`);
      for (const line of lines.slice(0, 6)) log(`  ${line.trim()}`);
    }
  } finally {
    await client.end({ timeout: 5 });
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end({ timeout: 5 });
    log(`\ndropped ${name}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
