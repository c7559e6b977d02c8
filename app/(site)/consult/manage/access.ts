import 'server-only';
import { getDb } from '@/db/client';
import { requestIdFromManageToken } from '@/lib/booking/links';
import { getRequestSummary, type RequestSummary } from '@/lib/leads/queries';

/** The request a manage link opens, or null when the link is expired, altered or for an erased record. */
export async function requestForToken(token: string, now: Date): Promise<RequestSummary | null> {
  const requestId = requestIdFromManageToken(decodeURIComponent(token), now);
  if (!requestId) return null;
  return getRequestSummary(await getDb(), requestId);
}
