import { describe, expect, it } from 'vitest';
import {
  EMPTY_FILTERS,
  decodeCursor,
  encodeCursor,
  escapeLike,
  hasAnyFilter,
  isMicroIso,
  parseCursorParam,
  parseInboxFilters,
  requestDateRange,
  searchPattern,
  segmentOf,
  serializeInboxFilters,
  waitingLabel,
  type InboxCursor,
  type InboxFilters,
} from '@/lib/inbox/filters';

const STAFF_ID = '6f1c2b9e-3d4a-4e5f-8a7b-1c2d3e4f5a6b';

describe('parseInboxFilters', () => {
  it('reads every filter from the URL', () => {
    const params = new URLSearchParams({
      q: '  maria   gonz ',
      status: 'contacted',
      urgency: 'urgent',
      assigned: STAFF_ID.toUpperCase(),
      source: 'risks-and-outcomes',
      from: '2026-11-01',
      to: '2026-11-26',
    });
    expect(parseInboxFilters(params)).toEqual({
      q: 'maria gonz',
      status: 'contacted',
      urgency: 'urgent',
      assigned: { staffId: STAFF_ID },
      source: 'risks-and-outcomes',
      from: '2026-11-01',
      to: '2026-11-26',
    });
  });

  it('takes Next.js searchParams with repeated keys (first value wins)', () => {
    expect(parseInboxFilters({ status: ['new', 'contacted'], assigned: 'me', q: undefined })).toEqual({
      ...EMPTY_FILTERS,
      status: 'new',
      assigned: 'me',
    });
    expect(parseInboxFilters({ assigned: 'unassigned' }).assigned).toBe('unassigned');
  });

  it.each([
    ['status', 'archived'],
    ['status', ''],
    ['urgency', 'URGENT!'],
    ['assigned', 'someone'],
    ['assigned', `${STAFF_ID}x`],
    ['from', '2026-02-30'],
    ['from', '26-11-2026'],
    ['to', '2026-13-01'],
    ['to', 'yesterday'],
    ['source', '   '],
    ['source', 'x'.repeat(201)],
    ['q', '    '],
  ])('falls back to the default for a bad %s (%j) and never throws', (key, value) => {
    expect(parseInboxFilters(new URLSearchParams({ [key]: value }))).toEqual(EMPTY_FILTERS);
  });

  it('keeps the good fields when one is bad', () => {
    expect(parseInboxFilters(new URLSearchParams({ status: 'nope', urgency: 'routine' }))).toEqual({ ...EMPTY_FILTERS, urgency: 'routine' });
  });

  it('swaps a date range typed backwards', () => {
    expect(parseInboxFilters(new URLSearchParams({ from: '2026-11-26', to: '2026-11-01' }))).toMatchObject({ from: '2026-11-01', to: '2026-11-26' });
  });

  it('cuts an over-long search term instead of refusing it', () => {
    expect(parseInboxFilters(new URLSearchParams({ q: 'a'.repeat(500) })).q).toHaveLength(100);
  });

  it('ignores junk it does not know', () => {
    expect(parseInboxFilters({ foo: 'bar', cursor: 'zzz', __proto__: 'x' } as Record<string, string>)).toEqual(EMPTY_FILTERS);
  });
});

describe('serializeInboxFilters', () => {
  const full: InboxFilters = {
    q: 'o’brien & co = 100%',
    status: 'no_response',
    urgency: 'routine',
    assigned: { staffId: STAFF_ID },
    source: 'faq',
    from: '2026-01-01',
    to: '2026-12-31',
  };

  it('round-trips through the URL', () => {
    for (const filters of [EMPTY_FILTERS, full, { ...EMPTY_FILTERS, assigned: 'me' as const }, { ...EMPTY_FILTERS, assigned: 'unassigned' as const }]) {
      expect(parseInboxFilters(new URLSearchParams(serializeInboxFilters(filters)))).toEqual(filters);
    }
  });

  it('writes only the fields that are set, in a stable order, and the cursor last', () => {
    expect(serializeInboxFilters(EMPTY_FILTERS)).toBe('');
    expect(serializeInboxFilters({ ...EMPTY_FILTERS, urgency: 'urgent', status: 'new' }, { cursor: 'abc' })).toBe('status=new&urgency=urgent&cursor=abc');
  });

  it('knows when any filter is set', () => {
    expect(hasAnyFilter(EMPTY_FILTERS)).toBe(false);
    expect(hasAnyFilter({ ...EMPTY_FILTERS, source: 'faq' })).toBe(true);
  });
});

describe('requestDateRange', () => {
  it('runs from the start of the first day to the start of the day after the last, in the clinic’s zone', () => {
    expect(requestDateRange({ from: '2026-11-01', to: '2026-11-26' }, 'America/Los_Angeles')).toEqual({
      // 1 November 2026 is the day daylight saving time ends in Los Angeles: midnight is still PDT.
      start: new Date('2026-11-01T07:00:00Z'),
      end: new Date('2026-11-27T08:00:00Z'),
    });
    expect(requestDateRange({ from: null, to: null }, 'America/Los_Angeles')).toEqual({ start: null, end: null });
  });
});

