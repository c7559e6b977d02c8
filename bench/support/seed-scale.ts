// Fills a benchmark database with leads as the app would hold them, in SQL (generate_series), so a million
// leads take a minute or two, not hours. Lead number g (1 = newest) has a fixed id derived from g, so every other
// table is generated from g too, without joining leads. Growing is incremental: seedLeads(…, 1, 10_000) then
// (10_001, 100_000) gives the same rows as one fill of 100,000 (older leads are added at the back).
//
// What lead g gets (the same mix at every size, about one new lead every 95 seconds; the newest on NOW):
// - status: 20% new, 20% contacted, 10% scheduled, the rest consulted, became patient, not a fit, no response;
//   1 in 53 urgent; 3 in 4 assigned to one of five staff; 10% with a follow-up date (half of them overdue);
//   1 in 200 erased (name replaced, no email or phone).
// - one consultation request (a second one for 1 in 10: a returning person);
// - timeline: "request submitted", and "status changed" for every lead that left "new";
// - email: the "request received" confirmation, sent; 1 in 100 also has a follow-up waiting;
// - 1 in 20 has an appointment with one of four providers, 16 a day, from two weeks ahead backwards in time
//   (past ones completed), so each provider's week two weeks ahead is full at every size.
// - lead 7 has 500 more timeline entries (notes and calls): the lead page's longest timeline.
import type { Sql } from 'postgres';

export const NOW = new Date('2026-11-26T18:00:00Z');
export const TIMELINE_LEAD = 7;
export const PROVIDERS = 4;
const SPACING_SECONDS = 95;

/** The uuid of lead number g (SQL expression over an integer g). */
export const leadId = (g: string) => `('00000000-0000-4000-8000-' || lpad(to_hex(${g}), 12, '0'))::uuid`;
export const leadIdOf = (g: number) => `00000000-0000-4000-8000-${g.toString(16).padStart(12, '0')}`;

const created = (g: string) => `($1::timestamptz - ${g} * interval '${SPACING_SECONDS} seconds')`;
const statusOf = (g: string) =>
  `((array['new','contacted','scheduled','consulted','became_patient','not_a_fit','no_response'])::lead_status[])[1 + (case when ${g} % 10 < 2 then 0 when ${g} % 10 < 4 then 1 when ${g} % 10 < 5 then 2 else 3 + ${g} % 4 end)]`;

const FIRST_NAMES = `array['Maria','James','Linda','Robert','Patricia','David','Susan','Michael','Karen','Thomas','Nancy','Daniel',
           'Lisa','Mark','Sandra','Paul','Ashley','Steven','Emily','Kevin']`;
const LAST_STEMS = `array['Gon','Car','Ngu','Kim','Oka','Lev','Par','Bro','Dav','Wil','Mar','Tho','Lee','Pat','Rob','Hal','Fer','Sch','Ito','Ali']`;
const LAST_ENDS = `array['zalez','ter','yen','ball','for','ine','son','wood','ris','den']`;
const firstOf = (g: string) => `(${FIRST_NAMES})[1 + ${g} % 20]`;
const lastOf = (g: string) => `(${LAST_STEMS})[1 + (${g} / 20) % 20] || (${LAST_ENDS})[1 + (${g} / 400) % 10]`;
/** first.last<g>@<one of eight providers>: as varied as people's addresses are (no fragment shared by every row). */
export const emailOf = (g: string) =>
  `lower(${firstOf(g)} || '.' || ${lastOf(g)}) || ${g} || '@' || (array['gmail.com','yahoo.com','outlook.com','icloud.com','hotmail.com','aol.com','comcast.net','proton.me'])[1 + (${g} / 7) % 8]`;

export type SeedContext = { staffIds: string[]; providerIds: string[] };

/** Staff, a location, four providers with weekday hours. Once per database. */
export async function seedFixtures(client: Sql): Promise<SeedContext> {
  const staff = await client`insert into staff_users (email, name) select 'staff' || g || '@example.com', 'Staff ' || g from generate_series(1, 5) g returning id`;
  const [location] = await client`insert into locations (name, address, phone, time_zone) values ('Main clinic', '100 Example Avenue', '+13105550142', 'America/Los_Angeles') returning id`;
  const providers = await client`
    insert into providers (location_id, name, min_notice_minutes, horizon_days)
    select ${location!.id}, 'Dr. Provider ' || g, 0, 28 from generate_series(1, ${PROVIDERS}) g returning id`;
  for (const p of providers) {
    await client`
      insert into availability_rules (provider_id, weekday, start_time, end_time)
      select ${p.id}, d, t.s::time, t.e::time from generate_series(1, 5) d, (values ('09:00', '12:00'), ('13:00', '17:00')) t(s, e)`;
  }
  return { staffIds: staff.map((s) => s.id as string), providerIds: providers.map((p) => p.id as string) };
}

