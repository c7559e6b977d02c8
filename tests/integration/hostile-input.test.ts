// Hostile input at every public entry point, at the layer that decides (the action's parse and the service,
// over a real PostgreSQL database): 10,000 generated cases each (tests/support/hostile.ts). Every case must be
// answered with the domain's own refusal or accepted, never throw; nothing is stored when the input is refused;
// what is stored reads back exactly as it was accepted. The same entry points over HTTP, and how what is stored
// is shown, are in tests/e2e/hostile-input.spec.ts. The number of cases per entry point is printed.
import { randomUUID } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import * as t from '@/db/schema';
import { authenticate, lookupToken, redeemToken, requestPasswordReset } from '@/lib/auth/service';
import { manageToken, requestIdFromManageToken } from '@/lib/booking/links';
import { rescheduleAppointment } from '@/lib/booking/service';
import { handleResendWebhook } from '@/lib/email/webhooks';
import { emailFromUnsubscribeToken, unsubscribe } from '@/lib/email/unsubscribe';
import { authSecret } from '@/lib/env';
import { DRAFT_CHOICES_MAX, encryptDraft, newDraft, newDraftToken, type Draft } from '@/lib/intake/draft';
import { applyStep, readyToSend } from '@/lib/intake/form-steps';
import { charCount, parseNewTime } from '@/lib/intake/schema';
import { submitConsultationRequest } from '@/lib/intake/service';
import { STEPS, type StepId } from '@/lib/intake/steps';
import { signToken } from '@/lib/security/tokens';
import { firstFreeSlot, rawForm, seedClinic, validInput } from '../support/consult-fixtures';
import { createTestDatabase, primaryBackend, type TestDatabase } from '../support/db';
import { makeWebhookSecret, signWebhook } from '../support/fake-resend';
import { BAD_DATES, CONTROL, fieldValue, hostilePost, hostileString, legalNastyText, RUNS_PER_ENTRY_POINT, wrongType } from '../support/hostile';

// Tuesday 1 December 2026, 9am in Los Angeles.
const now = new Date('2026-12-01T17:00:00Z');
const RUNS = RUNS_PER_ENTRY_POINT;
// Each property makes thousands of parses or database round trips: minutes on a busy two-core machine.
const SLOW = 240_000;
const generated: Record<string, number> = {};
const tally = (entryPoint: string, n = 1) => {
  generated[entryPoint] = (generated[entryPoint] ?? 0) + n;
};

let handle: TestDatabase;
let db: Database;

beforeAll(async () => {
  handle = await createTestDatabase(await primaryBackend());
  db = handle.db;
  await seedClinic(db);
});

afterAll(async () => {
  console.log(`hostile input, generated cases per entry point (layer: parse + service, real database): ${JSON.stringify(generated)}`);
  await handle?.dispose();
});

const rows = async (table: typeof t.leads | typeof t.consultationRequests | typeof t.emailSuppressions | typeof t.emailEvents | typeof t.appointments | typeof t.authTokens) =>
  (await db.select({ n: count() }).from(table))[0]!.n;

/** The raw answers of a complete, valid form, as strings (what the browser posts). */
function goodAnswers(): Record<string, string | string[]> {
  // The text-reminder box ticked, so hostile values for it are generated too.
  const form: Record<string, unknown> = { ...rawForm({ textReminders: 'yes' }) };
  for (const hidden of ['marketingOptIn', 'idempotencyKey', 'sourcePage', 'landingPage', 'referrer', 'utmSource', 'utmMedium', 'utmCampaign', 'utmTerm', 'utmContent']) delete form[hidden];
  return form as Record<string, string | string[]>;
}
const stepFields = (id: StepId) => STEPS.find((s) => s.id === id)!.fields;
const pick = (all: Record<string, string | string[]>, fields: readonly string[]) => Object.fromEntries(fields.map((f) => [f, all[f]!]));

/** Each generated case comes from an address of its own: a missing address counts as one shared address. */
let addresses = 0;
const nextIp = () => {
  addresses++;
  return `10.${(addresses >> 16) & 255}.${(addresses >> 8) & 255}.${addresses & 255}`;
};

