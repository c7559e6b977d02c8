// What the server does with a posted step of the consultation form, without the request around it (cookies,
// redirects): the draft to keep and the answer to give. Pure; the server actions in app/(site)/consult/actions.ts
// call it, and the hostile-input tests throw generated posts at it. Server-only (the draft module seals with
// node:crypto), so it is kept apart from steps.ts, which the browser loads.
import { mergeStepValues, type Draft } from './draft';
import { consultationRequestSchema, fieldErrors, type ConsultationRequestInput } from './schema';
import { firstIncompleteStep, getStep, type Step, type StepId } from './steps';

/** One step's answers after a post: the draft to keep, and whether they were accepted (with their parsed form). */
export type StepOutcome = { draft: Draft } & ({ ok: true; data: Record<string, unknown> } | { ok: false; errors: Record<string, string> });

/**
 * What the server does with one posted step, without the request around it: keeps what was typed (a filled-in
 * honeypot marks the draft), then checks the step's own answers. Errors are only ever about the step's fields.
 */
export function applyStep(draft: Draft, stepId: Exclude<StepId, 'check'>, submitted: Record<string, unknown>): StepOutcome {
  const step = getStep(stepId);
  let next = draft;
  if (typeof submitted.website === 'string' && submitted.website !== '') next = { ...next, suspect: true };
  next = mergeStepValues(next, step.fields, submitted);
  if (stepId === 'time') next = { ...next, takenSlot: undefined };
  const parsed = step.schema.safeParse(next.values);
  if (parsed.success) return { draft: next, ok: true, data: parsed.data as Record<string, unknown> };
  const errors = Object.fromEntries(Object.entries(fieldErrors(parsed.error)).filter(([k]) => step.fields.includes(k)));
  return { draft: next, ok: false, errors };
}

/** The last step, "Accept and send": the whole request checked again, or the step to go back to, or the errors. */
export type SendOutcome = { draft: Draft } & (
  | { ok: true; request: ConsultationRequestInput }
  | { ok: false; incomplete: Step }
  | { ok: false; incomplete?: undefined; errors: Record<string, string> }
);

export function readyToSend(draft: Draft, submitted: Record<string, unknown>): SendOutcome {
  const next = mergeStepValues(draft, getStep('check').fields, submitted);
  const incomplete = firstIncompleteStep(next.values, 'check');
  if (incomplete) return { draft: next, ok: false, incomplete };
  const parsed = consultationRequestSchema.safeParse({ ...next.values, ...next.attribution, idempotencyKey: next.idempotencyKey });
  if (!parsed.success) return { draft: next, ok: false, errors: fieldErrors(parsed.error) };
  return { draft: next, ok: true, request: parsed.data };
}
