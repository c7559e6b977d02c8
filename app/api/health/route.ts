// Liveness and readiness for a load balancer: 200 {status: ok} when the database answers, 503 {status: degraded}
// otherwise. Nothing else: which database, versions or errors are not for whoever asks.
// With ?deep=1 and `Authorization: Bearer <HEALTH_TOKEN>`: the system-health figures and problem codes for an
// outside monitor (lib/ops/health, docs/monitoring.md), 200 when no threshold is crossed, 503 when one is.
// Without a valid token the deep answer is a bare 401 that says nothing about the system.
import { sql } from 'drizzle-orm';
import { connection } from 'next/server';
import { getDb, getDbHandle } from '@/db/client';
import { failureKind } from '@/lib/http/failure';
import { requestLogger } from '@/lib/log';
import { env } from '@/lib/env';
import { bearerTokenMatches } from '@/lib/ops/token';
import { getHealthReport, healthThresholds, reportJson } from '@/lib/ops/health';
import { rememberHealthReport } from '@/lib/ops/banner';

const headers = { 'Cache-Control': 'no-store' };

export async function GET(request: Request) {
  await connection();
  const deep = new URL(request.url).searchParams.get('deep');
  if (deep !== null && deep !== '0') return deepHealth(request);
  try {
    const { db } = await getDbHandle();
    await db.execute(sql`select 1`);
    return Response.json({ status: 'ok' }, { headers });
  } catch (error) {
    (await requestLogger('health')).error({ kind: failureKind(error) }, 'database check failed');
    return Response.json({ status: 'degraded' }, { status: 503, headers });
  }
}

async function deepHealth(request: Request): Promise<Response> {
  if (!bearerTokenMatches(env().HEALTH_TOKEN, request.headers.get('authorization'))) {
    return Response.json({ error: 'unauthorized' }, { status: 401, headers: { ...headers, 'WWW-Authenticate': 'Bearer' } });
  }
  const report = await getHealthReport(getDb, new Date(), healthThresholds());
  rememberHealthReport(report);
  return Response.json(reportJson(report), { status: report.problems.length ? 503 : 200, headers });
}
