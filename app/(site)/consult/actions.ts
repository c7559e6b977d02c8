'use server';

// The consultation form's server actions: thin wrappers that parse, call lib/, and map the result.
import { redirect } from 'next/navigation';
import { getDb } from '@/db/client';
import type { StepState } from '@/components/consult/form';
import { env } from '@/lib/env';
import { newDraft, looksAutomated, type Draft } from '@/lib/leads/draft';
import { formDataToObject } from '@/lib/leads/schema';
import { submitConsultationRequest } from '@/lib/leads/service';
import { applyStep, readyToSend } from '@/lib/leads/form-steps';
import { getStep, nextStep, STEPS, type StepId } from '@/lib/leads/steps';
import { triageRedFlags, type RedFlagAnswers } from '@/lib/leads/triage';
import { clearConfirmation, clearDraft, clientIpKey, readDraft, readFirstTouch, writeConfirmation, writeDraft } from './session';
import { failSafe } from '@/lib/http/safe-action';

const text = (fd: FormData, key: string) => {
  const v = fd.get(key);
  return typeof v === 'string' && v.trim() !== '' ? v.trim().slice(0, 500) : undefined;
};

/** "Start now": a fresh draft carrying where the person came from. */
export async function startRequest(formData: FormData): Promise<void> {
  return failSafe('startRequest', async (): Promise<void> => {
    const now = new Date();
    await clearConfirmation();
    const existing = await readDraft(now);
    if (!existing || formData.get('restart') === 'yes') {
      const firstTouch = await readFirstTouch();
      await writeDraft(
        newDraft(
          {
            sourcePage: text(formData, 'from'),
            landingPage: firstTouch.landingPage,
            referrer: firstTouch.referrer,
            utmSource: text(formData, 'utm_source'),
            utmMedium: text(formData, 'utm_medium'),
            utmCampaign: text(formData, 'utm_campaign'),
            utmTerm: text(formData, 'utm_term'),
            utmContent: text(formData, 'utm_content'),
          },
          now,
        ),
      );
    }
    redirect(getStep('details').path);
  });
}

async function draftOrRestart(now: Date): Promise<Draft> {
  const draft = await readDraft(now);
  if (!draft) redirect('/consult?expired=1');
  return draft;
}

/** One step: keep what was typed, check it, then go on (or back to the check page after a change). */
export async function saveStep(stepId: StepId, _state: StepState, formData: FormData): Promise<StepState> {
  return failSafe('saveStep', async (): Promise<StepState> => {
    const now = new Date();
    // The bound step id travels through the browser: accept only a real step.
    if (!STEPS.some((s) => s.id === stepId) || stepId === 'check') redirect('/consult');
    const outcome = applyStep(await draftOrRestart(now), stepId, formDataToObject(formData));
    await writeDraft(outcome.draft);
    if (!outcome.ok) return { errors: outcome.errors, values: outcome.draft.values };
    const returnToCheck = formData.get('returnTo') === 'check';
    if (stepId === 'warning-signs' && triageRedFlags(outcome.data as RedFlagAnswers).showEmergencyAdvice) {
      redirect(`/consult/urgent${returnToCheck ? '?returnTo=check' : ''}`);
    }
    redirect(returnToCheck ? getStep('check').path : (nextStep(stepId) ?? getStep('check')).path);
  });
}

/** "Accept and send": the whole request, validated again, in one transaction. */
export async function sendRequest(_state: StepState, formData: FormData): Promise<StepState> {
  return failSafe('sendRequest', async (): Promise<StepState> => {
    const now = new Date();
    const outcome = readyToSend(await draftOrRestart(now), formDataToObject(formData));
    const draft = outcome.draft;
    await writeDraft(draft);
    if (!outcome.ok && outcome.incomplete) redirect(outcome.incomplete.path);
    if (!outcome.ok) return { errors: outcome.errors, values: draft.values };
    const request = outcome.request;

    if (looksAutomated(draft, now, env().FORM_MIN_FILL_SECONDS)) {
      await clearDraft();
      await writeConfirmation({ dropped: true });
      redirect('/consult/confirmation');
    }

    const result = await submitConsultationRequest(await getDb(), request, { now, ip: await clientIpKey(), maxPerIp: env().FORM_MAX_PER_IP_PER_HOUR });
    if (result.ok) {
      await clearDraft();
      await writeConfirmation({ requestId: result.data.requestId, email: request.email });
      redirect('/consult/confirmation');
    }
    if (result.code === 'rate_limited') {
      const minutes = Math.max(1, Math.ceil(result.retryAfterSeconds / 60));
      return {
        errors: {},
        values: draft.values,
        formError: `You have sent several requests in a short time. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}, or call us.`,
      };
    }
    // The chosen time went to someone else while this person was filling in the form.
    const values = { ...draft.values };
    delete values.slot;
    await writeDraft({ ...draft, values, takenSlot: request.slot });
    redirect(getStep('time').path);
  });
}

/** "Start again" from the urgent page or the start page. */
export async function discardDraft(): Promise<void> {
  return failSafe('discardDraft', async (): Promise<void> => {
    await clearDraft();
    await clearConfirmation();
    redirect('/consult');
  });
}
