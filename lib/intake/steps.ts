// The consultation form's steps, in order: which fields each asks and which schema checks them.
// Shared by the pages, their server actions and the browser's own checks.
import type { z } from 'zod';
import { consentStep, contactStep, painStep, redFlagStep, timeStep } from './schema';
import { RED_FLAG_QUESTIONS } from './triage';

export type StepId = 'details' | 'warning-signs' | 'pain' | 'time' | 'check';

export type Step = {
  id: StepId;
  path: string;
  /** Short name for the progress line: "Step 2 of 5: Warning signs". */
  title: string;
  fields: readonly string[];
  schema: z.ZodType;
};

export const STEPS: readonly Step[] = [
  {
    id: 'details',
    path: '/consult/details',
    title: 'Your details',
    fields: ['firstName', 'lastName', 'email', 'phone', 'preferredContact', 'textReminders', 'bestTimeToCall', 'timeZone'],
    schema: contactStep,
  },
  {
    id: 'warning-signs',
    path: '/consult/warning-signs',
    title: 'Warning signs',
    fields: RED_FLAG_QUESTIONS.map((q) => q.id),
    schema: redFlagStep,
  },
  {
    id: 'pain',
    path: '/consult/pain',
    title: 'About your pain',
    fields: ['painArea', 'painDuration', 'painLevel', 'treatmentsTried', 'surgeryRecommended', 'message'],
    schema: painStep,
  },
  { id: 'time', path: '/consult/time', title: 'Choose a time', fields: ['slot'], schema: timeStep },
  {
    id: 'check',
    path: '/consult/check',
    title: 'Check and send',
    fields: ['contactConsent', 'privacyAcknowledged', 'marketingOptIn'],
    schema: consentStep,
  },
];

export function getStep(id: StepId): Step {
  return STEPS.find((s) => s.id === id)!;
}

export function stepNumber(id: StepId): number {
  return STEPS.findIndex((s) => s.id === id) + 1;
}

export function nextStep(id: StepId): Step | undefined {
  return STEPS[stepNumber(id)];
}

export function previousStep(id: StepId): Step | undefined {
  const i = stepNumber(id) - 2;
  return i >= 0 ? STEPS[i] : undefined;
}

/** The first step whose answers are missing or no longer valid: where someone who skips ahead is sent back to. */
export function firstIncompleteStep(values: Record<string, unknown>, upTo: StepId): Step | undefined {
  for (const step of STEPS) {
    if (step.id === upTo) return undefined;
    if (!step.schema.safeParse(values).success) return step;
  }
  return undefined;
}

