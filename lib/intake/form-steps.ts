// What the server does with a posted step of the consultation form, without the request around it (cookies,
// the draft's row, redirects): the draft to keep and the answer to give. Pure; the server actions in
// app/(site)/consult/actions.ts call it, and the hostile-input tests throw generated posts at it. Server-only
// (the draft module encrypts with node:crypto), so it is kept apart from steps.ts, which the browser loads.
import { mergeStepValues, typedValues, type Draft } from './draft';
import { consultationRequestSchema, fieldErrors, type ConsultationRequestInput } from './schema';
import { firstIncompleteStep, getStep, type Step, type StepId } from './steps';

/**
 * One step's answers after a post: the draft to keep (only valid-length values), what to show on the page (every
 * answer as typed, too long or not), and whether they were accepted (with their parsed form).
 */
export type StepOutcome = { draft: Draft; shown: Draft['values'] } & (
  | { ok: true; data: Record<string, unknown> }
  | { ok: false; errors: Record<string, string> }
);

/**
 * What the server does with one posted step, without the request around it: checks the step's answers as typed,
 * keeps those of a valid length (a filled-in honeypot marks the draft). Errors are only ever about the step's fields.
 */
export function applyStep(draft: Draft, stepId: Exclude<StepId, 'check'>, submitted: Record<string, unknown>): StepOutcome {
  const step = getStep(stepId);
  let next = draft;
  if (typeof submitted.website === 'string' && submitted.website !== '') next = { ...next, suspect: true };
  const typed = typedValues(step.fields, submitted);
  next = mergeStepValues(next, step.fields, typed);
  if (stepId === 'time') next = { ...next, takenSlot: undefined };
  const shown = shownValues(next, step.fields, typed);
  const parsed = step.schema.safeParse(shown);
  if (parsed.success) return { draft: next, shown, ok: true, data: parsed.data as Record<string, unknown> };
  const errors = Object.fromEntries(Object.entries(fieldErrors(parsed.error)).filter(([k]) => step.fields.includes(k)));
  return { draft: next, shown, ok: false, errors };
}

/** The draft's answers with this step's fields exactly as typed (a field not sent is absent, as in the post). */
export function shownValues(draft: Draft, fields: readonly string[], typed: Draft['values']): Draft['values'] {
  const values = { ...draft.values };
  for (const field of fields) delete values[field];
  return { ...values, ...typed };
}

/** The last step, "Accept and send": the whole request checked again, or the step to go back to, or the errors. */
export type SendOutcome = { draft: Draft; shown: Draft['values'] } & (
  | { ok: true; request: ConsultationRequestInput }
  | { ok: false; incomplete: Step }
  | { ok: false; incomplete?: undefined; errors: Record<string, string> }
);

export function readyToSend(draft: Draft, submitted: Record<string, unknown>): SendOutcome {
  const fields = getStep('check').fields;
  const typed = typedValues(fields, submitted);
  const next = mergeStepValues(draft, fields, typed);
  const shown = shownValues(next, fields, typed);
  const incomplete = firstIncompleteStep(next.values, 'check');
  if (incomplete) return { draft: next, shown, ok: false, incomplete };
  const parsed = consultationRequestSchema.safeParse({ ...shown, ...next.attribution, idempotencyKey: next.idempotencyKey });
  if (!parsed.success) return { draft: next, shown, ok: false, errors: fieldErrors(parsed.error) };
  return { draft: next, shown, ok: true, request: parsed.data };
}