const FILL_LEADS = (from: number, to: number, staffIds: string[]) => `
  insert into leads (id, first_name, last_name, email, email_normalized, phone_e164, time_zone, status, urgency,
    source_page, utm_campaign, assigned_to_id, next_follow_up_at, first_contacted_at, erased_at,
    created_at, updated_at, last_activity_at)
  select ${leadId('g')},
    case when g % 200 = 0 then 'Erased' else ${firstOf('g')} end,
    case when g % 200 = 0 then 'person' else ${lastOf('g')} end,
    case when g % 200 = 0 then null else ${emailOf('g')} end,
    case when g % 200 = 0 then null else ${emailOf('g')} end,
    case when g % 200 = 0 then null else '+1' || (200 + g % 800)::text || lpad(((g::bigint * 7919) % 10000000)::text, 7, '0') end,
    'America/Los_Angeles',
    ${statusOf('g')},
    case when g % 53 = 0 then 'urgent'::lead_urgency else 'routine'::lead_urgency end,
    (array['risks-and-outcomes','recovery','faq','non-surgical-options','common-procedures','fear-of-movement',
           'when-surgery-is-considered','benefits', null])[1 + g % 9],
    case when g % 3 = 0 then 'spine-guide-fall' else null end,
    case when g % 4 = 0 then null else ('{${staffIds.join(',')}}'::uuid[])[1 + g % ${staffIds.length}] end,
    case when g % 10 = 0 then $1::timestamptz + ((g % 7) - 3) * interval '1 day' else null end,
    case when g % 10 >= 2 then ${created('g')} + interval '3 hours' else null end,
    case when g % 200 = 0 then ${created('g')} + interval '30 days' else null end,
    ${created('g')}, ${created('g')}, ${created('g')}
  from generate_series(${from}, ${to}) as g`;

const FILL_REQUESTS = (from: number, to: number) => `
  insert into consultation_requests (lead_id, reference, idempotency_key, pain_area, pain_duration, pain_level,
    surgery_recommended, has_red_flags, preferred_contact, best_time_to_call, time_zone, source_page, submitted_at)
  select ${leadId('g')}, 'CR-' || g || '-' || r, 'bench-' || g || '-' || r,
    (array['lower_back','neck','knee','hip','shoulder']::pain_area[])[1 + g % 5], '3_to_12_months', 1 + g % 10,
    'not_sure', g % 53 = 0, 'phone', 'any', 'America/Los_Angeles', 'recovery',
    ${created('g')} - (r - 1) * interval '200 days'
  from generate_series(${from}, ${to}) as g, generate_series(1, 2) as r
  where r = 1 or g % 10 = 1`;

const FILL_ACTIVITIES = (from: number, to: number, staffIds: string[]) => `
  insert into lead_activities (lead_id, type, actor_type, actor_staff_id, payload, occurred_at)
  select ${leadId('g')}, 'request_submitted'::activity_type, 'patient'::actor_type, null::uuid, '{}'::jsonb, ${created('g')}
  from generate_series(${from}, ${to}) as g
  union all
  select ${leadId('g')}, 'status_changed'::activity_type, 'staff'::actor_type, ('{${staffIds.join(',')}}'::uuid[])[1 + g % ${staffIds.length}],
    jsonb_build_object('from', 'new', 'to', ${statusOf('g')}), ${created('g')} + interval '3 hours'
  from generate_series(${from}, ${to}) as g where g % 10 >= 2`;

