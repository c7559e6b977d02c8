// What the consultation form keeps of an answer and which characters it accepts: text in every script, marks
// and right-to-left included, but no control characters or half surrogate pairs (the database cannot store a
// NUL); and an answer too long to be accepted is kept cut short, still too long, so the draft cookie stays small.
import { describe, expect, it } from 'vitest';
import { mergeStepValues, newDraft } from '@/lib/leads/draft';
import { clampAnswer, contactStep, isTypedText, MESSAGE_MAX, NAME_MAX, painStep } from '@/lib/leads/schema';

describe('typed text', () => {
  it.each([
    ['Ñoño O’Brien-Łukasz', true],
    ['שלום مرحبا', true],
    ['e\u0301\u0301 combining', true],
    ['\u202Egnp.exe', true], // a right-to-left override is text a person can paste: kept, and shown escaped
    ['<script>alert(1)</script>', true],
    ['a\u0000b', false],
    ['a\u001bb', false],
    ['a\u007fb', false],
    ['a\u0085b', false],
    ['half \uD800 pair', false],
    ['😀 whole pair', true],
  ])('%j on one line → %s', (text, ok) => {
    expect(isTypedText(text, 'single-line')).toBe(ok);
  });

  it('lets a message have line breaks and tabs, but a name neither', () => {
    expect(isTypedText('line one\nline two\tend', 'multi-line')).toBe(true);
    expect(isTypedText('line one\nline two', 'single-line')).toBe(false);
    expect(isTypedText('bell\u0007', 'multi-line')).toBe(false);
  });

  it('refuses a NUL in a name or the message with a field error', () => {
    const names = contactStep.safeParse({ firstName: 'Ma\u0000ria', lastName: 'Gonzalez\u0008' });
    expect(names.success).toBe(false);
    const messages = names.error!.issues.filter((i) => ['firstName', 'lastName'].includes(String(i.path[0]))).map((i) => i.message);
    expect(messages).toEqual(['First name must not include line breaks or hidden control characters', 'Last name must not include line breaks or hidden control characters']);
    const pain = painStep.safeParse({ message: 'it hurts\u0000' });
    expect(pain.error?.issues.find((i) => i.path[0] === 'message')?.message).toBe('Remove the hidden control characters from your message');
  });
});

describe('what the draft keeps of an answer', () => {
  it('keeps an answer the form accepts exactly as typed, spaces and CRLF included', () => {
    const name = `  ${'a'.repeat(NAME_MAX)}  `;
    expect(clampAnswer('firstName', name)).toBe(name);
    const message = `${'a'.repeat(MESSAGE_MAX / 2 - 1)}\r\n${'b'.repeat(MESSAGE_MAX / 2)}`;
    expect(clampAnswer('message', message)).toBe(message);
  });

  it('cuts a too-long answer to its limit plus an ellipsis, which is still refused as too long', () => {
    const kept = clampAnswer('firstName', `${'a'.repeat(NAME_MAX)} b${'c'.repeat(1_000_000)}`);
    expect(kept).toHaveLength(NAME_MAX + 1);
    expect(contactStep.safeParse({ firstName: kept }).error?.issues.find((i) => i.path[0] === 'firstName')?.message).toBe(
      `First name must be ${NAME_MAX} characters or fewer`,
    );
    expect(clampAnswer('painArea', 'x'.repeat(5000))).toHaveLength(101);
  });

  it('keeps one value of a field that is not a checkbox group, and at most 20 of one that is', () => {
    const draft = mergeStepValues(newDraft({}, new Date(0)), ['firstName', 'treatmentsTried'], {
      firstName: ['Maria', 'Other'],
      treatmentsTried: Array.from({ length: 50 }, () => 'medication'),
    });
    expect(draft.values.firstName).toBe('Maria');
    expect(draft.values.treatmentsTried).toHaveLength(20);
  });
});
