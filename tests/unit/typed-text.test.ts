// What the consultation form keeps of an answer and which characters it accepts: text in every script, marks
// and right-to-left included, but no control characters or half surrogate pairs (the database cannot store a
// NUL); how long an answer is (code points, as the form's counter shows); and an answer too long to be accepted
// is refused, never stored.
import { describe, expect, it } from 'vitest';
import { mergeStepValues, newDraft, typedValues } from '@/lib/intake/draft';
import { charCount, contactStep, isTypedText, MESSAGE_MAX, NAME_MAX, painStep, storableAnswer } from '@/lib/intake/schema';

const painAnswers = { painArea: 'knee', painDuration: '3_to_12_months', painLevel: '6', treatmentsTried: ['medication'], surgeryRecommended: 'not_sure' };

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

describe('how answers are counted, and what the draft keeps of one', () => {
  it('counts characters as a person does (code points): an emoji, a Chinese or an Arabic letter is one', () => {
    expect(charCount('😀')).toBe(1);
    expect('😀'.length).toBe(2);
    expect(charCount('é中ع😀👍🏽')).toBe(6);
    expect(charCount('')).toBe(0);
    // A lone surrogate (never typed) still counts as one.
    expect(charCount('\uD83D')).toBe(1);
  });

  it('accepts every field at its limit in emoji, and refuses one more with the field’s own message', () => {
    expect(painStep.safeParse({ ...painAnswers, message: '😀'.repeat(MESSAGE_MAX) }).success).toBe(true);
    const over = painStep.safeParse({ ...painAnswers, message: '😀'.repeat(MESSAGE_MAX + 1) });
    expect(over.error?.issues.find((i) => i.path[0] === 'message')?.message).toBe(`Your message must be 2,000 characters or fewer`);
    const names = contactStep.safeParse({ firstName: '😀'.repeat(NAME_MAX), lastName: 'é'.repeat(NAME_MAX + 1) });
    expect(names.error?.issues.some((i) => i.path[0] === 'firstName')).toBe(false);
    expect(names.error?.issues.find((i) => i.path[0] === 'lastName')?.message).toBe(`Last name must be ${NAME_MAX} characters or fewer`);
  });

  it('keeps an answer the form accepts exactly as typed, spaces and CRLF included', () => {
    const name = `  ${'a'.repeat(NAME_MAX - 4)}  `;
    expect(storableAnswer('firstName', name)).toBe(name);
    const message = `${'a'.repeat(MESSAGE_MAX / 2 - 1)}\n${'b'.repeat(MESSAGE_MAX / 2)}`;
    expect(storableAnswer('message', message)).toBe(message);
  });

  it('keeps an answer that fits once trimmed without its padding, and none of one too long', () => {
    expect(storableAnswer('firstName', `   ${'a'.repeat(NAME_MAX)}   `)).toBe('a'.repeat(NAME_MAX));
    expect(storableAnswer('message', `${'a'.repeat(MESSAGE_MAX - 2)}\r\nb `)).toBe(`${'a'.repeat(MESSAGE_MAX - 2)}\nb`);
    expect(storableAnswer('firstName', `${'a'.repeat(NAME_MAX)} b${'c'.repeat(1_000_000)}`)).toBeNull();
    expect(storableAnswer('message', '😀'.repeat(MESSAGE_MAX + 1))).toBeNull();
    expect(storableAnswer('painArea', 'x'.repeat(5000))).toBeNull();
  });

  it('keeps one value of a field that is not a checkbox group, and at most 20 of one that is', () => {
    const fields = ['firstName', 'treatmentsTried'];
    const draft = mergeStepValues(
      newDraft({}, new Date(0)),
      fields,
      typedValues(fields, { firstName: ['Maria', 'Other'], treatmentsTried: Array.from({ length: 50 }, () => 'medication') }),
    );
    expect(draft.values.firstName).toBe('Maria');
    expect(draft.values.treatmentsTried).toHaveLength(20);
  });
});
