// Where to send someone after signing in (pure): only a dashboard path of this site, so the sign-in page
// cannot be used to bounce staff to another site (an open redirect).
export function safeNextPath(value: unknown): string {
  if (typeof value !== 'string' || value.length > 500) return '/dashboard';
  return /^\/dashboard(\/[\w\-/]*)?(\?[\w=&%.\-]*)?$/.test(value) ? value : '/dashboard';
}
