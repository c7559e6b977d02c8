// The client's address behind a known number of trusted proxies (pure): each proxy appends on the
// right of X-Forwarded-For and the client writes whatever it likes on the left, so count from the right.
export function clientIpFrom(get: (name: string) => string | null, trustedHops: number): string | null {
  const forwarded = (get('x-forwarded-for') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const ip = (trustedHops > 0 ? forwarded[forwarded.length - trustedHops] : undefined) || get('x-real-ip')?.trim();
  return ip && isIpAddress(ip) ? ip : null;
}

/** IPv4 or IPv6 literal: only these may reach an `inet` column. */
export function isIpAddress(value: string): boolean {
  if (/^(\d{1,3})(\.\d{1,3}){3}$/.test(value)) return value.split('.').every((n) => Number(n) <= 255);
  return /^[0-9a-f:.]+$/i.test(value) && value.includes(':') && value.length <= 45;
}
