// How the metrics page writes numbers (pure).

/** "25%", "33%", "—" when there is nothing to divide by; below 10% one decimal so small rates still show. */
export function percent(fraction: number | null): string {
  if (fraction === null) return '—';
  const value = fraction * 100;
  if (value > 0 && value < 10) return `${value.toFixed(1)}%`;
  return `${Math.round(value)}%`;
}

/** A wait in plain words: minutes under an hour, hours under two days, then days. */
export function duration(hours: number | null): string {
  if (hours === null) return '—';
  if (hours < 1) {
    const minutes = Math.max(0, Math.round(hours * 60));
    return `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
  }
  if (hours < 48) {
    const rounded = Math.round(hours * 10) / 10;
    return `${rounded} ${rounded === 1 ? 'hour' : 'hours'}`;
  }
  return `${Math.round((hours / 24) * 10) / 10} days`;
}

export const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "Pacific Time": the zone's name without daylight saving, for text about whole days and weeks (one owner: lib/booking/time-words). */
export { zoneName } from '@/lib/booking/time-words';
