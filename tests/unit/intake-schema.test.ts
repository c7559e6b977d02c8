import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  consentStep,
  consultationRequestSchema,
  contactStep,
  EMAIL_MAX,
  FIELD_ORDER,
  fieldErrors,
  formDataToObject,
  MESSAGE_MAX,
  MESSAGES,
  NAME_MAX,
  normalizeEmail,
  normalizePhone,
  painStep,
  redFlagStep,
  timeStep,
  type ConsultationRequestInput,
} from '@/lib/intake/schema';
import { RED_FLAG_QUESTIONS } from '@/lib/intake/triage';

type RawForm = Record<string, string | string[] | undefined>;

const IDEMPOTENCY_KEY = '0b6f7c1e-4a3d-4b8e-9c2a-5d1f0e7a9b34';

const contact: RawForm = {
  firstName: 'Maria',
  lastName: 'Alvarez',
  email: 'maria.alvarez@example.com',
  phone: '(323) 555-0142',
  preferredContact: 'phone',
  bestTimeToCall: 'morning',
  timeZone: 'America/Los_Angeles',
};
const pain: RawForm = {
  painArea: 'lower_back',
  painDuration: '3_to_12_months',
  painLevel: '7',
  treatmentsTried: ['physical_therapy', 'medication'],
  surgeryRecommended: 'not_sure',
  message: 'Pain goes down my left leg when I sit.',
};
const redFlags: RawForm = Object.fromEntries(RED_FLAG_QUESTIONS.map((q) => [q.id, 'no']));
const time: RawForm = { slot: '2026-08-05T09:10:00-07:00' };
const consent: RawForm = { contactConsent: 'yes', privacyAcknowledged: 'yes' };
const hidden: RawForm = { idempotencyKey: IDEMPOTENCY_KEY, sourcePage: 'lumbar-decompression' };
const fullForm = (overrides: RawForm = {}): RawForm => ({
  ...contact,
  ...pain,
  ...redFlags,
  ...time,
  ...consent,
  ...hidden,
  ...overrides,
});

function toFormData(form: RawForm): FormData {
  const fd = new FormData();
  for (const [key, value] of Object.entries(form)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) fd.append(key, v);
  }
  return fd;
}

/** The errors the form would show for these raw values, or {} when they pass. */
function errorsFor(schema: z.ZodType, form: Record<string, unknown>): Record<string, string> {
  const result = schema.safeParse(form);
  return result.success ? {} : fieldErrors(result.error);
}

