// CSV of the inbox under the current filters (admins only: leads.export). Streamed in keyset batches,
// spreadsheet-safe, no health details; the export is written to the audit log with its filters and size.
import type { NextRequest } from 'next/server';
import { getDb } from '@/db/client';
import { requestMeta } from '@/lib/auth';
import { recentAuthForRoute, staffForRoute } from '@/lib/auth/guard';
import { clinic } from '@/lib/env';
import { EXPORT_REFUSED, isFromThisSite } from '@/lib/http/origin';
import { inboxCsvStream } from '@/lib/inbox/queries';
import { parseInboxFilters } from '@/lib/inbox/filters';
import { clinicDayKey } from '@/lib/time/format';

export async function GET(request: NextRequest): Promise<Response> {
  const access = await staffForRoute('leads.export');
  if (!access.ok) return access.response;
  if (!isFromThisSite((name) => request.headers.get(name))) return EXPORT_REFUSED();
  // Step-up: a sign-in or confirmation in the last 5 minutes, else confirm first and come back here.
  const stepUp = recentAuthForRoute(access.staff, request);
  if (stepUp) return stepUp;
  const filters = parseInboxFilters(request.nextUrl.searchParams);
  const now = new Date();
  const { timeZone } = clinic();
  const stream = inboxCsvStream(await getDb(), { filters, viewer: { staffId: access.staff.id, timeZone }, now, meta: await requestMeta() });
  const day = clinicDayKey(now, timeZone);
  return new Response(stream, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="consultation-requests-${day}.csv"`,
      'Cache-Control': 'no-store',
    },
  });
}
