import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EMAIL_COLORS } from '@/emails/components/layout';
import AppointmentReminder, { subject as reminderSubject } from '@/emails/appointment-reminder';
import BookingCancelled, { subject as cancelledSubject } from '@/emails/booking-cancelled';
import BookingConfirmed, { subject as confirmedSubject } from '@/emails/booking-confirmed';
import BookingRescheduled, { subject as rescheduledSubject } from '@/emails/booking-rescheduled';
import RequestFollowUp, { subject as followUpSubject } from '@/emails/request-follow-up';
import RequestReceived, { subject as receivedSubject } from '@/emails/request-received';
import ContactAttempt, { subject as contactAttemptSubject } from '@/emails/contact-attempt';
import StaffInvite, { subject as inviteSubject } from '@/emails/staff-invite';
import StaffPasswordReset, { subject as resetSubject } from '@/emails/staff-password-reset';
import StaffNewRequest, { subject as newRequestSubject } from '@/emails/staff-new-request';
import StaffOverdueDigest, { subject as digestSubject } from '@/emails/staff-overdue-digest';
import StaffUrgentRequest, { subject as urgentSubject } from '@/emails/staff-urgent-request';
import StaffSystemAlert, { subject as systemAlertSubject } from '@/emails/staff-system-alert';
import { EMAIL_TEMPLATES, type EmailProps, type EmailTemplate } from '@/lib/email/outbox';
import { renderEmail, type RenderContext } from '@/lib/email/render';

const templates = Object.keys(EMAIL_TEMPLATES) as EmailTemplate[];

const manageUrl = 'https://clinic.test/consult/manage/tok.sig';
const bookAgainUrl = 'https://clinic.test/consult';
const dashboardUrl = 'https://clinic.test/dashboard/leads/3f9c2a1b-0000-4000-8000-000000000000';
const unsubscribeUrl = 'https://clinic.test/api/unsubscribe/unsub.sig';

const context: RenderContext = {
  clinicName: 'Harbor Clinic',
  clinicPhone: '(617) 555-0199',
  clinicAddress: '200 Harbor Street, Suite 4, Boston, MA 02110',
  appUrl: 'https://clinic.test',
  unsubscribeUrl,
  digestRows: [
    { name: 'Maria Lopez', reference: '3f9c2a1b', dueLabel: 'Thursday 26 November 2026', url: 'https://clinic.test/dashboard/leads/3f9c2a1b' },
    { name: 'James Carter', reference: '8d41e7c0', dueLabel: 'Wednesday 25 November 2026', url: 'https://clinic.test/dashboard/leads/8d41e7c0' },
  ],
};

/** Everything a stored message may carry, as the services write it (the staff alerts get the name only here, to prove it never shows). */
const props: EmailProps = {
  firstName: 'Maria',
  reference: 'SCI-7K4M2Q',
  startsAt: '2026-11-27T20:00:00.000Z',
  endsAt: '2026-11-27T20:30:00.000Z',
  timeZone: 'America/New_York',
  clinicTimeZone: 'America/New_York',
  providerName: 'Dr. Ana Ruiz',
  locationName: 'Boston office',
  address: '200 Harbor Street, Suite 4, Boston, MA 02110',
  manageUrl,
  bookAgainUrl,
  dashboardUrl,
  name: 'Sam Rivera',
  actionUrl: 'https://clinic.test/set-password/one-time-token',
  expiresLabel: 'in 3 days',
  healthAlert: {
    codes: ['email_failures', 'webhooks_silent'],
    raised: ['email_failures'],
    problems: [
      { code: 'email_failures', severity: 'red', title: 'Many emails failed', detail: '7 emails failed for good in the last hour (the limit is 5).', action: 'Open Emails → Failed.' },
      { code: 'webhooks_silent', severity: 'amber', title: 'No delivery reports from Resend', detail: '3 emails got no report.', action: 'Check the webhook.' },
    ],
  },
};

const render = (template: EmailTemplate, overrides: Partial<EmailProps> = {}, ctx: Partial<RenderContext> = {}) =>
  renderEmail(template, { ...props, ...overrides }, { ...context, ...ctx });