describe('contact step', () => {
  it('accepts a complete step, trims names and stores the phone number in E.164', () => {
    const result = contactStep.parse({ ...contact, firstName: '  Maria ', lastName: ' Alvarez  ' });
    expect(result).toEqual({
      firstName: 'Maria',
      lastName: 'Alvarez',
      email: 'maria.alvarez@example.com',
      emailNormalized: 'maria.alvarez@example.com',
      phone: '+13235550142',
      preferredContact: 'phone',
      textReminders: false,
      bestTimeToCall: 'morning',
      timeZone: 'America/Los_Angeles',
    });
  });

  it('accepts text messages only with a US number, and says so on the phone field', () => {
    expect(contactStep.parse({ ...contact, preferredContact: 'text' }).preferredContact).toBe('text');
    expect(contactStep.parse({ ...contact, textReminders: 'yes' }).textReminders).toBe(true);
    const message = 'To get text messages, enter a US mobile number, like 323 555 0142';
    expect(errorsFor(contactStep, { ...contact, phone: '+44 20 7946 0958', preferredContact: 'text' })).toEqual({ phone: message });
    expect(errorsFor(contactStep, { ...contact, phone: '+44 20 7946 0958', textReminders: 'yes' })).toEqual({ phone: message });
    expect(contactStep.parse({ ...contact, phone: '+44 20 7946 0958' }).phone).toBe('+442079460958');
  });

  it.each([
    ['firstName', '', 'Enter your first name'],
    ['firstName', '   ', 'Enter your first name'],
    ['firstName', undefined, 'Enter your first name'],
    ['lastName', '', 'Enter your last name'],
    ['email', '', 'Enter your email address'],
    ['email', undefined, 'Enter your email address'],
    ['phone', '  ', 'Enter your phone number'],
    ['phone', undefined, 'Enter your phone number'],
    ['preferredContact', undefined, 'Select how you would like us to contact you'],
    ['preferredContact', 'fax', 'Select how you would like us to contact you'],
    ['bestTimeToCall', '', 'Select the best time to call you'],
    ['bestTimeToCall', 'midnight', 'Select the best time to call you'],
    ['timeZone', '', 'Select your time zone'],
    ['timeZone', 'Mars/Olympus_Mons', 'Select your time zone'],
  ])('asks again when %s is %j: "%s"', (field, value, message) => {
    expect(errorsFor(contactStep, { ...contact, [field]: value })).toEqual({ [field]: message });
  });

  it.each([
    ['firstName', 'First name must be 100 characters or fewer'],
    ['lastName', 'Last name must be 100 characters or fewer'],
  ])('accepts a %s of exactly NAME_MAX characters and refuses one longer', (field, message) => {
    expect(errorsFor(contactStep, { ...contact, [field]: 'a'.repeat(NAME_MAX) })).toEqual({});
    expect(errorsFor(contactStep, { ...contact, [field]: 'a'.repeat(NAME_MAX + 1) })).toEqual({ [field]: message });
  });

  describe('email address', () => {
    it.each(['name', 'name@', 'name@example', 'name.example.com', 'name @example.com', 'name@@example.com'])(
      'asks for the correct format when given %j',
      (email) => {
        expect(errorsFor(contactStep, { ...contact, email })).toEqual({
          email: 'Enter an email address in the correct format, like name@example.com',
        });
      },
    );

    it('refuses an address longer than EMAIL_MAX characters', () => {
      const email = `${'a'.repeat(EMAIL_MAX - 'example.com'.length)}@example.com`;
      expect(email.length).toBe(EMAIL_MAX + 1);
      expect(errorsFor(contactStep, { ...contact, email })).toEqual({
        email: 'Email address must be 254 characters or fewer',
      });
    });

    it('keeps the address as typed (trimmed) and adds a lower-cased copy to find returning people', () => {
      const result = contactStep.parse({ ...contact, email: '  Maria.Alvarez@Example.COM ' });
      expect(result.email).toBe('Maria.Alvarez@Example.COM');
      expect(result.emailNormalized).toBe('maria.alvarez@example.com');
    });

    it.each([
      ['Maria@Example.com', 'maria@example.com'],
      ['  maria@example.com\n', 'maria@example.com'],
      ['MARIA+BACK@EXAMPLE.COM', 'maria+back@example.com'],
    ])('normalizes %j to %j', (email, normalized) => {
      expect(normalizeEmail(email)).toBe(normalized);
    });
  });

  describe('phone number', () => {
    it.each([
      '(323) 555-0142',
      '323.555.0142',
      '323-555-0142',
      '323 555 0142',
      '3235550142',
      '1 323 555 0142',
      '+1 323 555 0142',
      '+1 (323) 555-0142',
      '+13235550142',
    ])('accepts the US number %j as +13235550142', (phone) => {
      expect(contactStep.parse({ ...contact, phone }).phone).toBe('+13235550142');
    });

    it.each([
      ['+44 20 7946 0958', '+442079460958'],
      ['011 44 20 7946 0958', '+442079460958'],
    ])('accepts the UK number %j with its country code', (phone, e164) => {
      expect(contactStep.parse({ ...contact, phone }).phone).toBe(e164);
    });

    it.each([
      ['a number in the 555 area code, which does not exist', '(555) 123-4567'],
      ['a number with letters', '323-555-CALL'],
      ['words', 'call me anytime'],
      ['too few digits', '555 0142'],
      ['too many digits', '323 555 0142 0142'],
      ['a UK number without its country code', '020 7946 0958'],
    ])('asks for the correct format when given %s', (_case, phone) => {
      expect(errorsFor(contactStep, { ...contact, phone })).toEqual({
        phone: 'Enter a phone number in the correct format, like 323 555 0142',
      });
    });

    it('reads numbers without a country code as the default country', () => {
      expect(normalizePhone('(323) 555-0142')).toBe('+13235550142');
      expect(normalizePhone('020 7946 0958', 'GB')).toBe('+442079460958');
      expect(normalizePhone('(555) 123-4567')).toBeNull();
      expect(normalizePhone('')).toBeNull();
      expect(normalizePhone('3'.repeat(1000))).toBeNull();
    });
  });

  it('stores the time zone under its canonical name', () => {
    expect(contactStep.parse({ ...contact, timeZone: 'america/new_york' }).timeZone).toBe('America/New_York');
  });
});

