// Auth.js's own endpoints (session, CSRF token, sign-out). Sign-in itself goes through the /sign-in server action.
// A POST from another site is refused before Auth.js sees it (its CSRF token would refuse it too).
import type { NextRequest } from 'next/server';
import { handlers } from '@/lib/auth';
import { CROSS_SITE_REFUSED, isSameOriginPost } from '@/lib/http/origin';

export const { GET } = handlers;

export async function POST(request: NextRequest): Promise<Response> {
  if (!isSameOriginPost((name) => request.headers.get(name))) return CROSS_SITE_REFUSED();
  return handlers.POST(request);
}
