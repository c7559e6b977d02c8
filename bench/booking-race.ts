// Booking under contention: `npm run bench:booking-race` (`-- --quick`: 50 requests, one round). Through the app's
// booking service (lib/booking/service.ts insertAppointment and enqueueBookingEmails, in one transaction as the
// consultation form books) against a throwaway PostgreSQL database, over a pool of 10 connections as production
// opens (db/client.ts). Two races, three rounds each: 200 requests at once for one slot (exactly one may win: the
// exclusion constraint decides), and 200 at once for 200 different slots (all must win). Prints winners and the
// p50/p99 of each request's time from the start of the race to its answer. Writes bench/results/booking-race.json.
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { buildWeekdayHours } from '@/db/factories';
import * as t from '@/db/schema';
import { getDefaultProvider, type BookableProvider } from '@/lib/booking/queries';
import { enqueueBookingEmails, insertAppointment, listOpenSlots, SlotUnavailableError } from '@/lib/booking/service';
import { withScratchDatabase, type ScratchDb } from './support/scratch-db';
import { isQuick, ms, printMachine, printTable, quantile, writeResults } from './support/report';

const REQUESTS = isQuick ? 50 : 200;
const ROUNDS = isQuick ? 1 : 3;
const POOL = 10;
// Monday 30 November 2026, 8am in Los Angeles: four weeks of weekday slots ahead.
const NOW = new Date('2026-11-30T16:00:00Z');

type Person = { leadId: string; requestId: string; email: string; firstName: string };
type Outcome = { won: boolean; ms: number; error?: string };

async function fixtures(s: ScratchDb): Promise<{ provider: BookableProvider; people: Person[] }> {
  const [location] = await s.db.insert(t.locations).values({ name: 'Main clinic', address: '100 Example Avenue', phone: '+13105550142', timeZone: 'America/Los_Angeles' }).returning();
  const [provider] = await s.db.insert(t.providers).values({ locationId: location!.id, name: 'Dr. Example', minNoticeMinutes: 0, horizonDays: 28 }).returning();
  await s.db.insert(t.availabilityRules).values(buildWeekdayHours(provider!.id));
  const rows = await s.client`
    with l as (
      insert into leads (first_name, last_name, email, email_normalized, time_zone, created_at)
      select 'Pat', 'Racer' || g, 'racer' || g || '@example.com', 'racer' || g || '@example.com', 'America/Los_Angeles', ${NOW.toISOString()}::timestamptz
      from generate_series(1, ${REQUESTS}) g returning id, first_name, email
    )
    insert into consultation_requests (lead_id, reference, idempotency_key, pain_area, pain_duration, pain_level, surgery_recommended,
      preferred_contact, best_time_to_call, time_zone)
    select id, 'CR-RACE-' || row_number() over (), 'race-' || id, 'lower_back', '3_to_12_months', 4, 'no', 'email', 'any', 'America/Los_Angeles' from l
    returning lead_id, id, (select email from l where l.id = lead_id) as email, (select first_name from l where l.id = lead_id) as first_name`;
  const people = rows.map((r) => ({ leadId: r.lead_id as string, requestId: r.id as string, email: r.email as string, firstName: r.first_name as string }));
  return { provider: (await getDefaultProvider(s.db))!, people };
}

/** One booking as the form makes it: the appointment and its confirmation and reminder, in one transaction. */
async function book(s: ScratchDb, provider: BookableProvider, person: Person, start: Date, startedAt: number): Promise<Outcome> {
  try {
    await s.db.transaction(async (tx) => {
      const appointment = await insertAppointment(tx, { provider, leadId: person.leadId, consultationRequestId: person.requestId, start, now: NOW, actor: { type: 'patient' } });
      const ctx = { leadId: person.leadId, email: person.email, firstName: person.firstName, timeZone: provider.timeZone, reference: 'CR-RACE', requestId: person.requestId };
      await enqueueBookingEmails(tx, 'booking-confirmed', appointment, ctx, provider, NOW);
    });
    return { won: true, ms: performance.now() - startedAt };
  } catch (error) {
    if (error instanceof SlotUnavailableError) return { won: false, ms: performance.now() - startedAt };
    return { won: false, ms: performance.now() - startedAt, error: (error as Error).message };
  }
}

async function race(s: ScratchDb, provider: BookableProvider, people: Person[], starts: Date[]): Promise<Outcome[]> {
  const startedAt = performance.now();
  return Promise.all(people.map((person, i) => book(s, provider, person, starts[i % starts.length]!, startedAt)));
}

async function main() {
  printMachine();
  const summary: Record<string, { winners: number[]; expected: number; errors: number; p50: number; p99: number; booked: number[] }> = {};
  await withScratchDatabase('clinic_bench_booking', { max: POOL }, async (s) => {
    process.env.AUTH_SECRET ??= 'bench-only-secret-of-at-least-32-characters';
    const { provider, people } = await fixtures(s);
    const slots = (await listOpenSlots(s.db, NOW))!.slots;
    if (slots.length < REQUESTS) throw new Error(`only ${slots.length} free slots`);
    const scenarios = [
      { label: `${REQUESTS} requests for one slot`, expected: 1, starts: (round: number) => [slots[round]!.start] },
      { label: `${REQUESTS} requests for ${REQUESTS} slots`, expected: REQUESTS, starts: () => slots.slice(0, REQUESTS).map((slot) => slot.start) },
    ];
    for (const scenario of scenarios) {
      const all: Outcome[] = [];
      const entry = (summary[scenario.label] = { winners: [] as number[], expected: scenario.expected, errors: 0, p50: 0, p99: 0, booked: [] as number[] });
      for (let round = 0; round < ROUNDS; round++) {
        await s.db.execute(sql`delete from email_messages`);
        await s.db.execute(sql`delete from appointments`);
        const outcomes = await race(s, provider, people, scenario.starts(round));
        all.push(...outcomes);
        entry.winners.push(outcomes.filter((o) => o.won).length);
        entry.errors += outcomes.filter((o) => o.error).length;
        const [row] = (await s.client`select count(*)::int as n from appointments where status <> 'cancelled'`) as unknown as [{ n: number }];
        entry.booked.push(row.n);
        for (const o of outcomes.filter((x) => x.error).slice(0, 3)) console.error(`unexpected error: ${o.error}`);
      }
      const times = all.map((o) => o.ms);
      entry.p50 = quantile(times, 0.5);
      entry.p99 = quantile(times, 0.99);
    }
  });
  console.info(`\n${ROUNDS} round(s) each; times from the start of the race to each answer, pool of ${POOL} connections`);
  printTable(
    ['race', 'winners per round', 'expected', 'rows booked', 'other errors', 'p50 ms', 'p99 ms', ''],
    Object.entries(summary).map(([label, e]) => [
      label,
      e.winners.join(', '),
      e.expected,
      e.booked.join(', '),
      e.errors,
      ms(e.p50),
      ms(e.p99),
      e.winners.every((w) => w === e.expected) && e.booked.every((b) => b === e.expected) && e.errors === 0 ? 'met' : 'NOT met',
    ]),
  );
  writeResults('booking-race', { requests: REQUESTS, rounds: ROUNDS, pool: POOL, results: summary });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
