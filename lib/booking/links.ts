// The patient's private link to view, move or cancel their booking: signed, expiring, single-purpose.
import { appUrl, authSecret, authSecrets } from '@/lib/env';
import { signToken, verifyToken } from '@/lib/security/tokens';

export const MANAGE_LINK_DAYS = 90;

export function manageToken(requestId: string, now: Date): string {
  return signToken(authSecret(), 'manage-booking', requestId, new Date(now.getTime() + MANAGE_LINK_DAYS * 86_400_000));
}

export function manageUrl(requestId: string, now: Date): string {
  return `${appUrl()}/consult/manage/${manageToken(requestId, now)}`;
}

/** The consultation request a manage token grants access to, or null. */
export function requestIdFromManageToken(token: string, now: Date): string | null {
  const result = verifyToken(authSecrets(), 'manage-booking', token, now);
  return result.ok ? result.subject : null;
}
