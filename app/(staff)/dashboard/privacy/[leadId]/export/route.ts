// One person's complete record as a JSON download (a subject access request). Admins only; every export
// is written to the audit log before the file is built.
import { z } from 'zod';
import { getDb } from '@/db/client';
import { requestMeta } from '@/lib/auth';
import { recentAuthForRoute, staffForRoute } from '@/lib/auth/guard';
import { EXPORT_REFUSED, isFromThisSite } from '@/lib/http/origin';
import { exportPerson } from '@/lib/privacy/service';

export const dynamic = 'force-dynamic';

export async function GET(request: Request, { params }: { params: Promise<{ leadId: string }> }): Promise<Response> {
  const access = await staffForRoute('leads.export');
  if (!access.ok) return access.response;
  if (!isFromThisSite((name) => request.headers.get(name))) return EXPORT_REFUSED();
  // Step-up: a sign-in or confirmation in the last 5 minutes, else confirm first and come back here.
  const stepUp = recentAuthForRoute(access.staff, request);
  if (stepUp) return stepUp;
  const { leadId } = await params;
  if (!z.uuid().safeParse(leadId).success) return Response.json({ error: 'No such person' }, { status: 404 });
  const result = await exportPerson(await getDb(), { leadId, actorId: access.staff.id, meta: await requestMeta(), now: new Date() });
  if (!result.ok) return Response.json({ error: 'No such person' }, { status: 404 });
  return new Response(JSON.stringify(result.data, null, 2), {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="person-${leadId}.json"`,
      // Health data: never kept by a browser or proxy cache.
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