describe('each step of the consultation form', () => {
  it.each(['details', 'warning-signs', 'pain', 'time'] as const)('%s: never throws, errors only its own fields, keeps a bounded draft', (stepId) => {
    const fields = stepFields(stepId);
    const good = goodAnswers();
    fc.assert(
      fc.property(hostilePost(pick(good, fields)), (post) => {
        tally(`consult step: ${stepId}`);
        const outcome = applyStep(newDraft({}, now), stepId, post);
        if (!outcome.ok) {
          expect(Object.keys(outcome.errors).length).toBeGreaterThan(0);
          for (const key of Object.keys(outcome.errors)) expect(fields).toContain(key);
        }
        for (const value of Object.values(outcome.draft.values)) {
          if (Array.isArray(value)) expect(value.length).toBeLessThanOrEqual(DRAFT_CHOICES_MAX);
        }
        // Nothing stored is longer than its field allows (the longest, the message, is 2,000 characters), so the
        // draft's encrypted row stays small whatever is posted.
        for (const value of Object.values(outcome.draft.values)) for (const v of [value].flat()) expect(charCount(v)).toBeLessThanOrEqual(2_000);
        expect(encryptDraft('s'.repeat(32), newDraftToken(), outcome.draft).length).toBeLessThan(32_000);
        // An answer the step accepted is kept exactly as it was posted (or, if padded past its limit, as the schema
        // reads it: trimmed), and shown as posted.
        if (outcome.ok) {
          for (const f of fields) {
            if (typeof post[f] !== 'string') continue;
            expect([post[f], post[f].trim(), post[f].replace(/\r\n?/g, '\n').trim()]).toContain(outcome.draft.values[f]);
            expect(outcome.shown[f]).toBe(post[f]);
          }
        }
        // A step never accepts a control character in what it keeps for the request.
        if (outcome.ok) for (const v of Object.values(outcome.data)) if (typeof v === 'string') for (const c of CONTROL) expect(v.includes(c)).toBe(false);
      }),
      { numRuns: RUNS },
    );
  }, SLOW);
});

describe('"Accept and send": the whole request into the database', () => {
  it('stores only a valid request, exactly as accepted, and nothing else', async () => {
    const slot = await firstFreeSlot(db, now);
    const good = goodAnswers();
    // Names and the message: mostly legal text that is dangerous elsewhere, so many requests are stored.
    const answers = fc.record({
      // Each other answer is almost always good, so about one request in twenty passes and reaches the database.
      ...Object.fromEntries(Object.entries(good).map(([k, v]) => [k, fieldValue(v, 40)])),
      firstName: fc.oneof({ weight: 5, arbitrary: legalNastyText(100) }, { weight: 1, arbitrary: fieldValue('Maria') }),
      lastName: fc.oneof({ weight: 5, arbitrary: legalNastyText(100) }, { weight: 1, arbitrary: fieldValue('Gonzalez') }),
      message: fc.oneof({ weight: 5, arbitrary: legalNastyText(2000) }, { weight: 1, arbitrary: fieldValue('My knee aches') }),
      slot: fc.oneof({ weight: 8, arbitrary: fc.constant('call') }, { weight: 1, arbitrary: fc.constant(slot.start.toISOString()) }, { weight: 2, arbitrary: fc.constantFrom(...BAD_DATES) }),
      attribution: fc.record({ utmSource: fc.oneof(fc.constant('google'), hostileString), sourcePage: fc.oneof(fc.constant('knee-pain'), hostileString) }),
      check: fc.record({ contactConsent: fieldValue('yes', 40), privacyAcknowledged: fieldValue('yes', 40), marketingOptIn: fc.oneof(fc.constant(undefined), wrongType, hostileString) }),
    });
    let stored = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(answers, async ({ attribution, check, ...values }) => {
        tally('consult: accept and send');
        const draft: Draft = { ...newDraft(attribution as Draft['attribution'], now), values: values as Draft['values'] };
        const email = `p.${randomUUID()}@example.com`;
        // A new person each time (a returning one keeps the name already on file), repeated fields included.
        const typed = draft.values.email;
        if (typed === good.email) draft.values.email = email;
        else if (Array.isArray(typed)) draft.values.email = typed.map((v) => (v === good.email ? email : v));
        const outcome = readyToSend(draft, check);
        if (!outcome.ok) {
          // Refused before the database: nothing can have been stored (the service is never called).
          refused++;
          expect(outcome.incomplete ?? Object.keys(outcome.errors).length).toBeTruthy();
          return;
        }
        const before = { leads: await rows(t.leads), requests: await rows(t.consultationRequests) };
        const result = await submitConsultationRequest(db, outcome.request, { now, ip: nextIp() });
        if (!result.ok) {
          // The domain's own refusals: the time went, or one address sent too many (a repeated email field).
          expect(['slot_taken', 'slot_unavailable', 'rate_limited']).toContain(result.code);
          expect({ leads: await rows(t.leads), requests: await rows(t.consultationRequests) }).toEqual(before);
          return;
        }
        stored++;
        const [lead] = await db.select().from(t.leads).where(eq(t.leads.id, result.data.leadId));
        const [request] = await db.select().from(t.consultationRequests).where(eq(t.consultationRequests.id, result.data.requestId));
        expect(lead!.firstName).toBe(outcome.request.firstName);
        expect(lead!.lastName).toBe(outcome.request.lastName);
        expect(lead!.phoneE164).toBe(outcome.request.phone);
        expect(request!.message ?? undefined).toBe(outcome.request.message);
        expect(request!.utmSource ?? undefined).toBe(outcome.request.utmSource);
      }),
      { numRuns: RUNS },
    );
    console.log(`accept and send: ${stored} stored, ${refused} refused before the database`);
    expect(stored).toBeGreaterThan(50);
    expect(refused).toBeGreaterThan(50);
  }, SLOW);
});

