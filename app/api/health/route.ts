// Liveness and readiness for a load balancer: 200 {status: ok} when the database answers, 503 {status: degraded}
// otherwise. Nothing else: which database, versions or errors are not for whoever asks.
import { sql } from 'drizzle-orm';
import { connection } from 'next/server';
import { getDbHandle } from '@/db/client';
import { failureKind } from '@/lib/http/failure';
import { requestLogger } from '@/lib/log';

const headers = { 'Cache-Control': 'no-store' };

export async function GET() {
  await connection();
  try {
    const { db } = await getDbHandle();
    await db.execute(sql`select 1`);
    return Response.json({ status: 'ok' }, { headers });
  } catch (error) {
    (await requestLogger('health')).error({ kind: failureKind(error) }, 'database check failed');
    return Response.json({ status: 'degraded' }, { status: 503, headers });
  }
}
