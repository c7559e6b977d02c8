import { describe, expect, it } from 'vitest';
import { parseFilters } from '@/app/(staff)/dashboard/admin/audit/filters';
import { compactDetail } from '@/app/(staff)/dashboard/admin/audit/labels';
import { duration, percent } from '@/app/(staff)/dashboard/metrics/format';
import { niceMax } from '@/components/dashboard/charts/scale';

describe('chart axes', () => {
  it.each([
    [0, 2],
    [1, 2],
    [3, 4],
    [4, 4],
    [7, 10],
    [14, 20],
    [33, 40],
    [45, 50],
    [120, 200],
  ])('a largest value of %i gets an axis up to %i, whose half is a whole number', (value, top) => {
    expect(niceMax(value)).toBe(top);
    expect(Number.isInteger(niceMax(value) / 2)).toBe(true);
  });
});

describe('how the metrics page writes numbers', () => {
  it.each([
    [null, '—'],
    [0, '0%'],
    [0.004, '0.4%'],
    [0.25, '25%'],
    [1 / 3, '33%'],
    [1, '100%'],
  ])('percent(%s) is %s', (value, text) => expect(percent(value)).toBe(text));

  it.each([
    [null, '—'],
    [0.25, '15 minutes'],
    [1 / 60, '1 minute'],
    [1, '1 hour'],
    [2.5, '2.5 hours'],
    [47.9, '47.9 hours'],
    [72, '3 days'],
    [100, '4.2 days'],
  ])('duration(%s) is %s', (hours, text) => expect(duration(hours)).toBe(text));
});

describe('audit log filters from the query string', () => {
  const id = '0b6c2f1e-8d2a-4c1b-9f3e-2a7d5c4b3a21';

  it('keeps every valid filter', () => {
    expect(parseFilters({ actor: id, action: 'lead_erased', entity: id, from: '2026-11-01', to: '2026-11-30' })).toEqual({
      filters: { actorId: id, action: 'lead_erased', entityId: id, from: '2026-11-01', to: '2026-11-30' },
      errors: {},
      values: { actor: id, action: 'lead_erased', entity: id, from: '2026-11-01', to: '2026-11-30' },
    });
    expect(parseFilters({}).filters).toEqual({});
  });

  it('drops each bad one with a message for its field, and keeps the rest', () => {
    const parsed = parseFilters({ actor: 'alex', action: 'hack', entity: 'a b', from: '2026-11-31', to: '2026-11-02' });
    expect(parsed.filters).toEqual({ to: '2026-11-02' });
    expect(Object.keys(parsed.errors).sort()).toEqual(['action', 'actor', 'entity', 'from']);
    expect(parseFilters({ from: '2026-11-10', to: '2026-11-02' })).toMatchObject({
      filters: { from: '2026-11-10' },
      errors: { to: 'End date must be the same as or after the start date' },
    });
  });

  it('shows an entry’s detail on one short line', () => {
    expect(compactDetail({ from: 'staff', to: 'admin' })).toBe('from: staff · to: admin');
    expect(compactDetail({ filters: { status: 'new' }, rows: 12 })).toBe('filters: {"status":"new"} · rows: 12');
    expect(compactDetail({ text: 'x'.repeat(300) })).toHaveLength(140);
    expect(compactDetail({})).toBe('');
  });
});