describe('the private manage link: move or cancel', () => {
  it('never throws on a hostile link or time; a refused move changes nothing', async () => {
    const slot = await firstFreeSlot(db, now);
    const booked = await submitConsultationRequest(db, validInput({ slot: slot.start }), { now, ip: nextIp() });
    if (!booked.ok || !booked.data.appointment) throw new Error('could not book');
    const good = manageToken(booked.data.requestId, now);
    const token = fc.oneof(
      { weight: 2, arbitrary: fc.constant(good) },
      { weight: 3, arbitrary: hostileString },
      { weight: 1, arbitrary: fc.tuple(fc.constant(good), hostileString).map(([g, h]) => `${g}${h}`) },
      { weight: 1, arbitrary: hostileString.map((s) => signToken(authSecret(), 'unsubscribe', s, new Date(now.getTime() + 86_400_000))) },
    );
    const post = hostilePost({ slot: slot.start.toISOString() });
    let dbCalls = 0;
    await fc.assert(
      fc.asyncProperty(token, post, fc.nat(19), async (raw, form, sample) => {
        tally('manage: reschedule / cancel');
        let decoded: string | null = null;
        try {
          decoded = decodeURIComponent(raw);
        } catch {
          decoded = null;
        }
        const requestId = decoded === null ? null : requestIdFromManageToken(decoded, now);
        if (requestId !== null) expect(requestId).toBe(booked.data.requestId);
        const newTime = parseNewTime(form);
        if (newTime !== null) expect(Number.isNaN(new Date(newTime).getTime())).toBe(false);
        // One case in twenty with a time goes on to the booking service (the slow, locked part).
        if (requestId === null || newTime === null || sample !== 0) return;
        dbCalls++;
        const [before] = await db.select().from(t.appointments).where(eq(t.appointments.id, booked.data.appointment!.id));
        const result = await rescheduleAppointment(db, { appointmentId: before!.id, newStart: new Date(newTime), now, actor: { type: 'patient' } });
        const [after] = await db.select().from(t.appointments).where(eq(t.appointments.id, before!.id));
        if (result.ok) expect(after!.startsAt.toISOString()).toBe(new Date(newTime).toISOString());
        else {
          expect(['slot_taken', 'slot_unavailable', 'not_active']).toContain(result.code);
          expect(after).toEqual(before);
        }
      }),
      { numRuns: RUNS },
    );
    console.log(`manage: ${dbCalls} moves sent to the booking service`);
  }, SLOW);
});

describe('unsubscribe', () => {
  it('a hostile token unsubscribes nobody; a signed one stores exactly its address', async () => {
    const signed = hostileString.filter((s) => s.length < 300).map((s) => ({ s, token: signToken(authSecret(), 'unsubscribe', s, new Date(now.getTime() + 86_400_000)) }));
    const token = fc.oneof(
      { weight: 3, arbitrary: hostileString.map((s) => ({ s: null as string | null, token: s })) },
      { weight: 1, arbitrary: signed },
      // The signature's first character changed (its last one carries two spare bits in base64url).
      { weight: 1, arbitrary: signed.map(({ token: tk }) => ({ s: null, token: tk.replace(/\.(.)/, (_m, c: string) => `.${c === 'A' ? 'B' : 'A'}`) })) },
    );
    await fc.assert(
      fc.asyncProperty(token, async ({ s, token: tk }) => {
        tally('unsubscribe');
        const email = emailFromUnsubscribeToken(tk, now);
        expect(email).toBe(s);
        // A link that is not ours is refused before the database: the route answers 400 and stores nothing.
        if (email === null) return;
        const before = await rows(t.emailSuppressions);
        // What we signed is an address we sent to; the page still must not fail on whatever it holds.
        const storable = !email.includes('\u0000') && !/[\uD800-\uDFFF]/.test(email);
        if (!storable) return;
        await unsubscribe(db, email, now);
        const found = await db.select().from(t.emailSuppressions).where(eq(t.emailSuppressions.emailNormalized, email.trim().toLowerCase()));
        expect(found).toHaveLength(1);
        expect(await rows(t.emailSuppressions)).toBeGreaterThanOrEqual(before);
      }),
      { numRuns: RUNS },
    );
  }, SLOW);
});

