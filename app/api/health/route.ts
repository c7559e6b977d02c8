// Liveness and readiness for a load balancer: 200 when the database answers, 503 otherwise.
import { sql } from 'drizzle-orm';
import { connection } from 'next/server';
import { getDbHandle } from '@/db/client';

export async function GET() {
  await connection();
  try {
    const { db, kind } = await getDbHandle();
    await db.execute(sql`select 1`);
    return Response.json({ status: 'ok', database: kind }, { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    console.error('[health] database check failed:', (error as Error).message);
    return Response.json({ status: 'unavailable' }, { status: 503, headers: { 'Cache-Control': 'no-store' } });
  }
}
