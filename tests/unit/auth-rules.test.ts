import { describe, expect, it } from 'vitest';
import { safeNextPath } from '@/lib/auth/paths';
import { can, PERMISSIONS, type Permission } from '@/lib/auth/permissions';
import { passwordProblem } from '@/lib/auth/service';
import { DEFAULT_IP_POLICY, DEFAULT_POLICY, lockedUntil, retryMinutes } from '@/lib/auth/throttle';
import { addressForLimits, clientIpFrom, isIpAddress, UNKNOWN_ADDRESS } from '@/lib/security/client-ip';

describe('the permissions table', () => {
  const staffMay: Permission[] = ['leads.read', 'leads.write', 'schedule.read', 'emails.read'];

  it.each(PERMISSIONS)('admin may %s', (permission) => {
    expect(can('admin', permission)).toBe(true);
  });

  it.each(PERMISSIONS)('staff may %s only if it is front-desk work', (permission) => {
    expect(can('staff', permission)).toBe(staffMay.includes(permission));
  });

  it.each(PERMISSIONS)('nobody signed out may %s', (permission) => {
    expect(can(null, permission)).toBe(false);
    expect(can(undefined, permission)).toBe(false);
  });

  it('keeps bulk exports, erasure, staff, settings, metrics and the audit log away from staff', () => {
    for (const p of ['leads.export', 'leads.erase', 'staff.manage', 'settings.manage', 'metrics.read', 'audit.read'] as const) {
      expect(can('staff', p)).toBe(false);
    }
  });
});

describe('sign-in throttling', () => {
  const now = new Date('2026-11-26T10:00:00Z');
  const minutesAgo = (...m: number[]) => m.map((n) => new Date(now.getTime() - n * 60_000));

  it('lets four failures through', () => {
    expect(lockedUntil(minutesAgo(1, 2, 3, 4), now)).toBeNull();
  });

  it('locks for 15 minutes after the fifth failure inside 15 minutes', () => {
    expect(lockedUntil(minutesAgo(0, 1, 2, 3, 4), now)).toEqual(new Date(now.getTime() + 15 * 60_000));
  });

  it('counts the lock from the last failure, and ends it after 15 minutes', () => {
    const failures = minutesAgo(10, 11, 12, 13, 14);
    expect(lockedUntil(failures, now)).toEqual(new Date(now.getTime() + 5 * 60_000));
    expect(lockedUntil(failures, new Date(now.getTime() + 5 * 60_000))).toBeNull();
  });

  it('does not lock five mistakes spread over more than 15 minutes', () => {
    expect(lockedUntil(minutesAgo(0, 5, 10, 14, 16), now)).toBeNull();
  });

  it('lets an address make twenty failures across accounts before it is locked', () => {
    const nineteen = minutesAgo(...Array.from({ length: 19 }, (_, i) => i * 0.5));
    expect(lockedUntil(nineteen, now, DEFAULT_IP_POLICY)).toBeNull();
    expect(lockedUntil([now, ...nineteen], now, DEFAULT_IP_POLICY)).not.toBeNull();
    expect(DEFAULT_POLICY.maxFailures).toBe(5);
  });

  it('rounds the wait up to whole minutes, at least one', () => {
    expect(retryMinutes(new Date(now.getTime() + 61_000), now)).toBe(2);
    expect(retryMinutes(new Date(now.getTime() + 1_000), now)).toBe(1);
  });
});

describe('the password rule', () => {
  it('asks for 12 characters or more and no more than 200', () => {
    expect(passwordProblem('short-pass1', 'a@example.com')).toBe('too_short');
    expect(passwordProblem('correct horse battery', 'a@example.com')).toBeNull();
    expect(passwordProblem('x'.repeat(201), 'a@example.com')).toBe('too_long');
  });

  it('refuses the email address as the password', () => {
    expect(passwordProblem('Sam.Rivera@Example.com', 'sam.rivera@example.com')).toBe('same_as_email');
  });
});

