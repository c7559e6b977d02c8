import 'server-only';
import { getDb } from '@/db/client';
import { requestIdFromManageToken } from '@/lib/booking/links';
import { getRequestSummary, type RequestSummary } from '@/lib/intake/queries';

/** The request a manage link opens, or null when the link is expired, altered or for an erased record. */
export async function requestForToken(token: string, now: Date): Promise<RequestSummary | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(token);
  } catch {
    return null;
  }
  const requestId = requestIdFromManageToken(decoded, now);
  if (!requestId) return null;
  return getRequestSummary(await getDb(), requestId);
}
