import { describe, expect, it } from 'vitest';
import { redFlag } from '@/db/schema';
import { RED_FLAG_QUESTIONS, triageRedFlags, type RedFlag, type RedFlagAnswers } from '@/lib/intake/triage';

const allNo: RedFlagAnswers = Object.fromEntries(redFlag.enumValues.map((id) => [id, 'no']));

describe('red-flag questions', () => {
  it('asks about every emergency sign the database knows, in the same order', () => {
    expect(RED_FLAG_QUESTIONS.map((q) => q.id)).toEqual(redFlag.enumValues);
  });

  it.each(RED_FLAG_QUESTIONS.map((q) => [q.id, q] as const))('asks about %s as a plain "Do you have…" question', (_id, q) => {
    expect(q.question).toMatch(/^Do you have .+\?$/);
    expect(q.errorMessage).toMatch(/^Select yes, no or not sure if /);
  });

  it('keeps every hint to one short sentence with no links', () => {
    for (const q of RED_FLAG_QUESTIONS) {
      if (!q.hint) continue;
      expect(q.hint).not.toMatch(/https?:|<a\b/);
      expect(q.hint.split(/(?<=\.)\s/)).toHaveLength(1);
    }
  });
});

describe('triageRedFlags', () => {
  it('treats a request with no emergency signs as routine, with no emergency advice', () => {
    expect(triageRedFlags(allNo)).toEqual({
      urgency: 'routine',
      redFlags: [],
      unsureFlags: [],
      showEmergencyAdvice: false,
    });
  });

  it.each(redFlag.enumValues)('makes the request urgent and shows emergency advice when the answer to %s is yes', (id) => {
    expect(triageRedFlags({ ...allNo, [id]: 'yes' })).toEqual({
      urgency: 'urgent',
      redFlags: [id],
      unsureFlags: [],
      showEmergencyAdvice: true,
    });
  });

  it.each(redFlag.enumValues)(
    'treats "not sure" about %s like yes, so a person checks it, and records that the patient was unsure',
    (id) => {
      expect(triageRedFlags({ ...allNo, [id]: 'not_sure' })).toEqual({
        urgency: 'urgent',
        redFlags: [id],
        unsureFlags: [id],
        showEmergencyAdvice: true,
      });
    },
  );

  it.each<[string, RedFlagAnswers, RedFlag[], RedFlag[]]>([
    [
      'several yes answers',
      { ...allNo, fever: 'yes', bladder_bowel_control: 'yes' },
      ['bladder_bowel_control', 'fever'],
      [],
    ],
    [
      'yes and not sure together',
      { recent_trauma: 'not_sure', groin_numbness: 'yes', leg_weakness: 'no', fever: 'no', bladder_bowel_control: 'no' },
      ['groin_numbness', 'recent_trauma'],
      ['recent_trauma'],
    ],
    [
      'every answer yes',
      Object.fromEntries(redFlag.enumValues.map((id) => [id, 'yes'])),
      [...redFlag.enumValues],
      [],
    ],
  ])('lists the signs to check in question order for %s', (_case, answers, redFlags, unsureFlags) => {
    const result = triageRedFlags(answers);
    expect(result.urgency).toBe('urgent');
    expect(result.showEmergencyAdvice).toBe(true);
    expect(result.redFlags).toEqual(redFlags);
    expect(result.unsureFlags).toEqual(unsureFlags);
  });

  it.each<[string, RedFlagAnswers]>([
    ['no answers yet', {}],
    ['only some answered, all no', { fever: 'no', leg_weakness: 'no' }],
  ])('does not count unanswered questions (%s)', (_case, answers) => {
    expect(triageRedFlags(answers)).toMatchObject({ urgency: 'routine', redFlags: [], showEmergencyAdvice: false });
  });
});
