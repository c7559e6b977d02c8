// The client's address, read only from where the deployment says its proxy puts it (pure). Without a
// configured source there is no address (null), and per-address limits then count every such request under
// one shared key (UNKNOWN_ADDRESS): a missing address is never a way around a limit.

/**
 * Where the address comes from. `x-forwarded-for`: each trusted proxy appends on the right and the client
 * writes whatever it likes on the left, so the address is the `trustedHops`-th entry from the right (0: none
 * trusted, no address). `x-real-ip`: the proxy in front sets X-Real-IP itself, overwriting what the client sent.
 */
export type ClientIpSource = { header: 'x-forwarded-for' | 'x-real-ip'; trustedHops: number };

/** What per-address limits count under when the address is not known. */
export const UNKNOWN_ADDRESS = 'unknown';

/** The address a per-address limit counts (pure): the client's, or the one shared "unknown" key. */
export const addressForLimits = (ip: string | null | undefined): string => ip ?? UNKNOWN_ADDRESS;

export function clientIpFrom(get: (name: string) => string | null, source: ClientIpSource | number): string | null {
  const { header, trustedHops } = typeof source === 'number' ? { header: 'x-forwarded-for' as const, trustedHops: source } : source;
  let ip: string | undefined;
  if (header === 'x-real-ip') {
    ip = get('x-real-ip')?.trim();
  } else if (trustedHops > 0) {
    const forwarded = (get('x-forwarded-for') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    // Fewer entries than trusted proxies: the request did not come through them all, so nothing here is known.
    ip = forwarded.length >= trustedHops ? forwarded[forwarded.length - trustedHops] : undefined;
  }
  return ip && isIpAddress(ip) ? ip : null;
}

/** IPv4 or IPv6 literal: only these may reach an `inet` column. */
export function isIpAddress(value: string): boolean {
  if (/^(\d{1,3})(\.\d{1,3}){3}$/.test(value)) return value.split('.').every((n) => Number(n) <= 255);
  return /^[0-9a-f:.]+$/i.test(value) && value.includes(':') && value.length <= 45;
}
