// Requests whose address is not known (no trusted proxy configured, or none sent) are still counted: every
// per-address limit puts them under one shared key. And "forgot your password?" answers before doing any work.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as t from '@/db/schema';
import { hashPassword } from '@/lib/auth/password';
import { answerForgotPassword, processPasswordResetRequest, RESET_REQUEST_LIMITS, type ResetRequest } from '@/lib/auth/password-reset';
import { redeemToken, SET_PASSWORD_LIMIT } from '@/lib/auth/service';
import { submitConsultationRequest, SUBMISSION_LIMITS } from '@/lib/intake/service';
import { seedClinic, validInput } from '../support/consult-fixtures';
import { createTestDatabase, primaryBackend, type TestDatabase } from '../support/db';

const now = new Date('2026-11-26T09:00:00Z');
const appUrl = 'http://localhost:3000';
const unknown = { ip: null, userAgent: 'vitest' };
let handle: TestDatabase;

beforeAll(async () => {
  handle = await createTestDatabase(await primaryBackend());
  await seedClinic(handle.db);
});
afterAll(async () => {
  await handle?.dispose();
});

async function newStaff(email: string) {
  const [row] = await handle.db.insert(t.staffUsers).values({ email, name: 'Robin Case', role: 'staff', passwordHash: await hashPassword('a long enough password') }).returning();
  return row!;
}
const outboxTo = (email: string) => handle.db.select().from(t.emailMessages).where(eq(t.emailMessages.toAddress, email));

describe('requests with no known address', () => {
  it('share one consultation-form limit instead of skipping it, while a known address keeps its own', async () => {
    for (let i = 0; i < SUBMISSION_LIMITS.perIp.max; i++) {
      expect(await submitConsultationRequest(handle.db, validInput(), { now, ip: null })).toMatchObject({ ok: true });
    }
    expect(await submitConsultationRequest(handle.db, validInput(), { now, ip: null })).toEqual({ ok: false, code: 'rate_limited', retryAfterSeconds: 3600 });
    expect(await submitConsultationRequest(handle.db, validInput(), { now, ip: 'a-known-address-key' })).toMatchObject({ ok: true });
  });

  it('share one set-password limit', async () => {
    for (let i = 0; i < SET_PASSWORD_LIMIT.max; i++) {
      expect(await redeemToken(handle.db, { token: `guess-${i}`, password: 'a long enough password', meta: unknown, now })).toEqual({ ok: false, code: 'invalid_link' });
    }
    expect(await redeemToken(handle.db, { token: 'one-more-guess', password: 'a long enough password', meta: unknown, now })).toMatchObject({
      ok: false,
      code: 'rate_limited',
    });
  });

  it('share one password-reset limit: past it, even a real account gets no email', async () => {
    const real = await newStaff('reset.unknown.address@example.com');
    for (let i = 0; i < RESET_REQUEST_LIMITS.perAddress.max; i++) {
      await processPasswordResetRequest(handle.db, { email: `nobody${i}@example.com`, appUrl, meta: unknown, now });
    }
    await processPasswordResetRequest(handle.db, { email: real.email, appUrl, meta: unknown, now });
    expect(await outboxTo(real.email)).toEqual([]);
    // From a known address the same account is answered.
    await processPasswordResetRequest(handle.db, { email: real.email, appUrl, meta: { ip: '198.51.100.9', userAgent: 'vitest' }, now });
    expect(await outboxTo(real.email)).toHaveLength(1);
  });
});

describe('forgot your password?', () => {
  it('answers a real account and an unknown one alike, before any work is done; the work runs afterwards', async () => {
    const real = await newStaff('reset.after.answer@example.com');
    const queued: (() => Promise<void>)[] = [];
    const args = {
      later: (task: () => Promise<void>) => void queued.push(task),
      work: (request: ResetRequest) => processPasswordResetRequest(handle.db, request),
      appUrl,
      meta: { ip: '198.51.100.10', userAgent: 'vitest' },
      now,
    };

    const forReal = answerForgotPassword(` ${real.email} `, args);
    const forNobody = answerForgotPassword('not.staff.here@example.com', args);
    expect(forReal).toEqual(forNobody);
    expect(forReal).toMatchObject({ ok: true });
    // The answer is already given: no link issued, no email queued, nothing audited yet.
    expect(queued).toHaveLength(2);
    expect(await outboxTo(real.email)).toEqual([]);
    expect(await handle.db.select().from(t.authTokens).where(eq(t.authTokens.staffUserId, real.id))).toEqual([]);

    for (const task of queued) await task();
    const [email] = await outboxTo(real.email);
    expect(email).toMatchObject({ template: 'staff-password-reset', status: 'pending' });
    expect(await outboxTo('not.staff.here@example.com')).toEqual([]);
    expect(await handle.db.select().from(t.auditLog).where(eq(t.auditLog.entityId, real.id))).toMatchObject([{ action: 'password_reset_requested' }]);
  });

  it('answers a mistyped address on the field and schedules nothing', () => {
    const queued: unknown[] = [];
    const args = { later: (task: () => Promise<void>) => void queued.push(task), work: async () => undefined, appUrl, meta: unknown, now };
    expect(answerForgotPassword('   ', args)).toEqual({ ok: false, error: 'Enter your email address' });
    expect(answerForgotPassword('not an address', args)).toMatchObject({ ok: false, error: expect.stringMatching(/correct format/) });
    expect(queued).toEqual([]);
  });
});
