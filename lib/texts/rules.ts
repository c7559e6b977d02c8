// The text channel's rules (pure, `now` passed in): which kinds of text exist and what each says, who may be
// texted (consent, a US number, not opted out), when (8am to 9pm in the patient's zone), what a reply means
// (STOP, START, HELP and their synonyms; "C" confirms), and which delivery failures mean the number is no good.
import { TZDate } from '@date-fns/tz';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { appointmentWhen } from '@/lib/booking/time-words';

/** Every kind of text, and whether the admin may turn it off (keyword answers are owed to the sender: never off). */
export const TEXT_KINDS = {
  'request-received': { label: 'Request received', switchable: true },
  'booking-confirmed': { label: 'Booking confirmation', switchable: true },
  'booking-rescheduled': { label: 'Appointment moved', switchable: true },
  'booking-cancelled': { label: 'Appointment cancelled', switchable: true },
  'appointment-reminder': { label: 'Appointment reminder', switchable: true },
  'contact-attempt': { label: '“We tried to call you” (sent by staff)', switchable: true },
  'appointment-confirmed': { label: 'Answer to “C” (appointment confirmed)', switchable: true },
  'opt-out-confirmation': { label: 'Answer to STOP', switchable: false },
  'opt-in-confirmation': { label: 'Answer to START', switchable: false },
  help: { label: 'Answer to HELP', switchable: false },
} as const;

export type TextKind = keyof typeof TEXT_KINDS;

/** Answers to the patient's own keyword: sent at any hour (they just wrote to us) and whatever the switches say. */
export const KEYWORD_ANSWERS: readonly TextKind[] = ['opt-out-confirmation', 'opt-in-confirmation', 'help', 'appointment-confirmed'];

/** Texts about one appointment: dropped when it has moved or been cancelled since. */
export const APPOINTMENT_KINDS: readonly TextKind[] = ['booking-confirmed', 'booking-rescheduled', 'appointment-reminder'];

/** What staff may send by hand from a lead's page. */
export const STAFF_SENDABLE_TEXTS = ['contact-attempt'] as const satisfies readonly TextKind[];

export function isTextKind(value: string): value is TextKind {
  return Object.hasOwn(TEXT_KINDS, value);
}

/** What a text's body is built from. Never a symptom, a diagnosis or the reason for the visit. */
export type TextProps = {
  firstName?: string;
  reference?: string;
  startsAt?: string;
  /** The patient's zone; the clinic's zone states the time of an in-person visit. */
  timeZone?: string;
  clinicTimeZone?: string;
  manageUrl?: string;
  bookAgainUrl?: string;
  /** Which reminder this is (hours before the start), for reminders only. */
  hoursBefore?: number;
  sealedLinks?: string;
};

export type TextBrand = { clinicName: string; clinicPhone: string };

/** What the form shows about texts: under the contact question, and beside the separate reminder box. */
export const TEXT_FORM_WORDS = {
  choiceHint: (clinicName: string) =>
    `If you choose text message, ${clinicName} will text you about your request and appointment: confirmations, reminders and changes. Message and data rates may apply. Reply STOP to stop, HELP for help.`,
  boxLabel: 'Text me reminders about my appointment (optional).',
  boxHint: (clinicName: string) =>
    `${clinicName} will text you confirmations, reminders and changes to your appointment, whichever way you choose to be contacted. Message and data rates may apply. Reply STOP to stop, HELP for help.`,
} as const;

/** The words a person agreed to, kept with their consent (text_consents.wording): exactly what the form showed. */
export const CONSENT_WORDING = {
  choseText: (clinicName: string) => `How would you like us to contact you? Text message. ${TEXT_FORM_WORDS.choiceHint(clinicName)}`,
  reminderBox: (clinicName: string) => `${TEXT_FORM_WORDS.boxLabel} ${TEXT_FORM_WORDS.boxHint(clinicName)}`,
} as const;

const STOP_NOTE = 'Reply STOP to stop.';

/** "Thursday 3 December 2026, 9:00am Pacific Time (12:00pm your time, Eastern)", as every page and email says it. */
function when(props: TextProps, fallbackZone: string): string {
  if (!props.startsAt) return 'your appointment time';
  return appointmentWhen(new Date(props.startsAt), { clinic: props.clinicTimeZone ?? fallbackZone, patient: props.timeZone ?? null });
}

