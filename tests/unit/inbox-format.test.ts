// The inbox's counting words (components/dashboard/inbox/format): the verb agrees with the number.
import { describe, expect, it } from 'vitest';
import { matchingRequests, plural } from '@/components/dashboard/inbox/format';

describe('matchingRequests', () => {
  it.each([
    [0, '0 requests match these filters'],
    [1, '1 request matches these filters'],
    [2, '2 requests match these filters'],
    [1234, '1,234 requests match these filters'],
  ])('%i reads "%s"', (n, words) => {
    expect(matchingRequests(n)).toBe(words);
  });
});

describe('plural', () => {
  it('uses the one form for 1 only, and a given many form', () => {
    expect(plural(1, 'day')).toBe('1 day');
    expect(plural(2, 'day')).toBe('2 days');
    expect(plural(2, 'person', 'people')).toBe('2 people');
  });
});
