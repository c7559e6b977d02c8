import { describe, expect, it } from 'vitest';
import { formValues, parseForm, parseValues, refused } from '@/lib/forms/parse';
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