describe('searchPattern', () => {
  it.each([
    ['Maria', { kind: 'text', pattern: '%maria%' }],
    ['GONZ', { kind: 'text', pattern: '%gonz%' }],
    ['maria gonzalez', { kind: 'text', pattern: '%maria gonzalez%' }],
    ['maria.gonzalez@Example.com', { kind: 'text', pattern: '%maria.gonzalez@example.com%' }],
    ['(323) 555-0142', { kind: 'phone', pattern: '%3235550142%' }],
    ['323.555', { kind: 'phone', pattern: '%323555%' }],
    ['+1 323 555', { kind: 'phone', pattern: '%+1323555%' }],
    ['0142', { kind: 'phone', pattern: '%0142%' }],
    ['100%_off\\', { kind: 'text', pattern: '%100\\%\\_off\\\\%' }],
  ])('turns %j into %j', (term, expected) => {
    expect(searchPattern(term)).toEqual(expected);
  });

  it('refuses terms too short to search', () => {
    expect(searchPattern(null)).toBeNull();
    expect(searchPattern('a')).toBeNull();
    expect(searchPattern('5')).toBeNull();
    expect(searchPattern('(-)')).toBeNull();
    expect(searchPattern('@.')).toBeNull();
  });

  it('escapes LIKE wildcards', () => {
    expect(escapeLike('a%b_c\\d')).toBe('a\\%b\\_c\\\\d');
  });
});

describe('keyset cursor', () => {
  const cursor: InboxCursor = {
    direction: 'next',
    segment: 2,
    createdAt: '2026-11-26T09:30:00.123456Z',
    id: STAFF_ID,
    asOf: '2026-11-26T10:00:00.000Z',
  };

  it('round-trips, keeping microseconds', () => {
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    const back = { ...cursor, direction: 'prev' as const, segment: 0 as const };
    expect(decodeCursor(encodeCursor(back))).toEqual(back);
  });

  it('is opaque and URL-safe', () => {
    const encoded = encodeCursor(cursor);
    expect(encoded).toMatch(/^[\w-]+$/);
    expect(encoded).not.toContain(STAFF_ID);
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['not base64', '!!!'],
    ['not JSON', btoa('hello').replace(/=+$/, '')],
    ['wrong shape', btoa(JSON.stringify({ d: 'n', s: 9, c: 'x', i: 'y', t: 'z' })).replace(/=+$/, '')],
    ['SQL in the id', btoa(JSON.stringify({ d: 'n', s: 0, c: '2026-11-26T09:30:00Z', i: "1' or '1'='1", t: '2026-11-26T10:00:00.000Z' })).replace(/=+$/, '')],
    ['impossible date', btoa(JSON.stringify({ d: 'n', s: 0, c: '2026-02-31T09:30:00.123456Z', i: '6f1c2b9e-3d4a-4e5f-8a7b-1c2d3e4f5a6b', t: '2026-11-26T10:00:00.000Z' })).replace(/=+$/, '')],
    ['impossible instant', btoa(JSON.stringify({ d: 'n', s: 0, c: '2026-02-01T09:30:00Z', i: '6f1c2b9e-3d4a-4e5f-8a7b-1c2d3e4f5a6b', t: '2026-11-26T25:00:00Z' })).replace(/=+$/, '')],
    ['too long', 'a'.repeat(1000)],
    ['invalid UTF-8', btoa(String.fromCharCode(0xff, 0xfe)).replace(/=+$/, '')],
  ])('gives null for a %s cursor', (_, value) => {
    expect(decodeCursor(value)).toBeNull();
  });

  it('is read from the cursor parameter', () => {
    expect(parseCursorParam(new URLSearchParams({ cursor: encodeCursor(cursor) }))).toEqual(cursor);
    expect(parseCursorParam({ cursor: 'garbage' })).toBeNull();
  });
});

describe('isMicroIso (marks and cursor times)', () => {
  it.each(['2026-11-26T09:30:00Z', '2026-11-26T09:30:00.1Z', '2026-11-26T09:30:00.123456Z', '2028-02-29T00:00:00Z'])('accepts %s', (value) => {
    expect(isMicroIso(value)).toBe(true);
  });
  it.each(['2026-02-29T00:00:00Z', '2026-11-26T24:00:00Z', '2026-11-26T09:30:00.1234567Z', '2026-11-26T09:30:00+01:00', '2026-11-26', '', 42])('refuses %j', (value) => {
    expect(isMicroIso(value)).toBe(false);
  });
});

describe('the inbox order', () => {
  it('puts urgent and overdue first, then urgent, then overdue, then the rest', () => {
    expect(segmentOf({ urgent: true, overdue: true })).toBe(0);
    expect(segmentOf({ urgent: true, overdue: false })).toBe(1);
    expect(segmentOf({ urgent: false, overdue: true })).toBe(2);
    expect(segmentOf({ urgent: false, overdue: false })).toBe(3);
  });
});

describe('waitingLabel (speed to lead)', () => {
  const since = new Date('2026-11-26T08:00:00Z');
  const after = (minutes: number) => new Date(since.getTime() + minutes * 60_000);

  it.each([
    [0, 'Waiting less than a minute', false],
    [1, 'Waiting 1 min', false],
    [59, 'Waiting 59 min', false],
    [60, 'Waiting 1 h', true],
    [130, 'Waiting 2 h 10 min', true],
    [24 * 60, 'Waiting 1 d', true],
    [27 * 60 + 5, 'Waiting 1 d 3 h', true],
  ])('after %i minutes says %j (late: %s)', (minutes, text, late) => {
    expect(waitingLabel(since, after(minutes))).toMatchObject({ text, late });
  });

  it('never goes negative when clocks disagree', () => {
    expect(waitingLabel(since, after(-5))).toMatchObject({ text: 'Waiting less than a minute', minutes: 0 });
  });
});