describe('rendering every template', () => {
  it.each(templates)('%s renders a subject, HTML titled with it, and plain text', async (template) => {
    const email = await render(template);
    expect(email.subject.length).toBeGreaterThan(10);
    expect(email.html).toMatch(/^<!DOCTYPE html/);
    expect(email.html).toContain('<html dir="ltr" lang="en">');
    expect(email.html).toContain(`<title>${email.subject}</title>`);
    expect(email.text).not.toContain('<');
    // The branded frame: who it is from, and how to reach them.
    for (const part of [email.html, email.text]) {
      expect(part).toContain('Harbor Clinic');
      expect(part).toContain('200 Harbor Street, Suite 4, Boston, MA 02110');
      expect(part).toContain('(617) 555-0199');
    }
  });

  it.each(templates)('%s keeps the plain-text headings in sentence case, not shouting', async (template) => {
    const { text } = await render(template);
    const shouting = text.split('\n').filter((line) => /[A-Z]{4,}/.test(line) && line === line.toUpperCase());
    expect(shouting).toEqual([]);
  });

  it('gives the request-received email its heading as written', async () => {
    const { text } = await render('request-received');
    expect(text).toContain('We have your request');
    expect(text).toContain('What happens next');
  });

  it('throws on a template it does not know', async () => {
    await expect(renderEmail('newsletter' as EmailTemplate, props, context)).rejects.toThrow('Unknown email template "newsletter"');
  });
});

describe("times at the clinic, in its zone, with the patient's own in brackets", () => {
  it.each(['booking-confirmed', 'booking-rescheduled', 'appointment-reminder', 'booking-cancelled'] as const)(
    '%s shows 20:00 UTC as 3:00pm Eastern Time at a Boston clinic, for a patient in Boston',
    async (template) => {
      const email = await render(template);
      const when = 'Friday 27 November 2026, 3:00pm Eastern Time';
      expect(email.subject).toContain(when);
      expect(email.html).toContain(when);
      expect(email.text).toContain(when);
      expect(email.text).not.toContain('your time');
      expect(email.text).not.toContain('8:00pm');
    },
  );

  it.each(['booking-confirmed', 'booking-rescheduled', 'appointment-reminder', 'booking-cancelled'] as const)(
    '%s gives a patient in New York the Los Angeles clinic’s 12:00pm first, and their own 3:00pm in brackets',
    async (template) => {
      const email = await render(template, { clinicTimeZone: 'America/Los_Angeles' });
      const when = 'Friday 27 November 2026, 12:00pm Pacific Time (3:00pm your time, Eastern)';
      expect(email.subject).toContain(when);
      expect(email.html).toContain(when);
      expect(email.text).toContain(when);
    },
  );

  it.each([
    // Summer: the same name as in winter, never "Daylight".
    ['2026-07-01T16:00:00.000Z', 'Wednesday 1 July 2026, 9:00am Pacific Time'],
    // A late-evening booking: the clinic's day, not the UTC day.
    ['2026-11-28T03:30:00.000Z', 'Friday 27 November 2026, 7:30pm Pacific Time'],
  ])('states %s at a Los Angeles clinic, for a patient there, as "%s"', async (startsAt, when) => {
    const email = await render('appointment-reminder', { startsAt, endsAt: undefined, timeZone: 'America/Los_Angeles', clinicTimeZone: 'America/Los_Angeles' });
    expect(email.subject).toBe(`Reminder: your consultation on ${when}`);
    expect(email.text).toContain(when);
  });

  it('still names a zone on a message queued before the clinic’s zone was stored (the patient’s)', async () => {
    const email = await render('booking-confirmed', { clinicTimeZone: undefined });
    expect(email.text).toContain('Friday 27 November 2026, 3:00pm Eastern Time');
  });
});

