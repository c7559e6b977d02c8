// How the inbox writes phone numbers and counts (pure). Its times are lib/time/format.ts (formatWhen).

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
