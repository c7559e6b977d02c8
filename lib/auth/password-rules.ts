// The password rule (pure, offline): long rather than complicated (NIST SP 800-63B), and not easy to guess —
// not among the most used passwords (zxcvbn-ts's list of ~49,000 from public breaches, which holds the
// 10,000 most common), not built from the person's name, email or the clinic's name, not a keyboard pattern.
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 200;

/**
 * zxcvbn's estimate of the guesses an attacker needs, as a power of ten. 10 is its top score ("very
 * unguessable"): "password1234", "qwertyuiop123", "Harbor2024!!!" for a clinic named Harbor, or a name and a
 * year all estimate at 10^8 or fewer; four unrelated words estimate above 10^13.
 */
export const MIN_GUESSES_LOG10 = 10;

// Past this the estimate is already far above the bar, and zxcvbn's matching grows with the length.
const CHECKED_LENGTH = 100;

export type PasswordProblem = 'too_short' | 'too_long' | 'same_as_email' | 'common' | 'personal' | 'guessable';

/** Whose password it is: their own words and the clinic's are the first an attacker tries. */
export type PasswordContext = { email: string; name?: string | null; clinicName?: string | null };

let estimator: ZxcvbnFactory | undefined;

// Built on first use: the dictionaries take a moment to index, and most requests never check a password.
const zxcvbn = () => (estimator ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs }));

const normalize = (value: string) => value.trim().toLowerCase();

/** The words of the person's name, email and the clinic's name, each alone and run together (pure). */
export function personalWords(context: PasswordContext): string[] {
  const [local = ''] = normalize(context.email).split('@');
  const phrases = [context.name ?? '', local, context.clinicName ?? ''].map(normalize).filter(Boolean);
  const words = new Set<string>();
  for (const phrase of phrases) {
    const parts = phrase.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 3);
    for (const part of parts) words.add(part);
    if (parts.length > 1) words.add(parts.join(''));
  }
  return [...words];
}

/** What is wrong with a new password, or null when it will do. */
export function passwordProblem(password: string, context: PasswordContext | string): PasswordProblem | null {
  const ctx = typeof context === 'string' ? { email: context } : context;
  if (password.length < PASSWORD_MIN) return 'too_short';
  if (password.length > PASSWORD_MAX) return 'too_long';
  if (normalize(password) === normalize(ctx.email)) return 'same_as_email';
  const result = zxcvbn().check(password.slice(0, CHECKED_LENGTH), personalWords(ctx));
  if (result.guessesLog10 >= MIN_GUESSES_LOG10) return null;
  const dictionaries = new Set(result.sequence.map((m) => (m as { dictionaryName?: string }).dictionaryName));
  if (dictionaries.has('userInputs')) return 'personal';
  if (dictionaries.has('passwords-common')) return 'common';
  return 'guessable';
}

const HARDER = 'Choose a password that is harder to guess';
const WORDS = 'three or four unrelated words together make a strong password';

/** What to do about each problem, in the words a person sees beside the field (GOV.UK style). */
export const PASSWORD_MESSAGES: Record<PasswordProblem, string> = {
  too_short: `Password must be ${PASSWORD_MIN} characters or more`,
  too_long: `Password must be ${PASSWORD_MAX} characters or fewer`,
  same_as_email: 'Password must not be your email address',
  common: `${HARDER}: this one is among the most used passwords. For example, ${WORDS}`,
  personal: `${HARDER}: do not build it from your name, your email address or the clinic's name`,
  guessable: `${HARDER}: avoid keyboard patterns, sequences, repeats and dates. For example, ${WORDS}`,
};

/** The hint shown under a new-password field. */
export const PASSWORD_HINT = `At least ${PASSWORD_MIN} characters, not a common password and not your name or the clinic's. A few unrelated words make a strong password.`;
