import { describe, expect, it } from 'vitest';
import { looksAutomated, mergeStepValues, newDraft, sealDraft, unsealDraft } from '@/lib/leads/draft';
import { firstIncompleteStep } from '@/lib/leads/steps';

const secret = 'unit-test-secret-unit-test-secret-0000';
const now = new Date('2026-12-01T17:00:00Z');

describe('the form draft kept in the browser', () => {
  it('round-trips through its sealed cookie and carries where the person came from', () => {
    const draft = newDraft({ sourcePage: 'recovery', utmCampaign: 'fall' }, now);
    const back = unsealDraft(secret, sealDraft(secret, draft), now);
    expect(back).toEqual(draft);
    expect(back?.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('is refused when altered, sealed with another secret, or older than 4 hours', () => {
    const sealed = sealDraft(secret, newDraft({}, now));
    const altered = sealed.slice(0, -2) + (sealed.endsWith('A') ? 'BB' : 'AA');
    expect(unsealDraft(secret, altered, now)).toBeNull();
    expect(unsealDraft('another-secret-another-secret-00000000', sealed, now)).toBeNull();
    expect(unsealDraft(secret, sealed, new Date(now.getTime() + 4 * 3_600_000 + 1))).toBeNull();
    expect(unsealDraft(secret, undefined, now)).toBeNull();
  });

  it('keeps what was typed in a step, even when it is not valid yet, and drops fields left empty', () => {
    let draft = newDraft({}, now);
    draft = mergeStepValues(draft, ['firstName', 'email', 'treatmentsTried'], { firstName: 'Ana', email: 'not-an-email', treatmentsTried: ['injections', 'surgery'] });
    expect(draft.values).toEqual({ firstName: 'Ana', email: 'not-an-email', treatmentsTried: ['injections', 'surgery'] });
    draft = mergeStepValues(draft, ['treatmentsTried'], {});
    expect(draft.values.treatmentsTried).toBeUndefined();
    expect(draft.values.firstName).toBe('Ana');
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
