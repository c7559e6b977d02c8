import { describe, expect, it } from 'vitest';
import { formValues, parseForm, parseValues, refused } from '@/lib/forms/parse';
import { mustMatch, oneTimeCode, optionalText, requiredText } from '@/lib/forms/fields';
import { isUuid } from '@/lib/ids';
import { z } from '@/lib/zod';

const form = (entries: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(entries)) data.append(k, v);
  return data;
};

const schema = z.object({
  id: z.uuid({ error: 'bad id' }),
  name: z.string().trim().min(1, { message: 'Enter a name' }),
  age: z.string().regex(/^\d+$/, { message: 'Enter the age in years' }).transform(Number),
});

describe('formValues', () => {
  it("keeps the form's own string fields and drops React's action fields and files", () => {
    const data = form({ name: 'Ana', $ACTION_ID_abc: '', '$ACTION_REF_1': 'x' });
    data.append('upload', new Blob(['x']), 'a.txt');
    expect(formValues(data)).toEqual({ name: 'Ana' });
  });
});

describe('parseForm', () => {
  it('gives the clean data', () => {
    const id = '0b9e9d6c-6d3f-4a59-9d5c-3b1b1e0c2f11';
    expect(parseForm(schema, form({ id, name: ' Ana ', age: '61' }))).toEqual({ ok: true, data: { id, name: 'Ana', age: 61 } });
  });

  it('gives the first message per field and what was typed', () => {
    const parsed = parseForm(schema, form({ id: 'nope', name: '', age: 'sixty' }));
    expect(parsed).toEqual({
      ok: false,
      errors: { id: 'bad id', name: 'Enter a name', age: 'Enter the age in years' },
      values: { id: 'nope', name: '', age: 'sixty' },
    });
  });

  it('says a problem in a hidden field once, as the stale message', () => {
    const parsed = parseValues(schema, { id: 'nope', name: '', age: '1' }, { hidden: new Set(['id']), staleMessage: 'Reload the page' });
    expect(parsed).toEqual({ ok: false, errors: { name: 'Enter a name' }, message: 'Reload the page', values: { id: 'nope', name: '', age: '1' } });
  });

  it('turns a refused parse into the answer a form shows', () => {
    const parsed = parseValues(schema, { id: 'nope', name: 'A', age: '1' }, { hidden: new Set(['id']), staleMessage: 'Reload the page' });
    if (parsed.ok) throw new Error('expected a refusal');
    expect(refused(parsed)).toEqual({ ok: false, errors: {}, values: { id: 'nope', name: 'A', age: '1' }, message: 'Reload the page' });
  });
});

describe('isUuid', () => {
  it.each([
    ['0b9e9d6c-6d3f-4a59-9d5c-3b1b1e0c2f11', true],
    ['0B9E9D6C-6D3F-4A59-9D5C-3B1B1E0C2F11', true],
    ['0b9e9d6c6d3f4a599d5c3b1b1e0c2f11', false],
    ["0b9e9d6c-6d3f-4a59-9d5c-3b1b1e0c2f11' or 1=1", false],
    ['', false],
    [undefined, false],
  ])('%j → %s', (value, expected) => {
    expect(isUuid(value)).toBe(expected);
  });
});

describe('secret fields', () => {
  const login = z.object({ email: z.string().min(1, { message: 'Enter your email' }), password: z.string().min(1, { message: 'Enter your password' }) });

  it('parses a secret field but never hands it back with a refusal', () => {
    const parsed = parseForm(login, form({ email: '', password: 'hunter2' }), { secret: ['password'] });
    expect(parsed).toEqual({ ok: false, errors: { email: 'Enter your email' }, values: { email: '' } });
  });

  it('still gives the secret to the action when the form is good', () => {
    expect(parseForm(login, form({ email: 'a@b.test', password: 'hunter2' }), { secret: ['password'] })).toEqual({
      ok: true,
      data: { email: 'a@b.test', password: 'hunter2' },
    });
  });

  it('formValues leaves out the named fields', () => {
    expect(formValues(form({ email: 'a@b.test', password: 'x', confirm: 'x' }), ['password', 'confirm'])).toEqual({ email: 'a@b.test' });
  });
});

describe('shared fields', () => {
  const passwords = z
    .object({ password: requiredText('Enter a new password'), confirm: optionalText() })
    .superRefine(mustMatch('password', 'confirm', 'The two passwords do not match'));

  it('says a missing field with the same message as an empty one', () => {
    expect(parseValues(passwords, {})).toMatchObject({ ok: false, errors: { password: 'Enter a new password' } });
    expect(parseValues(passwords, { password: '' })).toMatchObject({ ok: false, errors: { password: 'Enter a new password' } });
  });

  it('checks the second password only once the first is typed', () => {
    expect(parseValues(passwords, { password: '', confirm: 'x' })).toEqual({ ok: false, errors: { password: 'Enter a new password' }, values: { password: '', confirm: 'x' } });
    expect(parseValues(passwords, { password: 'a', confirm: 'b' })).toMatchObject({ ok: false, errors: { confirm: 'The two passwords do not match' } });
    expect(parseValues(passwords, { password: 'a', confirm: 'a' })).toEqual({ ok: true, data: { password: 'a', confirm: 'a' } });
  });

  it('reads a one-time code cut to 50 characters, and only spaces as empty', () => {
    const code = z.object({ code: oneTimeCode('Enter the code') });
    expect(parseValues(code, { code: '   ' })).toMatchObject({ ok: false, errors: { code: 'Enter the code' } });
    expect(parseValues(code, {})).toMatchObject({ ok: false, errors: { code: 'Enter the code' } });
    expect(parseValues(code, { code: '1'.repeat(80) })).toEqual({ ok: true, data: { code: '1'.repeat(50) } });
  });
});
