// Turns a stored outbox message (template key + EmailProps) into the subject, HTML and plain text that are sent:
// states appointment times in the clinic's zone (the patient's in brackets), fills in the clinic's details, and renders the react-email template.
import { render } from '@react-email/render';
import { createElement, type FunctionComponent } from 'react';
import AppointmentReminder, { subject as appointmentReminderSubject } from '@/emails/appointment-reminder';
import BookingCancelled, { subject as bookingCancelledSubject } from '@/emails/booking-cancelled';
import BookingConfirmed, { subject as bookingConfirmedSubject } from '@/emails/booking-confirmed';
import BookingRescheduled, { subject as bookingRescheduledSubject } from '@/emails/booking-rescheduled';
import RequestFollowUp, { subject as requestFollowUpSubject } from '@/emails/request-follow-up';
import RequestReceived, { subject as requestReceivedSubject } from '@/emails/request-received';
import ContactAttempt, { subject as contactAttemptSubject } from '@/emails/contact-attempt';
import StaffInvite, { subject as staffInviteSubject } from '@/emails/staff-invite';
import StaffPasswordReset, { subject as staffPasswordResetSubject } from '@/emails/staff-password-reset';
import StaffNewRequest, { subject as staffNewRequestSubject } from '@/emails/staff-new-request';
import StaffOverdueDigest, { subject as staffOverdueDigestSubject } from '@/emails/staff-overdue-digest';
import StaffUrgentRequest, { subject as staffUrgentRequestSubject } from '@/emails/staff-urgent-request';
import StaffSystemAlert, { subject as staffSystemAlertSubject } from '@/emails/staff-system-alert';
import { appointmentWhen } from '@/lib/booking/time-words';
import { formatMinutes } from '@/lib/time/format';
import { EMAIL_TEMPLATES, type EmailProps, type EmailTemplate } from './outbox';

export type DigestRow = { name: string; reference: string; dueLabel: string; url: string };

export type RenderContext = {
  clinicName: string;
  clinicPhone: string;
  clinicAddress: string;
  /** Base URL without a trailing slash; used for links a message did not store. */
  appUrl: string;
  /** Follow-up (and marketing) email only; the follow-up refuses to render without it. */
  unsubscribeUrl?: string;
  /** The staff digest's rows; falls back to the rows stored in the message's props. */
  digestRows?: DigestRow[];
};

export type RenderedEmail = { subject: string; html: string; text: string };

// A consultation's length when a message stored no end time.
const DEFAULT_DURATION_MINUTES = 30;

/** Renders one message. Throws on an unknown template or when a message lacks what its template must say. */
export async function renderEmail(template: EmailTemplate, props: EmailProps, context: RenderContext): Promise<RenderedEmail> {
  if (!Object.hasOwn(EMAIL_TEMPLATES, template)) throw new Error(`Unknown email template "${String(template)}"`);
  const { element, subject } = build(template, props, context);
  const [html, rawText] = await Promise.all([render(element), render(element, { plainText: true, htmlToTextOptions: textOptions })]);
  return { subject, html, text: tidyText(rawText) };
}

type Built = { element: ReturnType<typeof createElement>; subject: string };