describe('colours', () => {
  it.each(templates)('%s uses the site’s brand colour (app/globals.css), not the old teal', async (template) => {
    const css = readFileSync(path.join(process.cwd(), 'app/globals.css'), 'utf8');
    const brand = /--color-brand:\s*(#[0-9a-f]{6})/i.exec(css)?.[1];
    expect(brand).toBeTruthy();
    expect(EMAIL_COLORS.brand.toLowerCase()).toBe(brand!.toLowerCase());
    const { html } = await render(template);
    expect(html.toLowerCase()).toContain(brand!.toLowerCase());
    expect(html.toLowerCase()).not.toContain('#0b5f6b');
  });
});

describe('what the patient emails say', () => {
  it('tells the patient their reference, that we call within 1 working day, and where to see the request', async () => {
    const { subject, text } = await render('request-received');
    expect(subject).toBe('We have your consultation request (reference SCI-7K4M2Q)');
    expect(text).toContain('Hello Maria,');
    expect(text).toContain('Your reference is SCI-7K4M2Q.');
    expect(text).toContain('We will call you within 1 working day');
    expect(text).toContain(`View your request ${manageUrl}`);
  });

  it('confirms a booking with who, where, how long, the reference and the attached calendar file', async () => {
    const { text } = await render('booking-confirmed');
    expect(text).toContain('With: Dr. Ana Ruiz');
    expect(text).toContain('Where: Boston office, 200 Harbor Street, Suite 4, Boston, MA 02110');
    expect(text).toContain('How long: 30 minutes');
    expect(text).toContain('Reference: SCI-7K4M2Q');
    expect(text).toContain('calendar file');
  });

  it('reads the length from the booking, and says 30 minutes when it was not stored', async () => {
    expect((await render('booking-confirmed', { endsAt: '2026-11-27T20:45:00.000Z' })).text).toContain('How long: 45 minutes');
    expect((await render('booking-confirmed', { endsAt: undefined })).text).toContain('How long: 30 minutes');
  });

  it("falls back to the clinic's own address, and leaves out who, when the booking has no provider", async () => {
    const { text } = await render('appointment-reminder', { providerName: undefined, locationName: undefined, address: undefined });
    expect(text).toContain('Where: Harbor Clinic, 200 Harbor Street, Suite 4, Boston, MA 02110');
    expect(text).not.toContain('With:');
  });

  it('greets without a name when none was stored', async () => {
    const { text } = await render('request-received', { firstName: undefined });
    expect(text).toContain('Hello,');
    expect(text).not.toContain('Maria');
  });

  it.each(['request-received', 'booking-confirmed', 'booking-rescheduled', 'appointment-reminder'] as const)(
    '%s carries the manage link in both HTML and text',
    async (template) => {
      const email = await render(template);
      expect(email.html).toContain(`href="${manageUrl}"`);
      expect(email.text).toContain(manageUrl);
    },
  );

  it.each(['booking-cancelled', 'request-follow-up'] as const)('%s links to booking again in both HTML and text', async (template) => {
    const email = await render(template);
    expect(email.html).toContain(`href="${bookAgainUrl}"`);
    expect(email.text).toContain(bookAgainUrl);
  });

  it("uses the app's consultation page when a message stored no booking link", async () => {
    const { text } = await render('booking-cancelled', { bookAgainUrl: undefined });
    expect(text).toContain('Book a consultation https://clinic.test/consult');
  });

  it('gives the follow-up its phone number and an unsubscribe link in both HTML and text', async () => {
    const email = await render('request-follow-up');
    expect(email.subject).toBe('Do you still want a consultation with Harbor Clinic?');
    expect(email.html).toContain(`href="${unsubscribeUrl}"`);
    expect(email.text).toContain(`Unsubscribe ${unsubscribeUrl}`);
    expect(email.text).toContain('call us on (617) 555-0199');
  });

  it.each(templates.filter((t) => t !== 'request-follow-up'))('%s has no unsubscribe link: it is not a follow-up', async (template) => {
    const email = await render(template);
    expect(email.html).not.toContain(unsubscribeUrl);
    expect(email.text).not.toContain('Unsubscribe');
  });

  it('refuses to render a follow-up without a way to unsubscribe', async () => {
    await expect(render('request-follow-up', {}, { unsubscribeUrl: undefined })).rejects.toThrow('unsubscribe');
  });

  it.each([
    ['booking-confirmed', 'startsAt'],
    ['appointment-reminder', 'timeZone'],
    ['booking-cancelled', 'startsAt'],
    ['request-received', 'reference'],
    ['staff-new-request', 'reference'],
    ['staff-invite', 'actionUrl'],
    ['staff-password-reset', 'expiresLabel'],
  ] as const)('refuses to render %s without %s rather than send an email missing it', async (template, field) => {
    await expect(render(template, { [field]: undefined })).rejects.toThrow(`${template} is missing ${field}`);
  });
});

describe('no health details, ever', () => {
  // Words about the person's body or condition. The clinic details used here contain none of them,
  // so a match can only come from a template (or from props leaking into one).
  const healthWords = [
    /\bpain/i,
    /\bback\b/i,
    /\blegs?\b/i,
    /\bknees?\b/i,
    /\bhips?\b/i,
    /\bjoints?\b/i,
    /\bspin(e|al)\b/i,
    /\bsciatica\b/i,
    /\bbladder\b/i,
    /\bbowel\b/i,
    /\bnumb(ness)?\b/i,
    /\bweakness\b/i,
    /\bfever\b/i,
    /\bsurg(ery|eon|ical)\b/i,
    /\binjur(y|ies)\b/i,
    /\bsymptoms?\b/i,
    /\bred flags?\b/i,
    /\bdiagnos/i,
    /\btreatments?\b/i,
    /\bmedication\b/i,
    /\bemergency\b/i,
    /\b911\b/,
  ];

  it.each(templates)('%s says none of them in its subject, HTML or text', async (template) => {
    const email = await render(template);
    for (const [part, content] of Object.entries(email)) {
      const found = healthWords.filter((word) => word.test(content)).map(String);
      expect(found, `${template} ${part}`).toEqual([]);
    }
  });

  it.each(templates.filter((t) => t !== 'staff-urgent-request'))('%s does not call anything urgent', async (template) => {
    const email = await render(template);
    expect(JSON.stringify(email)).not.toMatch(/urgent/i);
  });
});

describe('staff alerts', () => {
  it.each(['staff-new-request', 'staff-urgent-request'] as const)(
    '%s gives the reference and the dashboard link, and never the patient name',
    async (template) => {
      const email = await render(template);
      expect(email.subject).toContain('SCI-7K4M2Q');
      for (const part of [email.html, email.text]) {
        expect(part).toContain('SCI-7K4M2Q');
        expect(part).toContain(dashboardUrl);
      }
      expect(JSON.stringify(email)).not.toContain('Maria');
      expect(email.html).not.toContain(manageUrl);
    },
  );

  it('frames an urgent request as "Urgent: call today"', async () => {
    const email = await render('staff-urgent-request');
    expect(email.subject).toBe('Urgent: call today – request SCI-7K4M2Q');
    expect(email.text).toContain('Urgent: call today');
  });

  it('frames a routine request as new, not urgent', async () => {
    expect((await render('staff-new-request')).subject).toBe('New consultation request SCI-7K4M2Q');
  });

  it('lists each overdue follow-up with its link, and puts only the count in the subject', async () => {
    const email = await render('staff-overdue-digest', { dashboardUrl: 'https://clinic.test/dashboard' });
    expect(email.subject).toBe('2 overdue follow-ups');
    expect(email.subject).not.toMatch(/Maria|James/);
    for (const row of context.digestRows!) {
      for (const part of [email.html, email.text]) {
        expect(part).toContain(row.name);
        expect(part).toContain(row.reference);
        expect(part).toContain(row.dueLabel);
        expect(part).toContain(row.url);
      }
    }
    expect(email.text).toContain('Open the dashboard https://clinic.test/dashboard');
  });

  it('counts one overdue follow-up in the singular, and reads the rows stored in the message', async () => {
    const rows = [context.digestRows![0]!];
    const email = await render('staff-overdue-digest', { rows }, { digestRows: undefined });
    expect(email.subject).toBe('1 overdue follow-up');
    expect(email.text).toContain('Maria Lopez');
    expect(email.text).not.toContain('James Carter');
  });

  it('says there is nothing to do when no follow-up is overdue', async () => {
    const email = await render('staff-overdue-digest', {}, { digestRows: [] });
    expect(email.subject).toBe('No overdue follow-ups today');
    expect(email.text).toContain('There is nothing to do.');
  });
});

describe('the templates on their own (the preview app)', () => {
  const modules = [
    ['request-received', RequestReceived, receivedSubject],
    ['booking-confirmed', BookingConfirmed, confirmedSubject],
    ['booking-rescheduled', BookingRescheduled, rescheduledSubject],
    ['booking-cancelled', BookingCancelled, cancelledSubject],
    ['appointment-reminder', AppointmentReminder, reminderSubject],
    ['request-follow-up', RequestFollowUp, followUpSubject],
    ['staff-new-request', StaffNewRequest, newRequestSubject],
    ['staff-urgent-request', StaffUrgentRequest, urgentSubject],
    ['staff-overdue-digest', StaffOverdueDigest, digestSubject],
    ['contact-attempt', ContactAttempt, contactAttemptSubject],
    ['staff-invite', StaffInvite, inviteSubject],
    ['staff-password-reset', StaffPasswordReset, resetSubject],
    ['staff-system-alert', StaffSystemAlert, systemAlertSubject],
  ] as const;

  it('has one template per outbox key', () => {
    expect(modules.map(([key]) => key).sort()).toEqual([...templates].sort());
  });

  it.each(modules)('%s has realistic preview props that give a subject', (_key, Template, subjectOf) => {
    expect(Template.PreviewProps.clinicName).toBe('Stem Cell Institute');
    // Each subject function takes its own template's props; the preview props are exactly those.
    expect(subjectOf(Template.PreviewProps as never)).toMatch(/\w{4,}/);
  });
});

describe('the system alert to the admins', () => {
  it('lists each problem with what to do and its code, marks which are new, and links to the health view', async () => {
    const email = await render('staff-system-alert', { dashboardUrl: undefined });
    expect(email.subject).toBe('System alert: 2 problems need attention');
    expect(email.text).toContain('Problem: Many emails failed (new)');
    expect(email.text).toContain('Warning: No delivery reports from Resend (still going on)');
    expect(email.text).toContain('What to do: Open Emails → Failed.');
    expect(email.text).toContain('Code: webhooks_silent');
    expect(email.text).toContain('Open system health https://clinic.test/dashboard/health');
    expect(email.text).toContain('/api/health?deep=1');
  });

  it('names the one problem in the subject, and never a person (the props here carry a patient and a staff name)', async () => {
    const one = { ...props.healthAlert!, problems: props.healthAlert!.problems.slice(0, 1) };
    const email = await render('staff-system-alert', { healthAlert: one });
    expect(email.subject).toBe('System alert: Many emails failed');
    expect(JSON.stringify(email)).not.toMatch(/Maria|Sam Rivera|SCI-7K4M2Q/);
  });

  it('refuses to render without its problems', async () => {
    await expect(render('staff-system-alert', { healthAlert: undefined })).rejects.toThrow('missing healthAlert');
  });
});

describe('staff account emails', () => {
  it('invites with a one-time link, says when it expires, and names nobody but the invitee', async () => {
    const { subject, text } = await render('staff-invite');
    expect(subject).toBe('You have been invited to the Harbor Clinic dashboard');
    expect(text).toContain('Hello Sam Rivera,');
    expect(text).toContain('https://clinic.test/set-password/one-time-token');
    expect(text).toContain('expires in 3 days');
    expect(text).not.toContain('Maria');
  });

  it('sends a reset link that says the password has not changed if it was not asked for', async () => {
    const { subject, text } = await render('staff-password-reset', { expiresLabel: 'in 1 hour' });
    expect(subject).toBe('Reset your dashboard password');
    expect(text).toContain('https://clinic.test/set-password/one-time-token');
    expect(text).toContain('expires in 1 hour');
    expect(text).toContain('your password has not changed');
  });
});

describe('the contact-attempt email staff send by hand', () => {
  it('asks the person to call the clinic, with their reference, and says nothing else about them', async () => {
    const { subject, text } = await render('contact-attempt');
    expect(subject).toBe('We tried to reach you – Harbor Clinic');
    expect(text).toContain('Hello Maria,');
    expect(text).toContain('(reference SCI-7K4M2Q)');
    expect(text).toContain('Please call us on (617) 555-0199');
  });

  it('reads naturally without a reference', async () => {
    const { text } = await render('contact-attempt', { reference: undefined });
    expect(text).toContain('about your consultation request, but could not get');
  });
});