describe('the Resend webhook', () => {
  it('records only signed, well-formed events, and never throws on anything else', async () => {
    const secret = makeWebhookSecret();
    const event = fc.record({
      type: fieldValue('email.delivered'),
      created_at: fieldValue(now.toISOString()),
      data: fc.oneof(fc.record({ email_id: fieldValue(randomUUID()), bounce: fc.oneof(fc.constant(undefined), wrongType) }), wrongType),
    });
    const body = fc.oneof({ weight: 4, arbitrary: event.map((e) => JSON.stringify(e)) }, { weight: 1, arbitrary: hostileString });
    const id = fc.oneof({ weight: 4, arbitrary: fc.uuid().map((u) => `msg_${u}`) }, { weight: 1, arbitrary: hostileString.filter((s) => s.length > 0 && s.length < 300) });
    let recorded = 0;
    await fc.assert(
      fc.asyncProperty(body, id, fc.constantFrom('signed', 'unsigned', 'forged'), async (raw, svixId, how) => {
        tally('webhook');
        const before = how === 'signed' ? await rows(t.emailEvents) : 0;
        const signed = signWebhook(how === 'forged' ? makeWebhookSecret() : secret, raw, { id: svixId });
        const headers =
          how === 'unsigned'
            ? { id: null, timestamp: null, signature: null }
            : { id: svixId, timestamp: signed.headers['svix-timestamp']!, signature: signed.headers['svix-signature']! };
        const result = await handleResendWebhook(db, secret, raw, headers, now);
        if (how !== 'signed') {
          // Refused before the database.
          expect(result).toEqual({ ok: false, code: how === 'unsigned' ? 'unsigned' : 'bad_signature' });
          return;
        }
        const after = await rows(t.emailEvents);
        if (result.ok && result.status === 'recorded') {
          expect(after).toBe(before + 1);
          const [row] = await db.select().from(t.emailEvents).where(eq(t.emailEvents.svixId, svixId));
          expect(row!.payload).toEqual(JSON.parse(raw));
          recorded++;
        } else if (result.ok && result.status === 'ignored' && after === before + 1) {
          recorded++;
          // A well-formed event of a kind this product does not act on is kept as received.
          const [row] = await db.select().from(t.emailEvents).where(eq(t.emailEvents.svixId, svixId));
          expect(row!.payload).toEqual(JSON.parse(raw));
        } else {
          expect(after).toBe(before);
        }
      }),
      { numRuns: RUNS },
    );
    console.log(`webhook: ${recorded} events stored`);
    expect(recorded).toBeGreaterThan(50);
  }, SLOW);
});

describe('staff sign-in, forgotten password and set password', () => {
  // An email that the database cannot hold as text (a NUL, half a surrogate pair) is refused by each form before
  // the reset and set-password services; sign-in's service refuses a NUL itself (tried below).
  const storable = (s: string) => !s.includes('\u0000') && !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
  const email = fc.oneof(fc.constant('admin@example.com'), fc.emailAddress(), hostileString).filter(storable);
  const staffRows = async () => db.select({ id: t.staffUsers.id, hash: t.staffUsers.passwordHash }).from(t.staffUsers);

  it('forgotten password: any address, no account changed, never throws', async () => {
    const before = await staffRows();
    await fc.assert(
      fc.asyncProperty(email, async (address) => {
        tally('forgot-password');
        await requestPasswordReset(db, { email: address, appUrl: 'https://clinic.example', meta: { ip: nextIp(), userAgent: 'fast-check' }, now });
      }),
      { numRuns: RUNS },
    );
    expect(await staffRows()).toEqual(before);
  }, SLOW);

  it('set password: a hostile link or password sets nothing, never throws', async () => {
    const before = await staffRows();
    const tokens = await rows(t.authTokens);
    // Every link goes through the lookup that decides it; one in twenty goes the whole way (limit, lookup, rule).
    await fc.assert(
      fc.asyncProperty(hostileString.filter(storable), hostileString, fc.nat(19), async (token, password, sample) => {
        tally('set-password');
        expect((await lookupToken(db, token, now)).ok).toBe(false);
        if (sample !== 0) return;
        const result = await redeemToken(db, { token, password, meta: { ip: nextIp(), userAgent: 'fast-check' }, now });
        expect(result.ok).toBe(false);
      }),
      { numRuns: RUNS },
    );
    expect(await staffRows()).toEqual(before);
    expect(await rows(t.authTokens)).toBe(tokens);
  }, SLOW);

  it('sign-in: a hostile email or password signs nobody in, never throws (every try costs an argon2 hash: 200 cases)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(email, email.map((e) => `${e}\u0000`)), hostileString, async (address, password) => {
        tally('sign-in');
        const result = await authenticate(db, { email: address, password, meta: { ip: nextIp(), userAgent: 'fast-check' }, now });
        expect(result.ok).toBe(false);
      }),
      { numRuns: 200 },
    );
  }, SLOW);
});