/** A text's body (pure). Short, plain, the clinic's name first; never health details. */
export function renderText(kind: TextKind, props: TextProps, brand: TextBrand, clinicTimeZone: string): string {
  const name = brand.clinicName;
  const ref = props.reference ? ` Ref ${props.reference}.` : '';
  const manage = props.manageUrl ? ` Change or cancel: ${props.manageUrl}` : '';
  switch (kind) {
    case 'request-received':
      return `${name}: we have your request.${ref} We will call you within 1 working day. Or call us on ${brand.clinicPhone}.${manage} ${STOP_NOTE}`;
    case 'booking-confirmed':
      return `${name}: your consultation is booked for ${when(props, clinicTimeZone)}.${ref}${manage} Reply C to confirm. ${STOP_NOTE}`;
    case 'booking-rescheduled':
      return `${name}: your consultation has moved to ${when(props, clinicTimeZone)}.${ref}${manage} ${STOP_NOTE}`;
    case 'booking-cancelled':
      return `${name}: your consultation on ${when(props, clinicTimeZone)} is cancelled.${ref} To book again: ${props.bookAgainUrl ?? ''} or call ${brand.clinicPhone}. ${STOP_NOTE}`;
    case 'appointment-reminder':
      return `${name}: reminder of your consultation on ${when(props, clinicTimeZone)}.${manage} Reply C to confirm. ${STOP_NOTE}`;
    case 'contact-attempt':
      return `${name}: we tried to call you about your request.${ref} Call us on ${brand.clinicPhone}, or reply with a good time to call. ${STOP_NOTE}`;
    case 'appointment-confirmed':
      return `${name}: thank you, your consultation on ${when(props, clinicTimeZone)} is confirmed. ${STOP_NOTE}`;
    case 'opt-out-confirmation':
      return `${name}: you will get no more texts from us. Reply START to get them again. Call ${brand.clinicPhone} with any questions.`;
    case 'opt-in-confirmation':
      return `${name}: texts are on again. Reply HELP for help. ${STOP_NOTE}`;
    case 'help':
      return `${name}: texts about your consultation. For help call ${brand.clinicPhone}. Message and data rates may apply. ${STOP_NOTE}`;
  }
}

// ---------------------------------------------------------------- numbers and consent

/** A US number that can take texts, in E.164, or null (pure; libphonenumber-js decides, by area code). */
export function usTextNumber(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const parsed = parsePhoneNumberFromString(raw.trim(), { defaultCountry: 'US', extract: false });
  if (!parsed?.isValid() || parsed.country !== 'US') return null;
  return parsed.number;
}

/** Whether the person agreed to texts: they chose "Text message", or ticked the separate (unticked) reminder box. */
export function consentSource(choice: { preferredContact: string; textReminders?: boolean }): 'chose_text' | 'reminder_box' | null {
  if (choice.preferredContact === 'text') return 'chose_text';
  if (choice.textReminders) return 'reminder_box';
  return null;
}

export type NumberState = { optedOutAt: Date | null; undeliverableAt: Date | null } | null | undefined;

/** Why a text must not go to this number now, or null (pure). Keyword answers go even to an opted-out number: STOP's confirmation must. */
export function whyNotText(kind: TextKind, state: NumberState, hasConsent: boolean): 'opted_out' | 'undeliverable' | 'no_consent' | null {
  if (kind === 'opt-out-confirmation' || kind === 'help') return null;
  if (state?.optedOutAt) return 'opted_out';
  if (state?.undeliverableAt) return 'undeliverable';
  if (!hasConsent && !KEYWORD_ANSWERS.includes(kind)) return 'no_consent';
  return null;
}

// ---------------------------------------------------------------- quiet hours

/** Texts go out from 8am to 9pm in the patient's zone (TCPA's calling hours). */
export const QUIET_HOURS = { firstHour: 8, endHour: 21 } as const;

/**
 * The first moment at or after `now` when a text may go to someone in `timeZone` (pure): `now` itself between
 * 8am and 9pm there, else 8am there the same morning or the next. Built from the zone's own calendar, so a
 * clock change overnight (23 or 25 hours in the day) still lands on 8am local.
 */
export function nextSendableAt(now: Date, timeZone: string): Date {
  const local = new TZDate(now.getTime(), timeZone);
  const hour = local.getHours();
  if (hour >= QUIET_HOURS.firstHour && hour < QUIET_HOURS.endHour) return now;
  const dayOffset = hour >= QUIET_HOURS.endHour ? 1 : 0;
  const morning = new TZDate(local.getFullYear(), local.getMonth(), local.getDate() + dayOffset, QUIET_HOURS.firstHour, 0, 0, timeZone);
  return new Date(morning.getTime());
}

// ---------------------------------------------------------------- reminders

/** A reminder is dropped when the appointment is this close (or has started): it would arrive on the way. */
export const TEXT_REMINDER_MIN_NOTICE_MINUTES = 30;

