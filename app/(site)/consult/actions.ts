'use server';

// The consultation form's server actions: thin wrappers that parse, call lib/, and map the result. The draft lives
// in the database (session.ts): when it cannot be read or saved, the step is shown again with everything typed
// and a form-level message, never an empty form or the problem page.
import { redirect } from 'next/navigation';
import { getDb } from '@/db/client';
import type { StepResult } from '@/components/consult/form';
import { clinic, env } from '@/lib/env';
import { attemptRepeatable } from '@/lib/http/attempt';
import { failureKind } from '@/lib/http/failure';
import { attributionFrom } from '@/lib/intake/attribution';
import { newDraft, looksAutomated, sentDraft, typedValues, type Draft } from '@/lib/intake/draft';
import { formDataToObject } from '@/lib/intake/schema';
import { submitConsultationRequest } from '@/lib/intake/service';
import { applyStep, readyToSend } from '@/lib/intake/form-steps';
import { getStep, nextStep, STEPS, type StepId } from '@/lib/intake/steps';
import { triageRedFlags, type RedFlagAnswers } from '@/lib/intake/triage';
import { requestLogger } from '@/lib/log';
import { clearConfirmation, clearDraft, clientIpKey, readDraft, startDraft, writeConfirmation, writeDraft } from './session';
import { failSafe } from '@/lib/http/safe-action';

/** What a step says when its answers could not be saved (the database is down or read-only). */
const notSavedMessage = (button: string) =>
  `We could not save your answers just now. They are still here: press ${button} again in a moment, or call us on ${clinic().phone}.`;

/**
 * Runs one database step of an action (each is safe to repeat: a read, an upsert, a new draft), again after a
 * moment when the connection failed (db/retry.ts); a failure is logged (its kind only) and reported, not thrown.
 */
function attempt<T>(event: string, run: () => Promise<T>) {
  return attemptRepeatable(run, async (error) => {
    (await requestLogger('consult')).warn({ event, failure: failureKind(error) }, 'consultation draft not available');
  });
}

/** "Start now": a fresh draft carrying where the person came from. */
export async function startRequest(formData: FormData): Promise<void> {
  return failSafe('startRequest', async (): Promise<void> => {
    const now = new Date();
    await clearConfirmation();
    const existing = await readDraft(now);
    if (!existing || existing.sent || formData.get('restart') === 'yes') {
      await startDraft(newDraft(attributionFrom(formData), now));
    }
    redirect(getStep('details').path);
  });
}

/** One step: keep what was typed, check it, then go on (or back to the check page after a change). */
export async function saveStep(stepId: StepId, _state: StepResult, formData: FormData): Promise<StepResult> {
  return failSafe('saveStep', async (): Promise<StepResult> => {
    const now = new Date();
    // The bound step id travels through the browser: accept only a real step.
    if (!STEPS.some((s) => s.id === stepId) || stepId === 'check') redirect('/consult');
    const submitted = formDataToObject(formData);
    const read = await attempt('draft_read_failed', () => readDraft(now));
    if (!read.ok) return { ok: false, values: typedValues(getStep(stepId).fields, submitted), message: notSavedMessage('Continue') };
    if (!read.value) redirect('/consult?expired=1');
    if (read.value.sent) redirect('/consult/confirmation');
    const outcome = applyStep(read.value, stepId, submitted);
    const errors = outcome.ok ? {} : outcome.errors;
    if (!(await attempt('draft_write_failed', () => writeDraft(outcome.draft))).ok) {
      return { ok: false, errors, values: outcome.shown, message: notSavedMessage('Continue') };
    }
    if (!outcome.ok) return { ok: false, errors, values: outcome.shown };
    const returnToCheck = formData.get('returnTo') === 'check';
    if (stepId === 'warning-signs' && triageRedFlags(outcome.data as RedFlagAnswers).showEmergencyAdvice) {
      redirect(`/consult/urgent${returnToCheck ? '?returnTo=check' : ''}`);
    }
    redirect(returnToCheck ? getStep('check').path : (nextStep(stepId) ?? getStep('check')).path);
  });
}

/** "Accept and send": the whole request, validated again, in one transaction. */
export async function sendRequest(_state: StepResult, formData: FormData): Promise<StepResult> {
  return failSafe('sendRequest', async (): Promise<StepResult> => {
    const now = new Date();
    const submitted = formDataToObject(formData);
    const notSent = (values: Draft['values']): StepResult => ({ ok: false, values, message: notSavedMessage('Accept and send') });
    const read = await attempt('draft_read_failed', () => readDraft(now));
    if (!read.ok) return notSent(typedValues(getStep('check').fields, submitted));
    if (!read.value) redirect('/consult?expired=1');
    if (read.value.sent) redirect('/consult/confirmation');
    const outcome = readyToSend(read.value, submitted);
    const draft = outcome.draft;
    if (!(await attempt('draft_write_failed', () => writeDraft(draft))).ok) return notSent(outcome.shown);
    if (!outcome.ok && outcome.incomplete) redirect(outcome.incomplete.path);
    if (!outcome.ok) return { ok: false, errors: outcome.errors, values: outcome.shown };
    const request = outcome.request;

    const log = await requestLogger('consult');
    if (looksAutomated(draft, now, env().FORM_MIN_FILL_SECONDS)) {
      log.info({ outcome: 'dropped_as_automated' }, 'consultation request');
      await clearDraft();
      await writeConfirmation({ dropped: true });
      redirect('/consult/confirmation');
    }

    // A failure here shows the problem page (failSafe); the draft is kept, and the idempotency key makes sending
    // again safe.
    const result = await submitConsultationRequest(await getDb(), request, { now, ip: await clientIpKey(), maxPerIp: env().FORM_MAX_PER_IP_PER_HOUR });
    log.info(result.ok ? { outcome: 'accepted', consultationRequestId: result.data.requestId } : { outcome: result.code }, 'consultation request');
    if (result.ok) {
      const sent = { requestId: result.data.requestId, email: request.email };
      // Not deleted: marked sent, so a reload after a lost answer shows this confirmation (guard.ts). Should the
      // mark fail, sending again still finds this request by its idempotency key.
      await attempt('draft_write_failed', () => writeDraft(sentDraft(draft, sent)));
      await writeConfirmation(sent);
      redirect('/consult/confirmation');
    }
    if (result.code === 'rate_limited') {
      const minutes = Math.max(1, Math.ceil(result.retryAfterSeconds / 60));
      return {
        ok: false,
        values: outcome.shown,
        message: `You have sent several requests in a short time. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}, or call us.`,
      };
    }
    // The chosen time went to someone else while this person was filling in the form.
    const values = { ...draft.values };
    delete values.slot;
    await attempt('draft_write_failed', () => writeDraft({ ...draft, values, takenSlot: request.slot }));
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
