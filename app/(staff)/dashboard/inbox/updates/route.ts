// The inbox's live-update poll: how many leads are newer than the mark the page was rendered with.
// A count only — no names, nothing personal — for anyone who may read the inbox.
import type { NextRequest } from 'next/server';
import { getDb } from '@/db/client';
import { staffForRoute } from '@/lib/auth/guard';
import { countLeadsSince, isLeadMark } from '@/lib/inbox/queries';

export async function GET(request: NextRequest): Promise<Response> {
  // The background poll is not activity: it must not keep an unattended session alive.
  const access = await staffForRoute('leads.read', { activity: false });
  if (!access.ok) return access.response;
  const since = request.nextUrl.searchParams.get('since') ?? '';
  if (since !== '' && !isLeadMark(since)) return Response.json({ error: 'since must be a timestamp from the inbox page' }, { status: 400 });
  const count = await countLeadsSince(await getDb(), since || null);
  return Response.json({ count }, { headers: { 'Cache-Control': 'no-store' } });
}
