import 'server-only';
import { redirect } from 'next/navigation';
import type { Draft } from '@/lib/intake/draft';
import { loadOrTryAgain } from '@/lib/http/page-data';
import { firstIncompleteStep, getStep, type StepId } from '@/lib/intake/steps';
import { readDraft } from './session';

/** The draft for a step page; without one, back to the start; with an earlier step unanswered, back to that. */
export async function requireDraft(step: StepId): Promise<Draft> {
  // The database restarting for a moment: retried, then the problem page ("your answers are kept") with a way back.
  const draft = await loadOrTryAgain('consult draft', getStep(step).path, () => readDraft(new Date()));
  if (!draft) redirect('/consult?expired=1');
  // Already sent (the answer to "Accept and send" was lost on its way): its confirmation, not the form again.
  if (draft.sent) redirect('/consult/confirmation');
  const missing = firstIncompleteStep(draft.values, step);
  if (missing) redirect(missing.path);
  return draft;
}

export const isChange = (searchParams: Record<string, string | string[] | undefined>) => searchParams.returnTo === 'check';