describe('pain step', () => {
  it('accepts a complete step', () => {
    expect(painStep.parse(pain)).toEqual({
      painArea: 'lower_back',
      painDuration: '3_to_12_months',
      painLevel: 7,
      treatmentsTried: ['physical_therapy', 'medication'],
      surgeryRecommended: 'not_sure',
      message: 'Pain goes down my left leg when I sit.',
    });
  });

  it.each([
    ['painArea', undefined, 'Select where your pain is'],
    ['painArea', 'elbow', 'Select where your pain is'],
    ['painDuration', '', 'Select how long you have had this pain'],
    ['surgeryRecommended', undefined, 'Select yes, no or not sure if a doctor has recommended surgery'],
    ['surgeryRecommended', 'maybe', 'Select yes, no or not sure if a doctor has recommended surgery'],
  ])('asks again when %s is %j: "%s"', (field, value, message) => {
    expect(errorsFor(painStep, { ...pain, [field]: value })).toEqual({ [field]: message });
  });

  it.each([
    ['0', 0],
    ['10', 10],
    [' 7 ', 7],
    ['05', 5],
  ])('reads the pain level %j as %i', (painLevel, level) => {
    expect(painStep.parse({ ...pain, painLevel }).painLevel).toBe(level);
  });

  it.each([undefined, '', '-1', '11', '100', '7.5', 'seven', '1e1', '0x7', 'NaN'])(
    'asks for a number from 0 to 10 when the pain level is %j',
    (painLevel) => {
      expect(errorsFor(painStep, { ...pain, painLevel })).toEqual({
        painLevel: 'Select a number from 0 to 10 for your pain',
      });
    },
  );

  describe('treatments tried', () => {
    it.each<[string, string | string[] | undefined, string[]]>([
      ['nothing ticked', undefined, []],
      ["'None of these' ticked", 'none', []],
      ["'None of these' sent as a list", ['none'], []],
      ['one treatment', 'injections', ['injections']],
      ['several treatments, kept in the order of the list', ['surgery', 'physical_therapy'], ['physical_therapy', 'surgery']],
      ['a treatment sent twice', ['medication', 'medication'], ['medication']],
    ])('accepts %s', (_case, treatmentsTried, expected) => {
      expect(painStep.parse({ ...pain, treatmentsTried }).treatmentsTried).toEqual(expected);
    });

    it("asks again when 'None of these' and a treatment are both ticked", () => {
      expect(errorsFor(painStep, { ...pain, treatmentsTried: ['none', 'injections'] })).toEqual({
        treatmentsTried: "Select treatments you have tried, or select 'None of these'",
      });
    });

    it('refuses a treatment that is not on the list', () => {
      expect(errorsFor(painStep, { ...pain, treatmentsTried: ['injections', 'acupuncture'] })).toEqual({
        treatmentsTried: "Select treatments from the list, or select 'None of these'",
      });
    });
  });

  describe('message', () => {
    it.each([undefined, '', '   \n  '])('treats %j as no message', (message) => {
      expect(painStep.parse({ ...pain, message }).message).toBeUndefined();
    });

    it('accepts a message of exactly MESSAGE_MAX characters', () => {
      expect(painStep.parse({ ...pain, message: 'a'.repeat(MESSAGE_MAX) }).message).toHaveLength(MESSAGE_MAX);
    });

    it('refuses a message of MESSAGE_MAX + 1 characters', () => {
      expect(errorsFor(painStep, { ...pain, message: 'a'.repeat(MESSAGE_MAX + 1) })).toEqual({
        message: 'Your message must be 2,000 characters or fewer',
      });
    });

    it('counts a line break the browser sent as CRLF as one character', () => {
      const message = `${'a'.repeat(MESSAGE_MAX / 2 - 1)}\r\n${'b'.repeat(MESSAGE_MAX / 2)}`;
      expect(message).toHaveLength(MESSAGE_MAX + 1);
      expect(painStep.parse({ ...pain, message }).message).toHaveLength(MESSAGE_MAX);
    });
  });
});