describe('where sign-in sends you next', () => {
  it.each([
    ['/dashboard', '/dashboard'],
    ['/dashboard/leads/3f9c2a1b-0000-4000-8000-000000000000', '/dashboard/leads/3f9c2a1b-0000-4000-8000-000000000000'],
    ['/dashboard?status=new&urgency=urgent', '/dashboard?status=new&urgency=urgent'],
  ])('keeps the dashboard path %s', (input, expected) => {
    expect(safeNextPath(input)).toBe(expected);
  });

  it.each(['https://evil.example/dashboard', '//evil.example', '/dashboard/../../x', '/guide', '/dashboardx', '/\\evil', undefined, 42])(
    'refuses %s and falls back to the inbox',
    (input) => {
      expect(safeNextPath(input)).toBe('/dashboard');
    },
  );
});

describe("the client's address", () => {
  const headers = (h: Record<string, string>) => (name: string) => h[name] ?? null;

  it('takes the address the trusted proxy appended, not what the client wrote on the left', () => {
    expect(clientIpFrom(headers({ 'x-forwarded-for': '6.6.6.6, 203.0.113.7' }), 1)).toBe('203.0.113.7');
    expect(clientIpFrom(headers({ 'x-forwarded-for': '6.6.6.6, 203.0.113.7, 10.0.0.2' }), 2)).toBe('203.0.113.7');
  });

  it('ignores X-Real-IP unless the deployment says its proxy sets it', () => {
    expect(clientIpFrom(headers({ 'x-real-ip': '198.51.100.4' }), 0)).toBeNull();
    expect(clientIpFrom(headers({ 'x-real-ip': '198.51.100.4' }), 1)).toBeNull();
    expect(clientIpFrom(headers({ 'x-forwarded-for': '6.6.6.6', 'x-real-ip': '198.51.100.4' }), { header: 'x-real-ip', trustedHops: 1 })).toBe('198.51.100.4');
    expect(clientIpFrom(headers({ 'x-forwarded-for': '6.6.6.6' }), { header: 'x-real-ip', trustedHops: 1 })).toBeNull();
  });

  it('reads no address at all when no proxy is trusted, whatever the client wrote', () => {
    expect(clientIpFrom(headers({ 'x-forwarded-for': '6.6.6.6' }), 0)).toBeNull();
    expect(clientIpFrom(headers({ 'x-forwarded-for': '6.6.6.6, 203.0.113.7' }), { header: 'x-forwarded-for', trustedHops: 0 })).toBeNull();
  });

  it('ignores every entry left of the trusted hops, and a chain shorter than them', () => {
    expect(clientIpFrom(headers({ 'x-forwarded-for': '1.1.1.1, 2.2.2.2, 6.6.6.6, 203.0.113.7' }), 1)).toBe('203.0.113.7');
    expect(clientIpFrom(headers({ 'x-forwarded-for': '1.1.1.1, 2.2.2.2, 203.0.113.7, 10.0.0.2' }), 2)).toBe('203.0.113.7');
    expect(clientIpFrom(headers({ 'x-forwarded-for': '203.0.113.7' }), 2)).toBeNull();
  });

  it('reads nothing that is not an address', () => {
    expect(clientIpFrom(headers({ 'x-forwarded-for': 'not-an-ip' }), 1)).toBeNull();
    expect(clientIpFrom(headers({ 'x-real-ip': 'not-an-ip' }), { header: 'x-real-ip', trustedHops: 0 })).toBeNull();
    expect(clientIpFrom(headers({}), 1)).toBeNull();
  });

  it('counts a request with no known address under one shared key rather than none', () => {
    expect(addressForLimits(null)).toBe(UNKNOWN_ADDRESS);
    expect(addressForLimits(undefined)).toBe(UNKNOWN_ADDRESS);
    expect(addressForLimits('203.0.113.7')).toBe('203.0.113.7');
  });

  it('recognises IPv4 and IPv6 literals only', () => {
    expect(isIpAddress('127.0.0.1')).toBe(true);
    expect(isIpAddress('::1')).toBe(true);
    expect(isIpAddress('2001:db8::7')).toBe(true);
    expect(isIpAddress('256.1.1.1')).toBe(false);
    expect(isIpAddress("1.1.1.1'; drop table")).toBe(false);
  });
});
