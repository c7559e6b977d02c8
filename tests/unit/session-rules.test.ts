// When a staff session is still good: revoked, disabled, too old or idle ends it (pure rules, `now` passed in).
import { describe, expect, it } from 'vitest';
import { describeDevice, sessionVerdict, shouldTouch } from '@/lib/auth/session-rules';

const limits = { idleMinutes: 30, maxHours: 12 };
const t0 = new Date('2030-03-10T08:00:00Z');
const min = (m: number) => new Date(t0.getTime() + m * 60_000);
const facts = (over: Partial<Parameters<typeof sessionVerdict>[0]> = {}) => ({ createdAt: t0, lastSeenAt: t0, revokedAt: null, accountDisabled: false, ...over });

describe('sessionVerdict', () => {
  it.each([
    ['fresh', facts(), min(0), 'active'],
    ['29 minutes idle', facts(), min(29), 'active'],
    ['30 minutes idle', facts(), min(30), 'idle'],
    ['busy but 12 hours old', facts({ lastSeenAt: min(12 * 60 - 1) }), min(12 * 60), 'expired'],
    ['busy, under 12 hours', facts({ lastSeenAt: min(11 * 60) }), min(11 * 60 + 5), 'active'],
    ['signed out a second ago', facts({ revokedAt: min(1) }), min(1), 'revoked'],
    ['revoked outranks everything else', facts({ revokedAt: min(1), accountDisabled: true }), min(999), 'revoked'],
    ['account disabled', facts({ accountDisabled: true }), min(0), 'account_disabled'],
  ] as const)('%s → %s', (_name, f, now, expected) => {
    expect(sessionVerdict(f, now, limits)).toBe(expected);
  });
});

describe('shouldTouch', () => {
  it('writes activity down once a minute at most', () => {
    expect(shouldTouch(t0, new Date(t0.getTime() + 59_999))).toBe(false);
    expect(shouldTouch(t0, min(1))).toBe(true);
  });
});

describe('describeDevice', () => {
  it.each([
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36', 'Chrome on Windows'],
    ['Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15', 'Safari on Mac'],
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1', 'Safari on iPhone or iPad'],
    ['Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0', 'Firefox on Linux'],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36 Edg/130.0', 'Edge on Windows'],
    [null, 'Unknown browser'],
  ])('%s → %s', (ua, expected) => {
    expect(describeDevice(ua)).toBe(expected);
  });
});
