// How email statuses and email templates read to staff (pure): one table each, used by every page that
// names them (the emails list and message, a lead's timeline, the "Which email?" choice). Lead statuses
// are lib/leads/status.ts (STATUS_LABELS), beside the moves between them.
import type { EmailTemplate } from '@/lib/email/outbox';
import type { EmailStatus } from '@/lib/email/staff-view';

export type Tone = 'neutral' | 'info' | 'success' | 'warning' | 'danger';

/** An outbox message's status: the word, and a tone that only repeats what the word says. */
export const EMAIL_STATUS_LABELS: Record<EmailStatus, string> = {
  pending: 'Waiting to send',
  sending: 'Sending',
  sent: 'Sent',
  delivered: 'Delivered',
  bounced: 'Bounced',
  complained: 'Marked as spam',
  failed: 'Failed',
  cancelled: 'Cancelled',
  held: 'Held (not sent)',
};

export const EMAIL_STATUS_TONES: Record<EmailStatus, Tone> = {
  pending: 'info',
  sending: 'info',
  sent: 'success',
  delivered: 'success',
  held: 'warning',
  failed: 'danger',
  bounced: 'danger',
  complained: 'danger',
  cancelled: 'neutral',
};

/** Each email by what it says, as staff choose and find it. */
export const EMAIL_TEMPLATE_LABELS: Record<EmailTemplate, string> = {
  'request-received': 'Request received',
  'booking-confirmed': 'Booking confirmed',
  'booking-rescheduled': 'Booking moved',
  'booking-cancelled': 'Booking cancelled',
  'appointment-reminder': 'Appointment reminder',
  'request-follow-up': 'Follow-up: do you still want a consultation?',
  'contact-attempt': 'We tried to reach you',
  'staff-new-request': 'Staff alert: new request',
  'staff-urgent-request': 'Staff alert: urgent request',
  'staff-overdue-digest': 'Staff digest: overdue follow-ups',
  'staff-system-alert': 'System alert (admins)',
  'staff-invite': 'Staff invitation',
  'staff-password-reset': 'Staff password reset',
};

/** A stored template's label; a name this version does not know (an old row) reads as itself. */
export function templateLabel(template: string): string {
  return Object.hasOwn(EMAIL_TEMPLATE_LABELS, template) ? EMAIL_TEMPLATE_LABELS[template as EmailTemplate] : template;
}
