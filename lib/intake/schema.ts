// The consultation request's input schemas, one per form step plus the whole request, shared by the browser and the server.
//
// They read raw form values: strings, unticked checkboxes absent, repeated keys for multi-checkboxes
// (see `formDataToObject`). Messages follow the GOV.UK / NHS error-message style: say what to do,
// no "please", no "invalid", and the same words inline and in the error summary.
import parsePhoneNumberFromString, { type CountryCode } from 'libphonenumber-js';
import { z } from '@/lib/zod';
import {
  CONTACT_METHODS,
  CONTACT_TIMES,
  PAIN_AREAS,
  PAIN_DURATIONS,
  SURGERY_RECOMMENDED,
  TREATMENTS_TRIED,
} from '@/db/enums';
import { RED_FLAG_ANSWERS, RED_FLAG_QUESTIONS, type RedFlag } from './triage';

// ---------------------------------------------------------------- limits

export const NAME_MAX = 100;
export const EMAIL_MAX = 254;
/** Long enough for any real number with spaces and an extension; stops giant strings reaching the parser. */
export const PHONE_MAX = 50;
export const MESSAGE_MAX = 2000;
export const PAIN_LEVEL_MIN = 0;
export const PAIN_LEVEL_MAX = 10;
export const SOURCE_PAGE_MAX = 100;
export const URL_MAX = 500;
export const UTM_MAX = 200;
/** Longer than any IANA zone name ("America/Argentina/ComodRivadavia" is 32): a longer one is not looked up. */
export const TIME_ZONE_MAX = 64;

/** The checkbox value that means "None of these" on the treatments question. */
export const NO_TREATMENTS = 'none';
/** The slot value that means "Call me to arrange a time". */
export const CALL_TO_ARRANGE = 'call';
/** Form fields sent as repeated keys (checkbox groups). */
export const MULTI_VALUE_FIELDS = ['treatmentsTried'] as const;

export type TreatmentTried = (typeof TREATMENTS_TRIED)[number];

const SOURCE_PAGE_PATTERN = /^[a-z0-9-]+$/;

// ---------------------------------------------------------------- messages

const count = (n: number) => n.toLocaleString('en-US');

export const MESSAGES = {
  firstNameRequired: 'Enter your first name',
  firstNameTooLong: `First name must be ${count(NAME_MAX)} characters or fewer`,
  firstNameCharacters: 'First name must not include line breaks or hidden control characters',
  lastNameRequired: 'Enter your last name',
  lastNameTooLong: `Last name must be ${count(NAME_MAX)} characters or fewer`,
  lastNameCharacters: 'Last name must not include line breaks or hidden control characters',
  emailRequired: 'Enter your email address',
  emailFormat: 'Enter an email address in the correct format, like name@example.com',
  emailTooLong: `Email address must be ${count(EMAIL_MAX)} characters or fewer`,
  phoneRequired: 'Enter your phone number',
  phoneFormat: 'Enter a phone number in the correct format, like 323 555 0142',
  preferredContact: 'Select how you would like us to contact you',
  bestTimeToCall: 'Select the best time to call you',
  timeZone: 'Select your time zone',
  painArea: 'Select where your pain is',
  painDuration: 'Select how long you have had this pain',
  painLevel: `Select a number from ${PAIN_LEVEL_MIN} to ${PAIN_LEVEL_MAX} for your pain`,
  treatmentsConflict: "Select treatments you have tried, or select 'None of these'",
  treatmentsUnknown: "Select treatments from the list, or select 'None of these'",
  surgeryRecommended: 'Select yes, no or not sure if a doctor has recommended surgery',
  messageTooLong: `Your message must be ${count(MESSAGE_MAX)} characters or fewer`,
  messageCharacters: 'Remove the hidden control characters from your message',
  slot: "Choose a time, or choose 'Call me to arrange a time'",
  contactConsent: 'Confirm we can contact you about your request',
  textNeedsUsNumber: 'To get text messages, enter a US mobile number, like 323 555 0142',
  textReminders: 'Tick the box to get text reminders, or leave it empty',
  privacyAcknowledged: 'Confirm you have read the privacy notice',
  // A hidden field: only missing when the form page was not the one we served.
  idempotencyKey: 'Your request could not be sent. Go back to the start of the form and try again',
} as const;