describe('red-flag step', () => {
  it('accepts yes, no and not sure answers', () => {
    const answers = { ...redFlags, fever: 'yes', leg_weakness: 'not_sure' };
    expect(redFlagStep.parse(answers)).toEqual(answers);
  });

  it.each(RED_FLAG_QUESTIONS.map((q) => [q.id, q.errorMessage] as const))(
    'asks again, naming the symptom, when %s is not answered',
    (id, message) => {
      expect(message).toMatch(/^Select yes, no or not sure if /);
      expect(errorsFor(redFlagStep, { ...redFlags, [id]: undefined })).toEqual({ [id]: message });
      expect(errorsFor(redFlagStep, { ...redFlags, [id]: 'maybe' })).toEqual({ [id]: message });
    },
  );
});

describe('time step', () => {
  it("accepts 'call' for 'Call me to arrange a time'", () => {
    expect(timeStep.parse({ slot: 'call' })).toEqual({ slot: 'call' });
  });

  it.each([
    ['2026-08-05T16:10:00.000Z', '2026-08-05T16:10:00.000Z'],
    ['2026-08-05T16:10:00Z', '2026-08-05T16:10:00.000Z'],
    ['2026-08-05T09:10:00-07:00', '2026-08-05T16:10:00.000Z'],
  ])('accepts the slot %j as the instant %j', (slot, instant) => {
    expect(timeStep.parse({ slot }).slot).toBe(instant);
  });

  it.each([
    ['no choice', undefined],
    ['an empty choice', ''],
    ['words', 'tomorrow morning'],
    ['a date without a time', '2026-08-05'],
    ['a time without a zone', '2026-08-05T16:10:00'],
    ['a day that does not exist', '2026-02-30T16:10:00Z'],
  ])('asks for a choice when given %s', (_case, slot) => {
    expect(errorsFor(timeStep, { slot })).toEqual({ slot: "Choose a time, or choose 'Call me to arrange a time'" });
  });
});

describe('consent step', () => {
  it('records contact consent and privacy, with marketing off unless ticked', () => {
    expect(consentStep.parse(consent)).toEqual({
      contactConsent: true,
      privacyAcknowledged: true,
      marketingOptIn: false,
    });
    expect(consentStep.parse({ ...consent, marketingOptIn: 'yes' }).marketingOptIn).toBe(true);
  });

  it.each([
    ['contactConsent', undefined, 'Confirm we can contact you about your request'],
    ['contactConsent', 'on', 'Confirm we can contact you about your request'],
    ['privacyAcknowledged', undefined, 'Confirm you have read the privacy notice'],
    ['privacyAcknowledged', '', 'Confirm you have read the privacy notice'],
  ])('asks again when %s is %j', (field, value, message) => {
    expect(errorsFor(consentStep, { ...consent, [field]: value })).toEqual({ [field]: message });
  });
});

