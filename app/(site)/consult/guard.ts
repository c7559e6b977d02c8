import 'server-only';
import { redirect } from 'next/navigation';
import type { Draft } from '@/lib/leads/draft';
import { firstIncompleteStep, type StepId } from '@/lib/leads/steps';
import { readDraft } from './session';

/** The draft for a step page; without one, back to the start; with an earlier step unanswered, back to that. */
export async function requireDraft(step: StepId): Promise<Draft> {
  const draft = await readDraft(new Date());
  if (!draft) redirect('/consult?expired=1');
  const missing = firstIncompleteStep(draft.values, step);
  if (missing) redirect(missing.path);
  return draft;
}

export const isChange = (searchParams: Record<string, string | string[] | undefined>) => searchParams.returnTo === 'check';
