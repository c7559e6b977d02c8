// Generated hostile input for the property tests (fast-check): what a person, a broken client or an attacker
// might post to a public entry point. Wrong types, missing and repeated fields, a 1 MB string, control
// characters and NUL, right-to-left and combining marks, HTML and script, SQL metacharacters, bad dates and
// time zones. Shared by tests/integration/hostile-input.test.ts and tests/e2e/hostile-input.spec.ts.
import fc from 'fast-check';

/** One string of 1 MB, made once: generating a fresh one per case would only measure the generator. */
export const ONE_MB = 'A'.repeat(1024 * 1024);

/** Text people really type that is dangerous elsewhere: every one must be stored as typed and shown as text. */
export const NASTY_TEXT = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "<svg onload=alert('x')>",
  "javascript:alert(document.cookie)",
  '{{7*7}} ${7*7} <%= 7*7 %>',
  "Robert'); DROP TABLE leads;--",
  "' OR '1'='1",
  '1; SELECT pg_sleep(10); --',
  '%00%27%22',
  '\u202Egnp.exe', // right-to-left override
  '\u05E9\u05DC\u05D5\u05DD \u0645\u0631\u062D\u0628\u0627', // Hebrew and Arabic
  'Zalgo Z\u0351\u036B\u0343\u036A\u0302\u036B\u033D\u034F\u0334\u0319\u0324\u031E\u0349\u035A\u032F\u031E\u0320\u034D',
  'e\u0301\u0301\u0301 combining',
  'Ωmega 😀 👩‍👩‍👧 𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  '\u200B\u200D\uFEFF zero width',
  'Ñoño Ågren-Łukasz O’Brien',
  '=HYPERLINK("http://evil.example")',
  '../../etc/passwd',
  'a\\b\\\\c',
] as const;

/** Control characters a form field must refuse (NUL, escape, backspace, DEL, C1) — never typed by a person. */
export const CONTROL = ['\u0000', '\u0001', '\u0007', '\u0008', '\u001b', '\u007f', '\u0085', '\u009b'] as const;

export const BAD_DATES = [
  '2026-02-30T10:00:00Z',
  '2026-13-01T10:00:00Z',
  '2026-12-01T25:61:00Z',
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59+14:00',
  '+275760-09-13T00:00:00Z',
  '-000001-01-01T00:00:00Z',
  '2026-12-01T10:00:00',
  '2026-12-01',
  '1e400',
  'NaN',
  'Infinity',
  '',
  ' ',
  '2026-12-01T10:00:00.000000000001Z',
] as const;

export const BAD_ZONES = ['Mars/Olympus_Mons', 'UTC+99', 'Etc/GMT+15', '../../../etc/localtime', 'America/New York', '\u0000', 'Europe/London\u0000'] as const;

/** Any string at all, from every corner of Unicode (lone surrogates included). */
const anyText = fc.oneof(fc.string(), fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 40 }));

/** A hostile string: weighted so the strange cases come often and the 1 MB one now and then. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: anyText },
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_TEXT) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...NASTY_TEXT), fc.constantFrom(...CONTROL), anyText).map(([a, c, b]) => `${a}${c}${b}`) },
  { weight: 2, arbitrary: fc.constantFrom(...BAD_DATES) },
  { weight: 1, arbitrary: fc.constantFrom(...BAD_ZONES) },
  { weight: 1, arbitrary: fc.constant(ONE_MB) },
  { weight: 1, arbitrary: fc.nat({ max: 5000 }).map((n) => 'é'.repeat(n)) },
);

/** What a tampered post or a JSON caller can send where a string is expected. */
export const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.constant({}),
  fc.array(hostileString, { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 }),
);

/**
 * A field's value: often the good one (so later checks are reached), else missing, hostile, the wrong type,
 * or repeated (an array, as a repeated form key arrives).
 */
export function fieldValue(good: string | string[], goodWeight = 6): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: goodWeight, arbitrary: fc.constant(good) },
    { weight: 3, arbitrary: hostileString },
    { weight: 1, arbitrary: wrongType },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.array(fc.oneof(fc.constant(typeof good === 'string' ? good : (good[0] ?? '')), hostileString), { minLength: 2, maxLength: 4 }) },
  );
}

/** A whole post: each known field from `fieldValue`, missing ones dropped, plus a few unknown keys. */
export function hostilePost(good: Record<string, string | string[]>): fc.Arbitrary<Record<string, unknown>> {
  const fields = Object.fromEntries(Object.entries(good).map(([k, v]) => [k, fieldValue(v)]));
  return fc
    .tuple(fc.record(fields), fc.dictionary(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('__proto__', 'constructor', '$ACTION_ID_x', 'website')), hostileString, { maxKeys: 2 }))
    .map(([known, extra]) => {
      const out: Record<string, unknown> = Object.create(null);
      for (const [k, v] of Object.entries(extra)) out[k] = v;
      for (const [k, v] of Object.entries(known)) if (v !== undefined) out[k] = v;
      return out;
    });
}

/** Text a person may legitimately type into a name or message, dangerous elsewhere: must round-trip exactly. */
export const legalNastyText = (max: number): fc.Arbitrary<string> =>
  fc
    .oneof(
      fc.constantFrom(...NASTY_TEXT),
      fc.tuple(fc.constantFrom(...NASTY_TEXT), fc.string({ unit: 'grapheme', maxLength: 20 })).map(([a, b]) => `${a} ${b}`),
    )
    .map((s) => s.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').trim().slice(0, max))
    .filter((s) => s.length > 0 && !/[\uD800-\uDFFF]$/.test(s));

/** How many generated cases each entry point gets at the layer that decides. */
export const RUNS_PER_ENTRY_POINT = 10_000;