describe('the whole consultation request', () => {
  it('turns a submitted form into a request ready to save', () => {
    const fd = toFormData(fullForm({ email: 'Maria.Alvarez@Example.com', utmSource: 'google', utmCampaign: 'spring-back' }));
    fd.append('$ACTION_ID_abc123', '');
    const expected: ConsultationRequestInput = {
      firstName: 'Maria',
      lastName: 'Alvarez',
      email: 'Maria.Alvarez@Example.com',
      emailNormalized: 'maria.alvarez@example.com',
      phone: '+13235550142',
      preferredContact: 'phone',
      textReminders: false,
      bestTimeToCall: 'morning',
      timeZone: 'America/Los_Angeles',
      painArea: 'lower_back',
      painDuration: '3_to_12_months',
      painLevel: 7,
      treatmentsTried: ['physical_therapy', 'medication'],
      surgeryRecommended: 'not_sure',
      message: 'Pain goes down my left leg when I sit.',
      bladder_bowel_control: 'no',
      groin_numbness: 'no',
      leg_weakness: 'no',
      fever: 'no',
      recent_trauma: 'no',
      slot: '2026-08-05T16:10:00.000Z',
      contactConsent: true,
      privacyAcknowledged: true,
      marketingOptIn: false,
      idempotencyKey: IDEMPOTENCY_KEY,
      sourcePage: 'lumbar-decompression',
      landingPage: undefined,
      referrer: undefined,
      utmSource: 'google',
      utmMedium: undefined,
      utmCampaign: 'spring-back',
      utmTerm: undefined,
      utmContent: undefined,
    };
    expect(consultationRequestSchema.parse(formDataToObject(fd, ['treatmentsTried']))).toEqual(expected);
  });

  it.each([
    ['a source page with capitals and spaces', 'sourcePage', 'Lumbar Decompression!'],
    ['a source page that is a path', 'sourcePage', '/guides/lumbar-decompression'],
    ['a source page longer than 100 characters', 'sourcePage', 'a'.repeat(101)],
    ['a landing page longer than 500 characters', 'landingPage', `/guide?x=${'a'.repeat(500)}`],
    ['a referrer longer than 500 characters', 'referrer', `https://example.com/${'a'.repeat(500)}`],
    ['an empty referrer', 'referrer', ''],
    ['a utm_source longer than 200 characters', 'utmSource', 'a'.repeat(201)],
    ['a utm_medium longer than 200 characters', 'utmMedium', 'a'.repeat(201)],
    ['a utm_campaign longer than 200 characters', 'utmCampaign', 'a'.repeat(201)],
    ['a utm_term longer than 200 characters', 'utmTerm', 'a'.repeat(201)],
    ['a utm_content longer than 200 characters', 'utmContent', 'a'.repeat(201)],
    ['a utm_source sent twice', 'utmSource', ['a'.repeat(201), 'b']],
  ])('drops %s without stopping the patient', (_case, field, value) => {
    const result = consultationRequestSchema.safeParse(fullForm({ [field]: value }));
    expect(result.success).toBe(true);
    expect(result.data?.[field as keyof ConsultationRequestInput]).toBeUndefined();
  });

  it('keeps attribution that fits', () => {
    const result = consultationRequestSchema.parse(
      fullForm({
        sourcePage: 'a'.repeat(100),
        landingPage: '/guides/lumbar-decompression/risks?utm_source=newsletter',
        referrer: 'https://www.google.com/',
        utmContent: ' hero-button ',
      }),
    );
    expect(result).toMatchObject({
      sourcePage: 'a'.repeat(100),
      landingPage: '/guides/lumbar-decompression/risks?utm_source=newsletter',
      referrer: 'https://www.google.com/',
      utmContent: 'hero-button',
    });
  });

  it.each([undefined, '', 'not-a-uuid'])('refuses a request whose form key is %j', (idempotencyKey) => {
    expect(errorsFor(consultationRequestSchema, fullForm({ idempotencyKey }))).toEqual({
      idempotencyKey: MESSAGES.idempotencyKey,
    });
  });

  it('lists every problem with an empty form once per field, in the order the form asks', () => {
    const errors = errorsFor(consultationRequestSchema, {});
    expect(errors).toEqual({
      firstName: 'Enter your first name',
      lastName: 'Enter your last name',
      email: 'Enter your email address',
      phone: 'Enter your phone number',
      preferredContact: 'Select how you would like us to contact you',
      bestTimeToCall: 'Select the best time to call you',
      timeZone: 'Select your time zone',
      painArea: 'Select where your pain is',
      painDuration: 'Select how long you have had this pain',
      painLevel: 'Select a number from 0 to 10 for your pain',
      surgeryRecommended: 'Select yes, no or not sure if a doctor has recommended surgery',
      ...Object.fromEntries(RED_FLAG_QUESTIONS.map((q) => [q.id, q.errorMessage])),
      slot: "Choose a time, or choose 'Call me to arrange a time'",
      contactConsent: 'Confirm we can contact you about your request',
      privacyAcknowledged: 'Confirm you have read the privacy notice',
      idempotencyKey: MESSAGES.idempotencyKey,
    });
    const order = FIELD_ORDER as readonly string[];
    const keys = Object.keys(errors);
    expect(keys).toEqual([...keys].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
  });

  it('writes every message the GOV.UK way: no "please", "invalid" or "required"', () => {
    const messages = [...Object.values(MESSAGES), ...RED_FLAG_QUESTIONS.map((q) => q.errorMessage)];
    for (const message of messages) {
      expect(message).not.toMatch(/please|invalid|required/i);
      expect(message).not.toMatch(/\.$/);
    }
  });
});

describe('fieldErrors', () => {
  it('keeps the first message for each field and joins nested paths with dots', () => {
    const schema = z.object({
      name: z.string().min(3, 'Name must be 3 characters or more').regex(/^[A-Z]/, 'Name must start with a capital letter'),
      address: z.object({ postcode: z.string({ error: 'Enter your ZIP code' }) }),
    });
    const result = schema.safeParse({ name: 'x', address: {} });
    expect(result.success).toBe(false);
    expect(fieldErrors(result.error!)).toEqual({
      name: 'Name must be 3 characters or more',
      'address.postcode': 'Enter your ZIP code',
    });
  });
});

describe('formDataToObject', () => {
  it('turns ticked checkboxes sent as repeated keys into a list', () => {
    const fd = toFormData({ painLevel: '4', treatmentsTried: ['medication', 'injections'] });
    expect(formDataToObject(fd, ['treatmentsTried'])).toEqual({
      painLevel: '4',
      treatmentsTried: ['medication', 'injections'],
    });
  });

  it('makes a list of one when a single box is ticked, and leaves the field out when none is', () => {
    expect(formDataToObject(toFormData({ treatmentsTried: 'surgery' }), ['treatmentsTried'])).toEqual({
      treatmentsTried: ['surgery'],
    });
    const none = formDataToObject(toFormData({ painLevel: '4' }), ['treatmentsTried']);
    expect(none).not.toHaveProperty('treatmentsTried');
    expect(painStep.parse({ ...pain, treatmentsTried: none.treatmentsTried }).treatmentsTried).toEqual([]);
  });

  it('keeps the first value of a repeated key that is not a checkbox group', () => {
    const fd = toFormData({ firstName: ['Maria', 'Mallory'] });
    expect(formDataToObject(fd, ['treatmentsTried'])).toEqual({ firstName: 'Maria' });
  });

  it('reads a query string the same way', () => {
    const params = new URLSearchParams('treatmentsTried=none&treatmentsTried=surgery&utmSource=google');
    const values = formDataToObject(params, ['treatmentsTried']);
    expect(values).toEqual({ treatmentsTried: ['none', 'surgery'], utmSource: 'google' });
    expect(errorsFor(painStep, { ...pain, ...values })).toEqual({
      treatmentsTried: "Select treatments you have tried, or select 'None of these'",
    });
  });
});
