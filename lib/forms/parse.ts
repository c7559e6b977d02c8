// The one way a server action reads a posted form (pure): the form's own fields as strings, checked by a
// zod schema, and on failure one message per field plus the typed values, so nothing typed is lost.
// Every action answers with a `FormResult` built from it (see components/dashboard/form.tsx and
// components/consult/form.tsx for the two ways it is shown).
import type { z } from '@/lib/zod';

export type FieldErrors = Record<string, string>;
export type FormValues = Record<string, string>;

/** What parsing a form gives: the clean data, or the field errors with what was typed. */
export type ParsedForm<T> =
  | { ok: true; data: T }
  | { ok: false; errors: FieldErrors; message?: string; values: FormValues };

/** What a form's server action answers; `null` before the first submit. */
export type FormResult = {
  /** Set after a successful submit: shown as a confirmation, and the form resets. */
  ok?: boolean;
  /** A confirmation when `ok`, else a problem with the whole form (shown first in the error summary). */
  message?: string;
  errors?: FieldErrors;
  values?: FormValues;
  /** Secrets shown once after a successful submit (recovery codes): listed under the confirmation. */
  codes?: string[];
} | null;

/**
 * The form's own fields as strings (React's `$ACTION_…` fields and files left out): what is handed back.
 * `leaveOut` names fields never handed back (a password, a one-time code): typed again, never put in the page.
 */
export function formValues(formData: FormData, leaveOut: readonly string[] = []): FormValues {
  const values: FormValues = {};
  for (const [key, value] of formData.entries()) {
    if (key.startsWith('$') || typeof value !== 'string' || leaveOut.includes(key)) continue;
    values[key] = value;
  }
  return values;
}

export type ParseOptions = {
  /** Fields nobody can correct (ids, versions): a problem there is said once, as `staleMessage`. */
  hidden?: ReadonlySet<string>;
  staleMessage?: string;
  /** Fields parsed but never handed back (passwords, one-time codes): a refused form comes back without them. */
  secret?: readonly string[];
};

/** Parses a form; on failure, the first message per field keyed by the field's name. */
export function parseForm<T>(schema: z.ZodType<T>, formData: FormData, options: ParseOptions = {}): ParsedForm<T> {
  return parseValues(schema, formValues(formData), options);
}

/** `parseForm` over values already read (a form posted as plain values, or one assembled by the caller). */
export function parseValues<T>(schema: z.ZodType<T>, values: FormValues, { hidden, staleMessage, secret = [] }: ParseOptions = {}): ParsedForm<T> {
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  let message: string | undefined;
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? '');
    if (staleMessage && (!field || hidden?.has(field))) message = staleMessage;
    else errors[field || 'form'] ??= issue.message;
  }
  const kept = secret.length ? Object.fromEntries(Object.entries(values).filter(([key]) => !secret.includes(key))) : values;
  return { ok: false, errors, values: kept, ...(message ? { message } : {}) };
}

/** A refused parse as an action's answer: the errors, the message and what was typed. */
export function refused(parsed: Extract<ParsedForm<unknown>, { ok: false }>): FormResult {
  return { ok: false, errors: parsed.errors, values: parsed.values, ...(parsed.message ? { message: parsed.message } : {}) };
}