/**
 * Whether a reminder (due `hoursBefore` the start) still goes out at `now` (pure). Late ones (quiet hours,
 * an outage) name the date and time, so they stay true; but not once a later reminder is due (that one says
 * the same), nor within 30 minutes of the start.
 */
export function textReminderDecision(startsAt: Date, now: Date, hoursBefore: number, allHours: readonly number[]): { send: true } | { send: false; reason: string } {
  const left = startsAt.getTime() - now.getTime();
  if (left <= 0) return { send: false, reason: 'too late: the appointment had already started' };
  if (left < TEXT_REMINDER_MIN_NOTICE_MINUTES * 60_000) return { send: false, reason: `too late: less than ${TEXT_REMINDER_MIN_NOTICE_MINUTES} minutes before the appointment` };
  const later = allHours.filter((h) => h < hoursBefore).some((h) => left <= h * 3_600_000);
  if (later) return { send: false, reason: 'too late: a later reminder is due now' };
  return { send: true };
}

/** "24,2" → [24, 2]: the hours before an appointment that reminders go (from TEXT_REMINDER_HOURS). */
export function parseReminderHours(raw: string): number[] | null {
  const parts = raw.split(',').map((p) => p.trim()).filter(Boolean);
  const hours = parts.map(Number);
  if (hours.some((h) => !Number.isInteger(h) || h < 1 || h > 168)) return null;
  return [...new Set(hours)].sort((a, b) => b - a);
}

// ---------------------------------------------------------------- replies

/** Twilio's and the CTIA's keywords, whole message, any case, surrounding spaces and punctuation ignored. */
const STOP_WORDS = ['STOP', 'STOPALL', 'STOP ALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'OPTOUT', 'OPT OUT', 'REVOKE'];
const START_WORDS = ['START', 'UNSTOP', 'YES'];
const HELP_WORDS = ['HELP', 'INFO'];
const CONFIRM_WORDS = ['C', 'CONFIRM'];

export type ReplyMeaning = 'stop' | 'start' | 'help' | 'confirm' | 'message';

/** What a reply means (pure). Anything but a keyword alone is a message for staff. */
export function replyMeaning(body: string): ReplyMeaning {
  const word = body
    .normalize('NFKC')
    .trim()
    .replace(/^[\s"'“”.!?]+|[\s"'“”.!?]+$/g, '')
    .replace(/\s+/g, ' ')
    .toUpperCase();
  if (STOP_WORDS.includes(word)) return 'stop';
  if (START_WORDS.includes(word)) return 'start';
  if (HELP_WORDS.includes(word)) return 'help';
  if (CONFIRM_WORDS.includes(word)) return 'confirm';
  return 'message';
}

// ---------------------------------------------------------------- delivery

export type DeliveryStatus = 'sent' | 'delivered' | 'undelivered' | 'failed';

/** Twilio's status callback values this product records; queued/sending/accepted add nothing. */
export function deliveryStatus(raw: string): DeliveryStatus | null {
  return raw === 'sent' || raw === 'delivered' || raw === 'undelivered' || raw === 'failed' ? raw : null;
}

const RANK: Record<string, number> = { pending: 0, sending: 1, held: 1, sent: 2, delivered: 3, undelivered: 4, failed: 4, cancelled: 4 };

/** Whether a status report may replace the current status (pure): later news only; a delivery never hides a failure. */
export function statusMovesForward(current: string, next: DeliveryStatus): boolean {
  return (RANK[next] ?? 0) > (RANK[current] ?? 0);
}

/**
 * Error codes that mean the number cannot take texts (Twilio's list): 21211 invalid number, 21614 not a mobile
 * number, 30003 unreachable handset, 30005 unknown or inactive number, 30006 landline or unreachable carrier.
 * 21610 means the person opted out (STOP) at Twilio.
 */
const UNDELIVERABLE_CODES = new Set(['21211', '21614', '30003', '30005', '30006']);
export const OPTED_OUT_CODE = '21610';

export function numberVerdict(errorCode: string | null | undefined): 'undeliverable' | 'opted_out' | null {
  if (!errorCode) return null;
  if (errorCode === OPTED_OUT_CODE) return 'opted_out';
  return UNDELIVERABLE_CODES.has(errorCode) ? 'undeliverable' : null;
}

/** Whether a text to this zone may go out now, and if not, when (pure). Keyword answers go at once. */
export function quietHoursDecision(kind: TextKind, now: Date, timeZone: string): { now: true } | { now: false; at: Date } {
  if (KEYWORD_ANSWERS.includes(kind)) return { now: true };
  const at = nextSendableAt(now, timeZone);
  return at.getTime() === now.getTime() ? { now: true } : { now: false, at };
}