function build(template: EmailTemplate, props: EmailProps, context: RenderContext): Built {
  const brand = { clinicName: context.clinicName, clinicAddress: context.clinicAddress, clinicPhone: context.clinicPhone };
  const bookUrl = props.bookAgainUrl ?? `${context.appUrl}/consult`;
  const dashboardUrl = props.dashboardUrl ?? `${context.appUrl}/dashboard`;

  switch (template) {
    case 'request-received': {
      const { reference, manageUrl } = required(template, props, ['reference', 'manageUrl']);
      return built(RequestReceived, requestReceivedSubject, { ...brand, firstName: props.firstName, reference, manageUrl });
    }
    case 'booking-confirmed':
      return built(BookingConfirmed, bookingConfirmedSubject, appointmentProps(template, props, context));
    case 'booking-rescheduled':
      return built(BookingRescheduled, bookingRescheduledSubject, appointmentProps(template, props, context));
    case 'appointment-reminder':
      return built(AppointmentReminder, appointmentReminderSubject, appointmentProps(template, props, context));
    case 'booking-cancelled': {
      const { startsAt, timeZone } = required(template, props, ['startsAt', 'timeZone']);
      return built(BookingCancelled, bookingCancelledSubject, {
        ...brand,
        firstName: props.firstName,
        reference: props.reference,
        when: formatWhen(template, startsAt, timeZone, props.clinicTimeZone),
        bookAgainUrl: bookUrl,
      });
    }
    case 'request-follow-up': {
      if (!context.unsubscribeUrl) throw new Error('request-follow-up cannot be rendered without an unsubscribe link');
      return built(RequestFollowUp, requestFollowUpSubject, {
        ...brand,
        firstName: props.firstName,
        reference: props.reference,
        bookUrl,
        unsubscribeUrl: context.unsubscribeUrl,
      });
    }
    case 'staff-new-request': {
      const { reference } = required(template, props, ['reference']);
      return built(StaffNewRequest, staffNewRequestSubject, { ...brand, reference, dashboardUrl });
    }
    case 'staff-urgent-request': {
      const { reference } = required(template, props, ['reference']);
      return built(StaffUrgentRequest, staffUrgentRequestSubject, { ...brand, reference, dashboardUrl });
    }
    case 'staff-overdue-digest':
      return built(StaffOverdueDigest, staffOverdueDigestSubject, { ...brand, rows: context.digestRows ?? props.rows ?? [], dashboardUrl });
    case 'staff-system-alert': {
      const alert = props.healthAlert;
      if (!alert?.problems.length) throw new Error('staff-system-alert is missing healthAlert');
      const healthUrl = props.dashboardUrl ?? `${context.appUrl}/dashboard/health`;
      return built(StaffSystemAlert, staffSystemAlertSubject, { ...brand, problems: alert.problems, raised: alert.raised, healthUrl });
    }
    case 'contact-attempt':
      return built(ContactAttempt, contactAttemptSubject, { ...brand, firstName: props.firstName, reference: props.reference });
    case 'staff-invite': {
      const { actionUrl, expiresLabel } = required(template, props, ['actionUrl', 'expiresLabel']);
      return built(StaffInvite, staffInviteSubject, { ...brand, name: props.name, actionUrl, expiresLabel });
    }
    case 'staff-password-reset': {
      const { actionUrl, expiresLabel } = required(template, props, ['actionUrl', 'expiresLabel']);
      return built(StaffPasswordReset, staffPasswordResetSubject, { ...brand, name: props.name, actionUrl, expiresLabel });
    }
    default:
      throw new Error(`Unknown email template "${String(template satisfies never)}"`);
  }
}

function built<P extends object>(component: FunctionComponent<P>, subjectOf: (props: P) => string, props: P): Built {
  return { element: createElement(component, props), subject: subjectOf(props) };
}

/** The facts shared by the confirmation, the move and the reminder. */
function appointmentProps(template: EmailTemplate, props: EmailProps, context: RenderContext) {
  const { reference, startsAt, timeZone, manageUrl } = required(template, props, ['reference', 'startsAt', 'timeZone', 'manageUrl']);
  return {
    clinicName: context.clinicName,
    clinicAddress: context.clinicAddress,
    clinicPhone: context.clinicPhone,
    firstName: props.firstName,
    reference,
    when: formatWhen(template, startsAt, timeZone, props.clinicTimeZone),
    providerName: props.providerName,
    locationName: props.locationName ?? context.clinicName,
    address: props.address ?? context.clinicAddress,
    duration: appointmentLength(startsAt, props.endsAt),
    manageUrl,
  };
}

/**
 * "Friday 27 November 2026, 12:00pm Pacific Time (3:00pm your time, Eastern)": the clinic's time, where the patient must be.
 * A message queued before the clinic's zone was stored names the patient's own zone instead, still with its name.
 */
function formatWhen(template: EmailTemplate, startsAt: string, timeZone: string, clinicTimeZone: string | undefined): string {
  const start = new Date(startsAt);
  if (Number.isNaN(start.getTime())) throw new Error(`${template}: startsAt "${startsAt}" is not a date`);
  return appointmentWhen(start, { clinic: clinicTimeZone ?? timeZone, patient: timeZone });
}

function appointmentLength(startsAt: string, endsAt: string | undefined): string {
  const minutes = endsAt ? Math.round((new Date(endsAt).getTime() - new Date(startsAt).getTime()) / 60_000) : NaN;
  return formatMinutes(Number.isFinite(minutes) && minutes > 0 ? minutes : DEFAULT_DURATION_MINUTES);
}

type Field = Exclude<keyof EmailProps, 'rows' | 'healthAlert'>;

/** The named props, or an error naming each one missing: a confirmation without its time must not go out. */
function required<K extends Field>(template: EmailTemplate, props: EmailProps, keys: K[]): { [P in K]: string } {
  const missing = keys.filter((key) => !props[key]);
  if (missing.length) throw new Error(`${template} is missing ${missing.join(', ')}`);
  return Object.fromEntries(keys.map((key) => [key, props[key]])) as { [P in K]: string };
}

// html-to-text upper-cases headings by default; in a calm email that reads as shouting.
const textOptions = {
  selectors: ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({
    selector,
    options: { uppercase: false, leadingLineBreaks: 2, trailingLineBreaks: 1 },
  })),
};

function tidyText(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
    .concat('\n');
}
