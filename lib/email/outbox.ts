// The transactional outbox: a message is a row written in the same transaction as the change that
// causes it, so an accepted request can never lose its email. The worker (lib/email/worker) sends them.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { emailMessages } from '@/db/schema';
import { authSecret, env } from '@/lib/env';
import { recordEmailEvent } from '@/lib/timeline/write';
import { sealPrivateLinks } from './private-links';

export const EMAIL_TEMPLATES = {
  'request-received': 'transactional',
  'booking-confirmed': 'transactional',
  'booking-rescheduled': 'transactional',
  'booking-cancelled': 'transactional',
  'appointment-reminder': 'transactional',
  'request-follow-up': 'follow_up',
  // Sent by staff from a lead's page.
  'contact-attempt': 'transactional',
  'staff-new-request': 'staff',
  'staff-urgent-request': 'staff',
  'staff-overdue-digest': 'staff',
  // To the admins when a system-health threshold is crossed (lib/ops/alerts); counts and codes only.
  'staff-system-alert': 'staff',
  // Account emails carry one-time sign-in links: never shown to other staff in the dashboard.
  'staff-invite': 'staff',
  'staff-password-reset': 'staff',
} as const;

/** Messages whose body is a credential (a one-time link): the dashboard lists them but never shows the body. */
export const SECRET_TEMPLATES: readonly EmailTemplate[] = ['staff-invite', 'staff-password-reset'];

/** Patient messages staff may send by hand from a lead's page. */
export const STAFF_SENDABLE_TEMPLATES = ['contact-attempt', 'request-follow-up'] as const satisfies readonly EmailTemplate[];

export type EmailTemplate = keyof typeof EMAIL_TEMPLATES;

/** Props a template may carry. Never symptoms or other health details: they stay behind the staff login. */
export type EmailProps = {
  firstName?: string;
  reference?: string;
  startsAt?: string;
  endsAt?: string;
  /** The patient's zone. */
  timeZone?: string;
  /** The clinic's zone (the location's), in which an in-person appointment's time is stated. */
  clinicTimeZone?: string;
  providerName?: string;
  locationName?: string;
  address?: string;
  manageUrl?: string;
  bookAgainUrl?: string;
  dashboardUrl?: string;
  /** Staff account emails: the staff member's name, the one-time link and when it expires. */
  name?: string;
  actionUrl?: string;
  expiresLabel?: string;
  /** Staff digest only: who is overdue (names and references, never health details). */
  rows?: { name: string; reference: string; dueLabel: string; url: string }[];
  /** System alert only (lib/ops/alerts): the problems at the time, and which codes it raised or later cleared. */
  healthAlert?: {
    codes: string[];
    raised: string[];
    cleared?: string[];
    problems: { code: string; severity: 'red' | 'amber'; title: string; detail: string; action: string }[];
  };
  /** The private links (manageUrl, actionUrl) sealed; the fields above then hold them hidden (./private-links). */
  sealedLinks?: string;
};

export type NewEmail = {
  template: EmailTemplate;
  to: string;
  props: EmailProps;
  leadId?: string;
  appointmentId?: string;
  sendAfter?: Date;
  /** At most one live message per key, e.g. "reminder:<appointment id>". */
  dedupeKey?: string;
};

/** Queues a message. Its private links are stored sealed, never readable (./private-links). */
export async function enqueueEmail(tx: Executor, email: NewEmail, now: Date): Promise<string> {
  const [row] = await tx
    .insert(emailMessages)
    .values({
      template: email.template,
      category: EMAIL_TEMPLATES[email.template],
      toAddress: email.to,
      props: sealPrivateLinks(email.props, authSecret()),
      // Attempts before the message is marked failed (EMAIL_MAX_ATTEMPTS; 8 span at least half an hour of retries).
      maxAttempts: env().EMAIL_MAX_ATTEMPTS,
      leadId: email.leadId ?? null,
      appointmentId: email.appointmentId ?? null,
      sendAfter: email.sendAfter ?? now,
      dedupeKey: email.dedupeKey ?? null,
      createdAt: now,
    })
    .returning({ id: emailMessages.id });
  if (email.leadId && EMAIL_TEMPLATES[email.template] !== 'staff') {
    await recordEmailEvent(tx, {
      leadId: email.leadId,
      type: 'email_queued',
      actorType: 'system',
      payload: { emailId: row!.id, template: email.template, sendAfter: (email.sendAfter ?? now).toISOString() },
      occurredAt: now,
    });
  }
  return row!.id;
}

