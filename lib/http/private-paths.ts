// Pages reached through a private link (the address is the secret): the proxy records no visit of theirs, and
// the log keeps their path without the secret part. Pure: no I/O.

export const PRIVATE_LINK = /^\/(consult\/manage|unsubscribe|set-password)\//;

/** The path as the log may keep it: a private link's secret part replaced; the query string is never passed in. */
export function loggedPath(pathname: string): string {
  const match = PRIVATE_LINK.exec(pathname);
  return (match ? `${match[0]}[link]` : pathname).slice(0, 200);
}
