// The content rules themselves, on small pages written for the test: each rule fails when it should.
import { describe, expect, it } from 'vitest';
import { emergencyCardProblems, redFlagsNamed, unlinkedFirstUses, unsourcedFigures } from '@/lib/content/checks';
import { readability, syllables } from '@/lib/content/readability';

describe('every figure sits beside a citation or an estimate marker', () => {
  it('names a line with a figure and no source, with the figures on it', () => {
    const body = 'About 1 in 5 people (20%) need another operation.\n\nNo numbers here.\n';
    expect(unsourcedFigures(body)).toEqual([
      { line: 1, figures: ['1', '5', '20%'], text: 'About 1 in 5 people (20%) need another operation.' },
    ]);
  });

  it('accepts a citation or an estimate marker on the same line, list item or table row', () => {
    const body = [
      '- About 18 in 100 (18.4%) had another operation <Cite n={8} />.',
      '| 10 years | About 18 in 100 <Cite n={8} /> |',
      'Between 20% and 40% are thought not to help <Estimate id="failed-surgery" />.',
    ].join('\n');
    expect(unsourcedFigures(body)).toEqual([]);
  });

  it('does not count the emergency number, counts of things, list numbering, headings or table headers', () => {
    const body = [
      '## A 2011 study',
      'Call 911 now. Fusion joins 2 or more bones. The 3 approaches differ.',
      '1. You move less.',
      '| What was measured | In every 100 people |',
      '|---|---|',
    ].join('\n');
    expect(unsourcedFigures(body)).toEqual([]);
  });

  it('still catches a figure hidden in a link or a glossary word', () => {
    expect(unsourcedFigures('See [the 2016 report](/guide/x) and <Term id="a">6 weeks</Term>.')).toHaveLength(1);
  });
});

describe('a red-flag symptom needs the emergency card on the same page', () => {
  it('fails a page that names a red flag without the card', () => {
    const body = 'A blood clot can travel to the lungs.\n';
    expect(redFlagsNamed(body)).toEqual(['a blood clot']);
    expect(emergencyCardProblems(body)).toEqual(['names a blood clot but has no <EmergencyCard />']);
  });

  it('passes the same page with the card, and a page with no red flag', () => {
    expect(emergencyCardProblems('A blood clot can travel to the lungs.\n\n<EmergencyCard />\n')).toEqual([]);
    expect(emergencyCardProblems('Walking a little more each day helps.\n')).toEqual([]);
  });

  it('fails a page that writes its own emergency card, even with the right words', () => {
    const body = 'Cauda equina syndrome.\n<EmergencyCard />\n<CareCard level="emergency" heading="Call 911">\n- x\n</CareCard>';
    expect(emergencyCardProblems(body)).toEqual([
      'writes its own emergency card: use <EmergencyCard /> (one wording everywhere)',
    ]);
  });

  it('knows each red flag the guide talks about', () => {
    for (const [text, flag] of [
      ['pressure on the cauda equina', 'cauda equina syndrome'],
      ['this can lead to paralysis', 'paralysis'],
      ['loss of bladder control', 'loss of bladder or bowel control'],
      ['numbness in your groin', 'numbness in the groin'],
      ['sudden chest pain', 'chest pain or trouble breathing'],
      ['a heart attack', 'heart attack or stroke'],
      ['after a car crash', 'a serious injury to the spine'],
    ] as const) {
      expect(redFlagsNamed(text), text).toContain(flag);
    }
  });
});

describe('a glossary word is linked where the page first uses it', () => {
  const entries = [{ id: 'opioids', matches: ['opioid'] }];

  it('passes when the first use is inside a Term link, and ignores headings', () => {
    const body = '## Opioids\n\nStrong <Term id="opioids">opioids</Term> ease pain.\n\nOpioids can cause side effects.\n';
    expect(unlinkedFirstUses(body, entries)).toEqual([]);
  });

  it('fails when only a later use is linked, or the first use is plain text', () => {
    expect(unlinkedFirstUses('Opioids help.\n\n<Term id="opioids">opioids</Term> again.\n', entries)).toEqual([
      { id: 'opioids', line: 1 },
    ]);
    expect(unlinkedFirstUses('Some opioids, then <Term id="opioids">opioids</Term>.\n', entries)).toEqual([
      { id: 'opioids', line: 1 },
    ]);
  });
});

describe('reading grade', () => {
  it('counts syllables closely enough for a grade', () => {
    expect([syllables('the'), syllables('surgery'), syllables('people'), syllables('operation')]).toEqual([1, 3, 2, 4]);
  });

  it('grades short plain sentences low and long technical ones high', () => {
    const plain = readability('You can walk a little more each day. Rest when you are tired. Ask for help.\n');
    const dense = readability(
      'Multilevel instrumented arthrodesis for degenerative lumbar spondylolisthesis demonstrated considerable postoperative complication incidence notwithstanding radiographic consolidation.\n',
    );
    expect(plain.grade).toBeLessThan(3);
    expect(dense.grade).toBeGreaterThan(16);
  });

  it('reads table cells and list items as sentences of their own', () => {
    expect(readability('| Open surgery | One long cut |\n|---|---|\n- less blood loss\n- a quicker recovery\n').sentences).toBe(4);
  });
});
