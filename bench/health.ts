// The system-health check at a busy clinic's size: `npx tsx bench/health.ts`. Makes a throwaway database on
// the PostgreSQL server (BENCH_DATABASE_URL, else TEST_DATABASE_URL, else the local default), fills it in SQL
// with MESSAGES outbox rows (two years of sends), three webhook events per sent message and APPOINTMENTS
// appointments with their reminders, runs ANALYZE, then times getHealthFigures (lib/ops/health), and again without the two indexes made for it, — what each
// banner refresh, health-view visit, deep health request and worker check runs — and prints median and p95.
import { performance } from 'node:perf_hooks';
import postgres from 'postgres';
import { drizzle } from 'drizzle-orm/postgres-js';
import type { Database } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import * as schema from '@/db/schema';
import { getHealthFigures } from '@/lib/ops/health';
import { DEFAULT_THRESHOLDS } from '@/lib/ops/health-rules';

const MESSAGES = Number(process.env.MESSAGES ?? 300_000);
const APPOINTMENTS = Number(process.env.APPOINTMENTS ?? 20_000);
const RUNS = Number(process.env.RUNS ?? 25);
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NOW = new Date('2031-03-04T18:00:00Z');
/** The check with its indexes must cost at most this share of the same check reading the tables whole. */
const RATIO_LIMIT = 0.25;

const quantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil(q * values.length) - 1)]!;

async function fill(sql: postgres.Sql) {
  const now = NOW.toISOString();
  await sql.unsafe(`
    insert into locations (name, address, phone, time_zone) values ('Main', '1 Main St', '+13105550142', 'America/Los_Angeles');
    insert into providers (location_id, name) select id, 'Dr. Bench' from locations;
    insert into leads (first_name, last_name, email, email_normalized, time_zone, created_at, updated_at)
      select 'P', 'L' || g, 'p' || g || '@example.com', 'p' || g || '@example.com', 'America/Los_Angeles', '${now}'::timestamptz - interval '400 days', '${now}'::timestamptz - interval '400 days'
      from generate_series(1, ${APPOINTMENTS}) g;
    -- Appointments every 30 minutes from two years back to a week ahead, each with its reminder.
    insert into appointments (provider_id, lead_id, starts_at, ends_at, status, booked_by_type)
      select (select id from providers), l.id,
        '${now}'::timestamptz + interval '7 days' - (row_number() over ()) * interval '53 minutes',
        '${now}'::timestamptz + interval '7 days' - (row_number() over ()) * interval '53 minutes' + interval '30 minutes',
        'booked', 'patient'
      from leads l;
    insert into email_messages (template, category, to_address, props, status, send_after, sent_at, dedupe_key, appointment_id, lead_id, created_at, updated_at)
      select 'appointment-reminder', 'transactional', 'p@example.com', jsonb_build_object('startsAt', to_char(a.starts_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.000"Z"')),
        case when a.starts_at - interval '1 day' > '${now}'::timestamptz then 'pending' else 'delivered' end::email_status,
        a.starts_at - interval '1 day',
        case when a.starts_at - interval '1 day' > '${now}'::timestamptz then null else a.starts_at - interval '1 day' end,
        'reminder:' || a.id, a.id, a.lead_id, a.created_at, a.created_at
      from appointments a;
    -- The rest of the outbox: sent over two years, 1% failed.
    insert into email_messages (template, category, to_address, props, status, send_after, sent_at, created_at, updated_at)
      select 'request-received', 'transactional', 'p@example.com', '{}'::jsonb,
        case when g % 100 = 0 then 'failed' else 'delivered' end::email_status,
        '${now}'::timestamptz - g * interval '210 seconds',
        case when g % 100 = 0 then null else '${now}'::timestamptz - g * interval '210 seconds' + interval '2 seconds' end,
        '${now}'::timestamptz - g * interval '210 seconds', '${now}'::timestamptz - g * interval '210 seconds'
      from generate_series(1, ${MESSAGES - APPOINTMENTS}) g;
    insert into email_events (svix_id, email_message_id, type, payload, received_at)
      select 'msg_' || m.id || '_' || k, m.id, 'email.delivered', '{}'::jsonb, m.sent_at + k * interval '5 seconds'
      from email_messages m, generate_series(1, 3) k where m.sent_at is not null;
    analyze;
  `);
}

async function main() {
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  const name = `clinic_bench_health_${Date.now()}`;
  await admin.unsafe(`create database ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const client = postgres(url.toString(), { max: 1, onnotice: () => {} });
  try {
    const db = drizzle(client, { schema }) as unknown as Database;
    await migrateDatabase({ db, kind: 'postgres', url: url.toString(), label: name, close: async () => {} });
    const started = performance.now();
    await fill(client);
    const [{ n }] = (await client`select count(*)::int as n from email_messages`) as unknown as [{ n: number }];
    const [{ e }] = (await client`select count(*)::int as e from email_events`) as unknown as [{ e: number }];
    console.info(`filled ${n} messages, ${e} webhook events, ${APPOINTMENTS} appointments in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const timeChecks = async () => {
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        figures = await getHealthFigures(db, NOW, DEFAULT_THRESHOLDS);
        times.push(performance.now() - t0);
      }
      return times;
    };
    let figures;
    const indexed = await timeChecks();
    // The same check without the two indexes made for it (migration 0008): the yardstick on this noisy machine.
    await client.unsafe('drop index email_messages_sent_idx; drop index email_events_received_idx; analyze');
    const scanned = await timeChecks();
    const ratio = quantile(indexed, 0.5) / quantile(scanned, 0.5);
    const line = (label: string, t: number[]) => `${label}: median ${quantile(t, 0.5).toFixed(1)} ms, p95 ${quantile(t, 0.95).toFixed(1)} ms over ${RUNS} runs`;
    console.info(line('getHealthFigures', indexed));
    console.info(line('the same without the sent_at and received_at indexes', scanned));
    console.info(`ratio ${ratio.toFixed(2)} (limit ${RATIO_LIMIT}): ${ratio <= RATIO_LIMIT ? 'within' : 'OVER'}`);
    if (ratio > RATIO_LIMIT) process.exitCode = 1;
    console.info(JSON.stringify(figures));
  } finally {
    await client.end();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
