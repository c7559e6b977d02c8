// The consultation form's draft in the database (consult_drafts), on PostgreSQL and on PGlite: written, read back,
// overwritten in place, unreadable without the browser's token, gone once expired (and pruned by housekeeping),
// deleted on request. The whole journey over HTTP (sent → row deleted) is in tests/e2e/long-answers.spec.ts.
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consultDrafts } from '@/db/schema';
import { decryptDraft, draftId, DRAFT_MAX_AGE_SECONDS, newDraft, newDraftToken, type Draft } from '@/lib/intake/draft';
import { deleteDraft, loadDraft, pruneExpiredDrafts, saveDraft } from '@/lib/intake/draft-store';
import { EMAIL_MAX, MESSAGE_MAX, NAME_MAX, PHONE_MAX } from '@/lib/intake/schema';
import { runHousekeeping } from '@/lib/security/housekeeping';
import { availableBackends, createTestDatabase, type TestDatabase } from '../support/db';

const secret = 'integration-secret-integration-secret-00';
const now = new Date('2026-12-01T17:00:00Z');
const later = (ms: number) => new Date(now.getTime() + ms);
const EXPIRY_MS = DRAFT_MAX_AGE_SECONDS * 1000;

/** The longest draft the form can keep: every text answer at its limit in four-byte characters. */
function longestDraft(): Draft {
  const emoji = (n: number) => '😀'.repeat(n);
  return {
    ...newDraft({ sourcePage: 'x'.repeat(100), landingPage: `/${'l'.repeat(499)}`, referrer: `https://e.example/${'r'.repeat(480)}`, utmSource: 'u'.repeat(200), utmMedium: 'u'.repeat(200), utmCampaign: 'u'.repeat(200), utmTerm: 'u'.repeat(200), utmContent: 'u'.repeat(200) }, now),
    values: { firstName: emoji(NAME_MAX), lastName: emoji(NAME_MAX), email: 'e'.repeat(EMAIL_MAX), phone: '1'.repeat(PHONE_MAX), message: emoji(MESSAGE_MAX), painArea: 'knee', treatmentsTried: ['medication', 'injections', 'physical_therapy'] },
  };
}

describe.each(await availableBackends())('the consultation draft on %s', (backend) => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await createTestDatabase(backend);
  });
  afterAll(async () => {
    await handle?.dispose();
  });
  const rowsOf = async (token: string) => (await handle.db.select({ n: count() }).from(consultDrafts).where(eq(consultDrafts.id, draftId(token))))[0]!.n;

  it('writes a row and reads it back; a second save overwrites the same row', async () => {
    const token = newDraftToken();
    const draft = { ...newDraft({ utmSource: 'news' }, now), values: { firstName: 'Zoë', message: 'مرحبا 中文 😀' } };
    await saveDraft(handle.db, secret, token, draft);
    expect(await loadDraft(handle.db, secret, token, later(60_000))).toEqual(draft);
    const changed = { ...draft, values: { ...draft.values, lastName: 'Ñúñez' } };
    await saveDraft(handle.db, secret, token, changed);
    expect(await loadDraft(handle.db, secret, token, later(60_000))).toEqual(changed);
    expect(await rowsOf(token)).toBe(1);
  });

  it('holds nothing readable: neither the token nor the answers are in the row, and another token cannot open it', async () => {
    const token = newDraftToken();
    const draft = { ...newDraft({}, now), values: { firstName: 'Marisol', lastName: 'Quintero', message: 'sciatica down my left leg' } };
    await saveDraft(handle.db, secret, token, draft);
    const [row] = await handle.db.select().from(consultDrafts).where(eq(consultDrafts.id, draftId(token)));
    const stored = `${row!.id} ${row!.sealed} ${Buffer.from(row!.sealed, 'base64url').toString('latin1')}`;
    for (const secretText of [token, 'Marisol', 'Quintero', 'sciatica']) expect(stored).not.toContain(secretText);
    expect(decryptDraft(secret, newDraftToken(), Buffer.from(row!.sealed, 'base64url'), now)).toBeNull();
    expect(decryptDraft(secret, token, Buffer.from(row!.sealed, 'base64url'), now)).toEqual(draft);
    expect(await loadDraft(handle.db, secret, newDraftToken(), now)).toBeNull();
  });

  it('during a rotation of AUTH_SECRET, a draft started before the switch still opens; after it, it does not', async () => {
    const token = newDraftToken();
    const draft = { ...newDraft({}, now), values: { firstName: 'Ines' } };
    await saveDraft(handle.db, secret, token, draft);
    const rotated = 'the-new-integration-secret-0000000000000';
    expect(await loadDraft(handle.db, [rotated, secret], token, later(60_000))).toEqual(draft);
    expect(await loadDraft(handle.db, rotated, token, later(60_000))).toBeNull();
  });

  it('is gone after 4 hours, and housekeeping deletes only expired rows', async () => {
    const token = newDraftToken();
    const fresh = newDraftToken();
    await saveDraft(handle.db, secret, token, newDraft({}, now));
    await saveDraft(handle.db, secret, fresh, newDraft({}, later(EXPIRY_MS)));
    expect(await loadDraft(handle.db, secret, token, later(EXPIRY_MS - 1))).not.toBeNull();
    expect(await loadDraft(handle.db, secret, token, later(EXPIRY_MS))).toBeNull();
    expect(await pruneExpiredDrafts(handle.db, later(EXPIRY_MS - 1))).toBe(0);
    const summary = await runHousekeeping(handle.db, later(EXPIRY_MS));
    expect(summary.expiredDrafts).toBeGreaterThanOrEqual(1);
    expect(await rowsOf(token)).toBe(0);
    expect(await rowsOf(fresh)).toBe(1);
  });

  it('is deleted on request (sent, or started again)', async () => {
    const token = newDraftToken();
    await saveDraft(handle.db, secret, token, newDraft({}, now));
    await deleteDraft(handle.db, token);
    expect(await rowsOf(token)).toBe(0);
    expect(await loadDraft(handle.db, secret, token, now)).toBeNull();
  });

  it('keeps the longest draft the form allows, every answer intact', async () => {
    const token = newDraftToken();
    const draft = longestDraft();
    const bytes = await saveDraft(handle.db, secret, token, draft);
    expect(await loadDraft(handle.db, secret, token, now)).toEqual(draft);
    const [row] = await handle.db.select({ sealed: consultDrafts.sealed }).from(consultDrafts).where(eq(consultDrafts.id, draftId(token)));
    expect(row!.sealed.length).toBe(bytes);
    console.log(`longest draft (${backend}): ${Buffer.byteLength(JSON.stringify(draft))} bytes of JSON, ${bytes} bytes stored (base64url of AES-GCM)`);
  });
});
