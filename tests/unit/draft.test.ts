import { describe, expect, it } from 'vitest';
import {
  decryptDraft,
  draftId,
  encryptDraft,
  isDraftToken,
  looksAutomated,
  mergeStepValues,
  newDraft,
  sentDraft,
  newDraftToken,
  typedValues,
} from '@/lib/intake/draft';
import { applyStep } from '@/lib/intake/form-steps';
import { MESSAGE_MAX, MESSAGES, NAME_MAX } from '@/lib/intake/schema';
import { firstIncompleteStep } from '@/lib/intake/steps';

const secret = 'unit-test-secret-unit-test-secret-0000';
const now = new Date('2026-12-01T17:00:00Z');

describe('the form draft, encrypted with the key of the token in the browser', () => {
  it('round-trips through its encrypted row and carries where the person came from', () => {
    const token = newDraftToken();
    const draft = { ...newDraft({ sourcePage: 'recovery', utmCampaign: 'fall' }, now), values: { message: 'Ça fait mal 中文 العربية 😀' } };
    const back = decryptDraft(secret, token, encryptDraft(secret, token, draft), now);
    expect(back).toEqual(draft);
    expect(back?.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('holds nothing readable: the answers are not in the stored bytes', () => {
    const token = newDraftToken();
    const sealed = encryptDraft(secret, token, { ...newDraft({}, now), values: { firstName: 'Marisol', message: 'sciatica' } });
    for (const text of [sealed.toString('utf8'), sealed.toString('latin1'), sealed.toString('base64url')]) {
      expect(text).not.toContain('Marisol');
      expect(text).not.toContain('sciatica');
    }
  });

  it('is refused when altered, read with another token or secret, or older than 4 hours', () => {
    const token = newDraftToken();
    const sealed = encryptDraft(secret, token, newDraft({}, now));
    for (const at of [0, 12, 20, sealed.length - 1]) {
      const altered = Buffer.from(sealed);
      altered[at] = altered[at]! ^ 1;
      expect(decryptDraft(secret, token, altered, now)).toBeNull();
    }
    expect(decryptDraft(secret, newDraftToken(), sealed, now)).toBeNull();
    expect(decryptDraft('another-secret-another-secret-00000000', token, sealed, now)).toBeNull();
    expect(decryptDraft(secret, token, sealed, new Date(now.getTime() + 4 * 3_600_000))).toBeNull();
    expect(decryptDraft(secret, token, sealed, new Date(now.getTime() + 4 * 3_600_000 - 1))).not.toBeNull();
    expect(decryptDraft(secret, token, sealed.subarray(0, 20), now)).toBeNull();
  });

  it('once sent keeps only the request it became: no answers, the same idempotency key', () => {
    const token = newDraftToken();
    const draft = { ...newDraft({ sourcePage: 'recovery' }, now), values: { firstName: 'Marisol', message: 'sciatica' } };
    const sent = sentDraft(draft, { requestId: '0b9e9d6c-6d3f-4a59-9d5c-3b1b1e0c2f11', email: 'm@example.com' });
    expect(sent.values).toEqual({});
    expect(sent.idempotencyKey).toBe(draft.idempotencyKey);
    expect(sent.attribution).toEqual(draft.attribution);
    const back = decryptDraft(secret, token, encryptDraft(secret, token, sent), now);
    expect(back?.sent).toEqual({ requestId: '0b9e9d6c-6d3f-4a59-9d5c-3b1b1e0c2f11', email: 'm@example.com' });
    expect(JSON.stringify(back)).not.toContain('sciatica');
  });

  it('keys each row by a hash of a 256-bit token, never the token itself', () => {
    const token = newDraftToken();
    expect(isDraftToken(token)).toBe(true);
    expect(token).not.toBe(newDraftToken());
    expect(isDraftToken('short')).toBe(false);
    expect(isDraftToken(`${token.slice(0, 42)}.`)).toBe(false);
    expect(draftId(token)).not.toContain(token);
    expect(draftId(token)).toBe(draftId(token));
  });
});

describe('what a post changes in the draft', () => {
  it('keeps what was typed in a step, even when it is not valid yet, and drops fields left empty', () => {
    let draft = newDraft({}, now);
    const fields = ['firstName', 'email', 'treatmentsTried'];
    draft = mergeStepValues(draft, fields, typedValues(fields, { firstName: 'Ana', email: 'not-an-email', treatmentsTried: ['injections', 'surgery'] }));
    expect(draft.values).toEqual({ firstName: 'Ana', email: 'not-an-email', treatmentsTried: ['injections', 'surgery'] });
    draft = mergeStepValues(draft, ['treatmentsTried'], typedValues(['treatmentsTried'], {}));
    expect(draft.values.treatmentsTried).toBeUndefined();
    expect(draft.values.firstName).toBe('Ana');
  });

  it('refuses an answer over its limit with the field’s own message, stores none of it, and shows it as typed', () => {
    const before = { ...newDraft({}, now), values: { firstName: 'Zoë', message: 'before' } };
    const tooLong = 'é'.repeat(NAME_MAX + 1);
    const longMessage = '😀'.repeat(MESSAGE_MAX + 1);
    const details = applyStep(before, 'details', { firstName: tooLong, lastName: 'Li' });
    expect(details.ok).toBe(false);
    if (!details.ok) expect(details.errors.firstName).toBe(MESSAGES.firstNameTooLong);
    expect(details.draft.values.firstName).toBe('Zoë');
    expect(details.draft.values.lastName).toBe('Li');
    expect(details.shown.firstName).toBe(tooLong);
    const pain = applyStep(before, 'pain', { message: longMessage });
    if (!pain.ok) expect(pain.errors.message).toBe(MESSAGES.messageTooLong);
    expect(pain.draft.values.message).toBe('before');
    expect(pain.shown.message).toBe(longMessage);
  });

  it('keeps every answer at its limit in any script exactly as typed', () => {
    const name = '中'.repeat(NAME_MAX);
    const message = 'ع😀é中'.repeat(MESSAGE_MAX / 4);
    const details = applyStep(newDraft({}, now), 'details', { firstName: name, lastName: '😀'.repeat(NAME_MAX) });
    expect(details.draft.values.firstName).toBe(name);
    expect(details.draft.values.lastName).toBe('😀'.repeat(NAME_MAX));
    const pain = applyStep(newDraft({}, now), 'pain', { message });
    expect(pain.draft.values.message).toBe(message);
    if (!pain.ok) expect(pain.errors.message).toBeUndefined();
  });

  it('takes a filled honeypot or a form finished in seconds for a bot', () => {
    const draft = newDraft({}, now);
    expect(looksAutomated(draft, new Date(now.getTime() + 3_000), 6)).toBe(true);
    expect(looksAutomated(draft, new Date(now.getTime() + 60_000), 6)).toBe(false);
    expect(looksAutomated({ ...draft, suspect: true }, new Date(now.getTime() + 60_000), 6)).toBe(true);
  });

  it('sends someone who skips ahead back to the first step they have not answered', () => {
    expect(firstIncompleteStep({}, 'time')?.id).toBe('details');
    expect(firstIncompleteStep({}, 'details')).toBeUndefined();
  });
});