const FILL_EMAILS = (from: number, to: number) => `
  insert into email_messages (lead_id, template, category, to_address, status, send_after, attempts, sent_at,
    provider_message_id, created_at, updated_at)
  select ${leadId('g')}, 'request-received', 'transactional'::email_category, ${emailOf('g')}, 'sent'::email_status,
    ${created('g')}, 1, ${created('g')} + interval '1 minute', 'bench-msg-' || g, ${created('g')}, ${created('g')}
  from generate_series(${from}, ${to}) as g where g % 200 <> 0
  union all
  select ${leadId('g')}, 'request-follow-up', 'follow_up'::email_category, ${emailOf('g')}, 'pending'::email_status,
    $1::timestamptz + (g % 7) * interval '1 day', 0, null, null, ${created('g')}, ${created('g')}
  from generate_series(${from}, ${to}) as g where g % 100 = 50`;

/** Appointment k (k = g / 20 for g % 20 = 5): provider k % 4, its (k / 4)th slot counted back from two weeks ahead. */
const FILL_APPOINTMENTS = (from: number, to: number, providerIds: string[]) => `
  insert into appointments (provider_id, lead_id, starts_at, ends_at, status, booked_by_type, created_at, updated_at)
  select ('{${providerIds.join(',')}}'::uuid[])[1 + (g / 20) % ${providerIds.length}], ${leadId('g')}, s.at, s.at + interval '30 minutes',
    (case when s.at > $1::timestamptz then 'booked' when g % 11 = 0 then 'no_show' else 'completed' end)::appointment_status,
    'patient', ${created('g')}, ${created('g')}
  from generate_series(${from}, ${to}) as g,
    lateral (select date_trunc('day', $1::timestamptz) + interval '14 days' - (((g / 20) / ${providerIds.length}) / 16) * interval '1 day'
      + interval '16 hours' + (((g / 20) / ${providerIds.length}) % 16) * interval '30 minutes' as at) s
  where g % 20 = 5`;

const FILL_TIMELINE = (staffIds: string[]) => `
  insert into lead_activities (lead_id, type, actor_type, actor_staff_id, payload, occurred_at)
  select ${leadId(String(TIMELINE_LEAD))}, (case when i % 3 = 0 then 'call_logged' else 'note_added' end)::activity_type, 'staff',
    ('{${staffIds.join(',')}}'::uuid[])[1 + i % ${staffIds.length}], jsonb_build_object('note', 'Entry ' || i), $1::timestamptz - i * interval '7 minutes'
  from generate_series(1, 500) as i`;

const BIG_TABLES = ['leads', 'consultation_requests', 'lead_activities', 'email_messages', 'appointments'];

/**
 * Adds leads number `from` to `to` and everything they have. Secondary indexes are dropped during the load and
 * rebuilt after (one sorted build beats a million inserts into a GIN index); the child rows are loaded with
 * foreign-key checks off (session_replication_role = replica: their lead ids exist by construction). The leads
 * themselves go in with their triggers on, so the kept counts are built the way the app builds them.
 */
export async function seedLeads(client: Sql, ctx: SeedContext, from: number, to: number): Promise<void> {
  const now = NOW.toISOString();
  const indexes = await client<{ indexname: string; indexdef: string }[]>`
    select indexname, indexdef from pg_indexes
    where tablename in ${client(BIG_TABLES)}
      and not exists (select 1 from pg_constraint c where c.conindid = format('%I.%I', schemaname, indexname)::regclass)`;
  for (const index of indexes) await client.unsafe(`drop index "${index.indexname}"`);
  await client.unsafe(FILL_LEADS(from, to, ctx.staffIds), [now]);
  const children = [FILL_REQUESTS(from, to), FILL_ACTIVITIES(from, to, ctx.staffIds), FILL_EMAILS(from, to), FILL_APPOINTMENTS(from, to, ctx.providerIds)];
  if (from <= TIMELINE_LEAD && TIMELINE_LEAD <= to) children.push(FILL_TIMELINE(ctx.staffIds));
  await Promise.all(
    children.map((statement) =>
      client.begin(async (tx) => {
        await tx.unsafe(`set local session_replication_role = replica`);
        await tx.unsafe(statement, statement.includes('$1') ? [now] : []);
      }),
    ),
  );
  // Two builds at a time: the machine has two cores.
  const queue = [...indexes];
  const builder = async () => {
    for (let index = queue.shift(); index; index = queue.shift()) {
      await client.begin(async (tx) => {
        await tx.unsafe(`set local maintenance_work_mem = '256MB'`);
        await tx.unsafe(index.indexdef);
      });
    }
  };
  await Promise.all([builder(), builder()]);
  await Promise.all(BIG_TABLES.map((table) => client.unsafe(`vacuum analyze ${table}`)));
}
