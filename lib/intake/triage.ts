// Red-flag triage for a consultation request: the emergency-sign questions and the one rule that decides urgency (pure, no I/O).
import { RED_FLAGS } from '@/db/enums';

export type RedFlag = (typeof RED_FLAGS)[number];
export type RedFlagAnswer = 'yes' | 'no' | 'not_sure';
export type RedFlagAnswers = Partial<Record<RedFlag, RedFlagAnswer>>;

export const RED_FLAG_ANSWERS = ['yes', 'no', 'not_sure'] as const satisfies readonly RedFlagAnswer[];

export type RedFlagQuestion = {
  id: RedFlag;
  /** The question as the patient reads it (the legend, so the page's h1). */
  question: string;
  /** One short sentence, no links. */
  hint?: string;
  /** Shown inline and in the error summary when the question is not answered. */
  errorMessage: string;
};

// Wording follows the guide's emergency card (cauda equina and other serious causes of back pain):
// plain words first ("pee", "poo", "high temperature"), one sign per question.
export const RED_FLAG_QUESTIONS = [
  {
    id: 'bladder_bowel_control',
    question: 'Do you have problems peeing, or controlling when you pee or poo?',
    hint: 'For example, you cannot pee, or you leak pee or poo, and this is not normal for you.',
    errorMessage: 'Select yes, no or not sure if you have problems peeing, or controlling when you pee or poo',
  },
  {
    id: 'groin_numbness',
    question: 'Do you have numbness in your groin, genitals, bottom or inner thighs?',
    hint: 'For example, you cannot feel the toilet paper when you wipe.',
    errorMessage: 'Select yes, no or not sure if you have numbness in your groin, genitals, bottom or inner thighs',
  },
  {
    id: 'leg_weakness',
    question: 'Do you have new or worsening weakness or numbness in one or both legs?',
    hint: 'For example, your foot drags, or your legs give way.',
    errorMessage: 'Select yes, no or not sure if you have new or worsening weakness or numbness in your legs',
  },
  {
    id: 'fever',
    question: 'Do you have a high temperature (fever) as well as back pain?',
    hint: 'Your chest or back feels hot to touch, or your temperature is 100.4°F (38°C) or higher.',
    errorMessage: 'Select yes, no or not sure if you have a high temperature',
  },
  {
    id: 'recent_trauma',
    question: 'Do you have back pain that started after a recent serious fall, accident or injury?',
    hint: 'For example, a car accident, or a fall from a height or down the stairs.',
    errorMessage: 'Select yes, no or not sure if your pain started after a recent serious fall, accident or injury',
  },
] as const satisfies readonly RedFlagQuestion[];

export type RedFlagTriage = {
  urgency: 'urgent' | 'routine';
  /** Signs a person must check: answered 'yes' or 'not_sure', in question order. Empty when routine. */
  redFlags: RedFlag[];
  /** The subset of `redFlags` the patient was not sure about, so staff can tell "has it" from "unsure". */
  unsureFlags: RedFlag[];
  /** Send the patient to the emergency page ("Call 911 or go to the emergency room now if…"). */
  showEmergencyAdvice: boolean;
};

/**
 * The triage rule, and the only place it lives.
 *
 * - Any 'yes' makes the request urgent and shows the emergency advice.
 * - 'not_sure' counts the same as 'yes'. These are emergency signs: someone who cannot tell
 *   whether they have one needs a person to check, and the cost of a wrong "routine"
 *   (a missed cauda equina or spinal infection) is far higher than an unneeded urgent call.
 *   The advice page tells them what to look for, so they can decide with the full picture.
 * - An unanswered question does not count: the form requires every answer before it is sent,
 *   and judging a half-filled step would show emergency advice nobody asked for.
 */
export function triageRedFlags(answers: RedFlagAnswers): RedFlagTriage {
  const redFlags: RedFlag[] = [];
  const unsureFlags: RedFlag[] = [];
  for (const { id } of RED_FLAG_QUESTIONS) {
    const answer = answers[id];
    if (answer === 'yes' || answer === 'not_sure') redFlags.push(id);
    if (answer === 'not_sure') unsureFlags.push(id);
  }
  const urgent = redFlags.length > 0;
  return { urgency: urgent ? 'urgent' : 'routine', redFlags, unsureFlags, showEmergencyAdvice: urgent };
}
