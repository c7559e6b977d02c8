// How the inbox writes times and names (pure): short, in the clinic's time zone, with the day in words
// when it is today or yesterday.

function dayKey(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

/** "Today, 9:05 AM", "Yesterday, 4:12 PM", "Nov 23, 4:12 PM", "Dec 30, 2025, 4:12 PM". */
export function formatWhen(date: Date, now: Date, timeZone: string): string {
  const time = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', minute: '2-digit' }).format(date);
  const day = dayKey(date, timeZone);
  if (day === dayKey(now, timeZone)) return `Today, ${time}`;
  if (day === dayKey(new Date(now.getTime() - 86_400_000), timeZone)) return `Yesterday, ${time}`;
  if (day === dayKey(new Date(now.getTime() + 86_400_000), timeZone)) return `Tomorrow, ${time}`;
  const sameYear = day.slice(0, 4) === dayKey(now, timeZone).slice(0, 4);
  const date_ = new Intl.DateTimeFormat('en-US', { timeZone, month: 'short', day: 'numeric', ...(sameYear ? {} : { year: 'numeric' }) }).format(date);
  return `${date_}, ${time}`;
}

/** "+13235550142" → "(323) 555-0142"; other countries keep their E.164 form. */
export function formatPhone(e164: string | null): string {
  if (!e164) return '';
  const us = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  return us ? `(${us[1]}) ${us[2]}-${us[3]}` : e164;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** "1 request matches these filters", "3 requests match these filters": the verb agrees with the count. */
export function matchingRequests(n: number): string {
  return `${plural(n, 'request')} ${n === 1 ? 'matches' : 'match'} these filters`;
}