/** The row's props without its sealed private links: set whenever a message can no longer go out. */
export const withoutSealedLinks = sql`${emailMessages.props} - 'sealedLinks'`;

const APPOINTMENT_TEMPLATES: EmailTemplate[] = ['booking-confirmed', 'booking-rescheduled', 'appointment-reminder'];

/** Cancels the waiting confirmations and reminders of an appointment that was moved or cancelled. */
export async function cancelPendingForAppointment(tx: Executor, appointmentId: string): Promise<number> {
  const rows = await tx
    .update(emailMessages)
    .set({ status: 'cancelled', lastError: 'superseded', props: withoutSealedLinks })
    .where(
      and(
        eq(emailMessages.appointmentId, appointmentId),
        eq(emailMessages.status, 'pending'),
        inArray(emailMessages.template, APPOINTMENT_TEMPLATES),
      ),
    )
    .returning({ id: emailMessages.id });
  return rows.length;
}

/** Whether a message about an appointment still describes it (pure): the worker drops stale ones. */
export function isStaleAppointmentEmail(
  template: string,
  props: EmailProps,
  appointment: { status: string; startsAt: Date } | undefined,
): boolean {
  if (!(APPOINTMENT_TEMPLATES as string[]).includes(template)) return false;
  if (!appointment || appointment.status !== 'booked') return true;
  return props.startsAt !== undefined && new Date(props.startsAt).getTime() !== appointment.startsAt.getTime();
}

/** A reminder is still worth sending this long before the appointment; later than that it is dropped. */
export const REMINDER_MIN_NOTICE_HOURS = 2;

/**
 * What to do with an appointment reminder the worker reaches at `now` (pure; docs/decisions/0006). Due 24
 * hours before, it can be late (the provider was down, the worker was stopped). It still goes out while the
 * appointment is at least REMINDER_MIN_NOTICE_HOURS away: it names the date and time, not "tomorrow", so it
 * stays true. Closer than that it would reach the patient on the way or after the start: it is cancelled
 * with a reason staff read in the outbox. Never a reminder once the appointment has started.
 * `earlier`: the tries already made; when the last one timed out the provider may have sent it after all.
 */
export function lateReminderDecision(
  appointmentStartsAt: Date,
  now: Date,
  earlier: { tries: number; lastError: string | null } = { tries: 0, lastError: null },
): { send: true } | { send: false; reason: string } {
  const left = appointmentStartsAt.getTime() - now.getTime();
  if (left >= REMINDER_MIN_NOTICE_HOURS * 3_600_000) return { send: true };
  const why = left <= 0 ? 'the appointment had already started' : `less than ${REMINDER_MIN_NOTICE_HOURS} hours before the appointment`;
  if (earlier.tries === 0) return { send: false, reason: `too late: ${why}` };
  // A network error or timeout leaves the outcome unknown (lib/email/transport): say so rather than guess.
  const unknown = earlier.lastError?.startsWith('network') ? '; the last got no answer and may have reached the patient' : '';
  return { send: false, reason: `too late: ${why} (${earlier.tries} earlier ${earlier.tries === 1 ? 'try' : 'tries'} failed${unknown})` };
}

/** Cancels scheduled messages that no longer apply (a reminder for a moved or cancelled appointment). */
export async function cancelPendingEmails(tx: Executor, dedupeKey: string): Promise<number> {
  const rows = await tx
    .update(emailMessages)
    .set({ status: 'cancelled', props: withoutSealedLinks })
    .where(and(eq(emailMessages.dedupeKey, dedupeKey), inArray(emailMessages.status, ['pending'])))
    .returning({ id: emailMessages.id });
  return rows.length;
}
