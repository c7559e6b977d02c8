// How audit entries read to admins (pure). Typed against AuditAction so a new action cannot go unlabelled.
import type { AuditAction } from '@/lib/audit/log';

export const ACTION_LABELS: Record<AuditAction, string> = {
  sign_in: 'Signed in',
  sign_in_failed: 'Failed sign-in',
  sign_out: 'Signed out',
  password_changed: 'Changed their password',
  password_reset_requested: 'Asked for a password reset',
  password_reset: 'Set a password from a link',
  staff_invited: 'Invited a staff member',
  staff_disabled: 'Disabled an account',
  staff_enabled: 'Enabled an account',
  staff_role_changed: 'Changed a role',
  sessions_ended: 'Ended sessions',
  mfa_added: 'Added a way to confirm sign-in',
  mfa_removed: 'Removed a way to confirm sign-in',
  mfa_verified: 'Confirmed sign-in (second step)',
  mfa_failed: 'Failed second step',
  mfa_waiver_changed: 'Changed whether a second step is needed',
  recovery_codes_created: 'Created recovery codes',
  reauthenticated: 'Confirmed it was them',
  lead_viewed: 'Viewed a lead',
  lead_updated: 'Changed a lead',
  leads_bulk_updated: 'Changed several leads',
  leads_exported_csv: 'Exported leads (CSV)',
  lead_exported: 'Exported a person’s record',
  lead_erased: 'Erased a person',
  email_viewed: 'Viewed an email',
  email_sent_by_staff: 'Sent an email',
  text_sent_by_staff: 'Sent a text message',
  text_settings_changed: 'Changed the text message settings',
  appointment_changed: 'Changed an appointment',
  settings_changed: 'Changed opening hours or settings',
  audit_viewed: 'Viewed the audit log',
};

export function isAuditAction(value: string): value is AuditAction {
  return Object.hasOwn(ACTION_LABELS, value);
}

export const actionLabel = (action: string) => (isAuditAction(action) ? ACTION_LABELS[action] : action);

const ENTITY_LABELS: Record<string, string> = {
  lead: 'Lead',
  staff: 'Staff account',
  email: 'Email',
  appointment: 'Appointment',
  settings: 'Settings',
  audit: 'Audit log',
  session: 'Sign-in',
};

export const entityLabel = (type: string) => ENTITY_LABELS[type] ?? type;

/** An entry's detail in one short line: "from: admin · to: staff". Nested values as compact JSON. */
export function compactDetail(detail: Record<string, unknown>, max = 140): string {
  const text = Object.entries(detail)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' · ');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