// ---------------------------------------------------------------- normalizers

/** The dedupe key for returning people: trimmed and lower-cased (leads.email_normalized). */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * A phone number as people type it ("(323) 555-0142", "323.555.0142", "+44 20 7946 0958")
 * in E.164 ("+13235550142"), or null when it is not a real number. Numbers without a country
 * code are read as `defaultCountry`. Letters are refused rather than skipped, so "323-555-CALL"
 * is not stored as a shorter number. An extension is accepted but not kept: E.164 cannot hold it.
 */
export function normalizePhone(raw: string, defaultCountry: CountryCode = 'US'): string | null {
  const text = raw.trim();
  if (!text || text.length > PHONE_MAX) return null;
  const parsed = parsePhoneNumberFromString(text, { defaultCountry, extract: false });
  return parsed?.isValid() ? parsed.number : null;
}

/** The zone's canonical name ("america/new_york" → "America/New_York"), or null if Intl does not know it. */
function canonicalTimeZone(timeZone: string): string | null {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------- raw form values

/**
 * How many characters a text has, as a person counts them and as the form's counter shows them: Unicode code
 * points, so "é", "中" and "😀" are one each (JavaScript's `length` counts UTF-16 units, two for an emoji). It is
 * also how PostgreSQL's char_length counts, which the database's own checks use (consultation_requests.message).
 */
export function charCount(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    // A high surrogate followed by a low one is one code point; a lone surrogate counts as one.
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** The most characters each answer may have, as the schema counts them (after trimming). */
const ANSWER_MAX: Record<string, number> = {
  firstName: NAME_MAX,
  lastName: NAME_MAX,
  email: EMAIL_MAX,
  phone: PHONE_MAX,
  timeZone: TIME_ZONE_MAX,
  message: MESSAGE_MAX,
};
/** Every other answer is a choice, a checkbox or a time: far shorter than this. */
const OTHER_ANSWER_MAX = 100;

/** An answer as the schema reads it before counting: trimmed, and a textarea's CRLF line breaks as one each. */
const asCounted = (field: string, raw: string) => (field === 'message' ? raw.replace(/\r\n?/g, '\n').trim() : raw.trim());

/**
 * An answer as the draft may keep it, or null when it is longer than its field allows (refused with the field's
 * own message, never stored). One that fits is kept exactly as typed; one that fits only once trimmed (spaces
 * around it, which the schema ignores) is kept trimmed, so nothing stored is ever longer than its limit.
 */
export function storableAnswer(field: string, raw: string): string | null {
  const max = ANSWER_MAX[field] ?? OTHER_ANSWER_MAX;
  if (charCount(raw) <= max) return raw;
  const counted = asCounted(field, raw);
  return charCount(counted) <= max ? counted : null;
}

/** One form value: a repeated key (which only a tampered post sends for a single field) keeps the first. */
function single(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}

/** A checkbox group: absent → [], one ticked → [value], several → the repeated values (files ignored). */
function many(value: unknown): string[] {
  const values = value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
  return values.filter((v): v is string => typeof v === 'string');
}

/** A trimmed non-empty string, or undefined. */
function optionalText(value: unknown): string | undefined {
  const v = single(value);
  if (typeof v !== 'string') return undefined;
  const trimmed = v.trim();
  return trimmed === '' ? undefined : trimmed;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Text a person could have typed: no control characters (NUL, escape, backspace…; line breaks and tabs only
 * where `allowed` says), and no lone UTF-16 surrogates, which no keyboard makes and the database cannot store
 * as sent. Letters of every script, right-to-left marks and combining marks are all kept as typed.
 */
export function isTypedText(text: string, allowed: 'single-line' | 'multi-line'): boolean {
  const controls = allowed === 'multi-line' ? /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/ : /[\u0000-\u001f\u007f-\u009f]/;
  return !controls.test(text) && !LONE_SURROGATE.test(text);
}

function requiredText(messages: { required: string; tooLong: string; characters: string }, max: number) {
  return z.preprocess(
    single,
    z
      .string({ error: messages.required })
      .trim()
      .min(1, messages.required)
      .refine((text) => charCount(text) <= max, messages.tooLong)
      .refine((text) => isTypedText(text, 'single-line'), messages.characters),
  );
}

function choice<const T extends readonly [string, ...string[]]>(values: T, message: string) {
  return z.preprocess(single, z.enum(values, { error: message }));
}

/** A ticked checkbox whose value is 'yes'; anything else is not consent. */
function requiredCheckbox(message: string) {
  return z.preprocess(single, z.literal('yes', { error: message })).transform(() => true as const);
}

/**
 * Attribution must never block a patient: a value that is missing, too long or the wrong shape
 * becomes undefined rather than an error.
 */
function attribution(max: number, pattern?: RegExp) {
  return z.preprocess((value) => {
    const text = optionalText(value);
    if (text === undefined || text.length > max || !isTypedText(text, 'single-line')) return undefined;
    if (pattern && !pattern.test(text)) return undefined;
    return text;
  }, z.string().optional());
}

// ---------------------------------------------------------------- fields

const email = z.preprocess(
  single,
  z
    .string({ error: MESSAGES.emailRequired })
    .trim()
    .min(1, MESSAGES.emailRequired)
    .refine((text) => charCount(text) <= EMAIL_MAX, MESSAGES.emailTooLong)
    .pipe(z.email({ error: MESSAGES.emailFormat })),
);

const phone = z.preprocess(
  single,
  z
    .string({ error: MESSAGES.phoneRequired })
    .trim()
    .min(1, MESSAGES.phoneRequired)
    .transform((raw, ctx) => {
      const e164 = normalizePhone(raw);
      if (e164 === null) {
        ctx.issues.push({ code: 'custom', message: MESSAGES.phoneFormat, input: raw });
        return z.NEVER;
      }
      return e164;
    }),
);

const timeZone = z.preprocess(
  single,
  z
    .string({ error: MESSAGES.timeZone })
    .trim()
    .min(1, MESSAGES.timeZone)
    .transform((raw, ctx) => {
      // Intl takes ~50 ms to refuse a 1 MB zone name: a long one is refused without asking it.
      const zone = raw.length > TIME_ZONE_MAX ? null : canonicalTimeZone(raw);
      if (zone === null) {
        ctx.issues.push({ code: 'custom', message: MESSAGES.timeZone, input: raw });
        return z.NEVER;
      }
      return zone;
    }),
);

const painLevel = z.preprocess(
  single,
  z.union([z.string(), z.number()], { error: MESSAGES.painLevel }).transform((raw, ctx) => {
    const text = String(raw).trim();
    // Whole numbers only: "7", not "7.5", "1e1" or "0x7", all of which Number() would accept.
    const level = /^\d{1,2}$/.test(text) ? Number(text) : NaN;
    if (!(level >= PAIN_LEVEL_MIN && level <= PAIN_LEVEL_MAX)) {
      ctx.issues.push({ code: 'custom', message: MESSAGES.painLevel, input: raw });
      return z.NEVER;
    }
    return level;
  }),
);

const isTreatment = (value: string): value is TreatmentTried =>
  (TREATMENTS_TRIED as readonly string[]).includes(value);

/** May be empty; 'none' means empty, and 'none' with a treatment ticked too is a contradiction to ask about. */
const treatmentsTried = z.preprocess(
  many,
  z.array(z.string()).transform((raw, ctx): TreatmentTried[] => {
    const values = raw.map((v) => v.trim()).filter((v) => v !== '');
    const picked = values.filter((v) => v !== NO_TREATMENTS);
    if (values.includes(NO_TREATMENTS) && picked.length > 0) {
      ctx.issues.push({ code: 'custom', message: MESSAGES.treatmentsConflict, input: raw });
      return z.NEVER;
    }
    if (!picked.every(isTreatment)) {
      ctx.issues.push({ code: 'custom', message: MESSAGES.treatmentsUnknown, input: raw });
      return z.NEVER;
    }
    // The list's own order, once each: the same answers always store the same array.
    return TREATMENTS_TRIED.filter((t) => picked.includes(t));
  }),
);

const message = z.preprocess(
  (value) => {
    const v = single(value);
    if (typeof v !== 'string') return v;
    // Browsers send a textarea's line breaks as CRLF; count each as the one character the person typed.
    const text = v.replace(/\r\n?/g, '\n').trim();
    return text === '' ? undefined : text;
  },
  z
    .string()
    .refine((text) => charCount(text) <= MESSAGE_MAX, MESSAGES.messageTooLong)
    .refine((text) => isTypedText(text, 'multi-line'), MESSAGES.messageCharacters)
    .optional(),
);

const isoInstant = z.iso.datetime({ offset: true });

/** 'call', or the chosen slot's start as an ISO instant, re-written as `Date#toISOString()`. */
const slot = z.preprocess(
  single,
  z
    .string({ error: MESSAGES.slot })
    .trim()
    .transform((raw, ctx) => {
      if (raw === CALL_TO_ARRANGE) return CALL_TO_ARRANGE;
      if (isoInstant.safeParse(raw).success) return new Date(raw).toISOString();
      ctx.issues.push({ code: 'custom', message: MESSAGES.slot, input: raw });
      return z.NEVER;
    }),
);

// ---------------------------------------------------------------- steps

const contactFields = {
  firstName: requiredText({ required: MESSAGES.firstNameRequired, tooLong: MESSAGES.firstNameTooLong, characters: MESSAGES.firstNameCharacters }, NAME_MAX),
  lastName: requiredText({ required: MESSAGES.lastNameRequired, tooLong: MESSAGES.lastNameTooLong, characters: MESSAGES.lastNameCharacters }, NAME_MAX),
  email,
  phone,
  preferredContact: choice(CONTACT_METHODS, MESSAGES.preferredContact),
  // The separate, unticked-by-default consent to text reminders (lib/texts/rules CONSENT_WORDING): ticked posts
  // "yes", unticked posts nothing; anything else is a tampered form, refused on the box.
  textReminders: z
    .preprocess((value) => single(value) ?? '', z.enum(['yes', ''], { error: MESSAGES.textReminders }))
    .transform((value) => value === 'yes'),
  bestTimeToCall: choice(CONTACT_TIMES, MESSAGES.bestTimeToCall),
  timeZone,
};

/** Texts go only to US numbers: someone who asks for them with another number is told so, on the phone field. */
function textsNeedUsNumber(value: { phone: string; preferredContact: string; textReminders: boolean }, ctx: z.RefinementCtx) {
  if (value.preferredContact !== 'text' && !value.textReminders) return;
  if (parsePhoneNumberFromString(value.phone)?.country === 'US') return;
  ctx.addIssue({ code: 'custom', path: ['phone'], message: MESSAGES.textNeedsUsNumber });
}

const painFields = {
  painArea: choice(PAIN_AREAS, MESSAGES.painArea),
  painDuration: choice(PAIN_DURATIONS, MESSAGES.painDuration),
  painLevel,
  treatmentsTried,
  surgeryRecommended: choice(SURGERY_RECOMMENDED, MESSAGES.surgeryRecommended),
  message,
};

const redFlagFields = Object.fromEntries(
  RED_FLAG_QUESTIONS.map((q) => [q.id, choice(RED_FLAG_ANSWERS, q.errorMessage)]),
) as Record<RedFlag, ReturnType<typeof choice<typeof RED_FLAG_ANSWERS>>>;

const timeFields = { slot };

const consentFields = {
  contactConsent: requiredCheckbox(MESSAGES.contactConsent),
  privacyAcknowledged: requiredCheckbox(MESSAGES.privacyAcknowledged),
  marketingOptIn: z.preprocess((value) => single(value) === 'yes', z.boolean()),
};

const hiddenFields = {
  idempotencyKey: z.preprocess(single, z.uuid({ error: MESSAGES.idempotencyKey })),
  sourcePage: attribution(SOURCE_PAGE_MAX, SOURCE_PAGE_PATTERN),
  landingPage: attribution(URL_MAX),
  referrer: attribution(URL_MAX),
  utmSource: attribution(UTM_MAX),
  utmMedium: attribution(UTM_MAX),
  utmCampaign: attribution(UTM_MAX),
  utmTerm: attribution(UTM_MAX),
  utmContent: attribution(UTM_MAX),
};

const withNormalizedEmail = <T extends { email: string }>(value: T) => ({
  ...value,
  emailNormalized: normalizeEmail(value.email),
});

export const contactStep = z.object(contactFields).superRefine(textsNeedUsNumber).transform(withNormalizedEmail);
export const painStep = z.object(painFields);
export const redFlagStep = z.object(redFlagFields);
export const timeStep = z.object(timeFields);
export const consentStep = z.object(consentFields);

export const consultationRequestSchema = z
  .object({
    ...contactFields,
    ...painFields,
    ...redFlagFields,
    ...timeFields,
    ...consentFields,
    ...hiddenFields,
  })
  .superRefine(textsNeedUsNumber)
  .transform(withNormalizedEmail);

/** Every field in the order the form asks for it: the order of the error summary. */
export const FIELD_ORDER = [
  ...Object.keys(contactFields),
  ...Object.keys(painFields),
  ...Object.keys(redFlagFields),
  ...Object.keys(timeFields),
  ...Object.keys(consentFields),
  ...Object.keys(hiddenFields),
] as const;

/**
 * The new time on the manage link's "move my consultation" form: a real instant, never "call me" (not offered
 * there, and refused if sent anyway). Null means: ask again.
 */
export function parseNewTime(raw: Record<string, unknown>): string | null {
  const parsed = timeStep.safeParse(raw);
  return parsed.success && parsed.data.slot !== CALL_TO_ARRANGE ? parsed.data.slot : null;
}

export type ContactStepInput = z.output<typeof contactStep>;
export type PainStepInput = z.output<typeof painStep>;
export type RedFlagStepInput = z.output<typeof redFlagStep>;
export type TimeStepInput = z.output<typeof timeStep>;
export type ConsentStepInput = z.output<typeof consentStep>;
export type ConsultationRequestInput = z.output<typeof consultationRequestSchema>;

// ---------------------------------------------------------------- form helpers

/**
 * The first message for each field, keyed by its path joined with '.', in the order the form
 * asks the questions: what the inline errors and the error summary show.
 */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const rank = (key: string) => {
    const i = (FIELD_ORDER as readonly string[]).indexOf(key.split('.')[0] ?? '');
    return i === -1 ? FIELD_ORDER.length : i;
  };
  const firsts = new Map<string, string>();
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.');
    if (!firsts.has(key)) firsts.set(key, issue.message);
  }
  // Array#sort is stable, so fields outside FIELD_ORDER keep the order zod reported them in.
  return Object.fromEntries([...firsts].sort(([a], [b]) => rank(a) - rank(b)));
}

/**
 * FormData (or a query string) as a plain object for the schemas: one value per key, except the
 * named multi-value fields, which become arrays of every value sent under that key.
 */
export function formDataToObject(
  fd: FormData | URLSearchParams,
  multi: readonly string[] = MULTI_VALUE_FIELDS,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(fd.keys())) {
    out[key] = multi.includes(key) ? fd.getAll(key) : fd.get(key);
  }
  return out;
}
