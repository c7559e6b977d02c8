// The audit trail: who saw or changed what, when and from where. The table is append-only (a trigger
// refuses UPDATE and DELETE), so an entry written here cannot be edited away later.
import type { Executor } from '@/db/client';
import { auditLog } from '@/db/schema';

export type AuditAction =
  | 'sign_in'
  | 'sign_in_failed'
  | 'sign_out'
  | 'password_changed'
  | 'password_reset_requested'
  | 'password_reset'
  | 'staff_invited'
  | 'staff_disabled'
  | 'staff_enabled'
  | 'staff_role_changed'
  | 'sessions_ended'
  | 'mfa_added'
  | 'mfa_removed'
  | 'mfa_verified'
  | 'mfa_failed'
  | 'mfa_waiver_changed'
  | 'recovery_codes_created'
  | 'reauthenticated'
  | 'lead_viewed'
  | 'lead_updated'
  | 'leads_bulk_updated'
  | 'leads_exported_csv'
  | 'lead_exported'
  | 'lead_erased'
  | 'email_viewed'
  | 'email_sent_by_staff'
  | 'text_sent_by_staff'
  | 'text_settings_changed'
  | 'appointment_changed'
  | 'settings_changed'
  | 'audit_viewed';

/** Where a staff request came from: recorded with each entry. */
export type RequestMeta = { ip: string | null; userAgent: string | null };

export type AuditEntryInput = {
  actorStaffId: string | null;
  action: AuditAction;
  entityType: 'lead' | 'staff' | 'email' | 'appointment' | 'settings' | 'audit' | 'session';
  entityId?: string | null;
  detail?: Record<string, unknown>;
  meta: RequestMeta;
  at: Date;
};

/** Writes one entry; call it inside the transaction of the change it records. Never put health details in `detail`. */
export async function writeAudit(tx: Executor, entry: AuditEntryInput): Promise<void> {
  await tx.insert(auditLog).values({
    actorStaffId: entry.actorStaffId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    ip: entry.meta.ip,
    userAgent: entry.meta.userAgent?.slice(0, 300) ?? null,
    detail: entry.detail ?? {},
    at: entry.at,
  });
}
