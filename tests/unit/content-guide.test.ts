// The real guide, checked against the content rules (decision 0004): a page that breaks one fails here, naming
// the page and the line. `npm run content:check` prints the same findings with each page's reading grade.
import { describe, expect, it } from 'vitest';
import { emergencyCardProblems, estimateIds, termIds, unlinkedFirstUses, unsourcedFigures } from '@/lib/content/checks';
import { estimates, glossary } from '@/lib/content/glossary';
import { listGuidePages } from '@/lib/content/guide';
import { MAX_READING_GRADE, readability } from '@/lib/content/readability';
import { references } from '@/lib/content/references';

const pages = listGuidePages();
const each = pages.map((p) => [p.slug, p] as const);

describe('every figure is sourced', () => {
  it.each(each)('%s: each number in the prose sits beside a citation or an estimate marker', (_slug, page) => {
    expect(unsourcedFigures(page.body)).toEqual([]);
  });

  it.each(each)('%s: estimate markers name a note that exists', (_slug, page) => {
    const known = new Set(estimates.map((e) => e.id));
    expect(estimateIds(page.body).filter((id) => !known.has(id))).toEqual([]);
  });

  it('uses every estimate note somewhere, so none is left explaining nothing', () => {
    const used = new Set(pages.flatMap((p) => estimateIds(p.body)));
    expect(estimates.map((e) => e.id).filter((id) => !used.has(id))).toEqual([]);
  });

  it('never points the reader to an article they cannot see', () => {
    for (const p of pages) expect(p.body, p.slug).not.toMatch(/article this guide is based on/i);
  });
});

describe('every source can be opened and is described as what it is', () => {
  it.each(references.map((r) => [r.n, r] as const))('reference %i carries a DOI, a PubMed id or a URL', (_n, r) => {
    expect(r.doi ?? r.pmid ?? r.url).toBeTruthy();
    expect(r.note.length).toBeGreaterThan(20);
  });

  it('keeps the identifiers checked against each study (title, journal, year and pages)', () => {
    const byN = new Map(references.map((r) => [r.n, r]));
    expect(byN.get(1)).toMatchObject({ doi: '10.3109/17453674.2011.636674', pmid: '22066555', citation: '82(6):732–736' });
    expect(byN.get(2)).toMatchObject({ doi: '10.1186/s12891-018-2274-5', citation: '19:365' });
    expect(byN.get(4)).toMatchObject({ doi: '10.1016/j.jpain.2015.09.013', pmid: '26476267' });
    expect(byN.get(5)).toMatchObject({ doi: '10.2106/JBJS.J.01292' });
    expect(byN.get(7)).toMatchObject({ doi: '10.4081/or.2010.e3', pmid: '21808698' });
    expect(byN.get(8)).toMatchObject({ doi: '10.1097/BRS.0000000000003515', citation: '45(18):1277–1284' });
  });

  it('describes the 2011 study as the one-off questionnaire it was', () => {
    expect(references.find((r) => r.n === 1)?.design).toMatch(/questionnaire sent once/);
  });

  it('cuts long author lists with "et al." and writes journal names in full', () => {
    for (const r of references.filter((x) => x.kind === 'study')) {
      const names = r.authors.split(', ');
      expect(names.filter((a) => a !== 'et al.').length, `reference ${r.n}`).toBeLessThanOrEqual(6);
      expect(r.journal, `reference ${r.n}`).not.toMatch(/\b(J|Am|Phila|Pa|Orthop|Ther|Surg|Disord)\b\.?/);
    }
  });
});

describe('every emergency is routed', () => {
  it.each(each)('%s: a page that names a red-flag symptom shows the emergency card, and only that card', (_slug, page) => {
    expect(emergencyCardProblems(page.body)).toEqual([]);
  });
});

describe('jargon is explained', () => {
  it('has a glossary entry for each term the review found unexplained', () => {
    const terms = glossary.map((g) => g.term.toLowerCase());
    for (const t of [
      'randomized controlled trial',
      'case report',
      'clinically meaningful',
      'health-related quality of life',
      'bone graft',
      'decompression',
      'opioids',
      'invasive',
    ]) {
      expect(terms).toContain(t);
    }
  });

  it.each(each)('%s: links each glossary word where it is first used, to an entry that exists', (_slug, page) => {
    expect(unlinkedFirstUses(page.body, glossary)).toEqual([]);
    const known = new Set(glossary.map((g) => g.id));
    expect(termIds(page.body).filter((id) => !known.has(id))).toEqual([]);
  });
});

describe('reading level', () => {
  it.each(each)(`%s: reads at grade ${MAX_READING_GRADE} or below`, (_slug, page) => {
    expect(readability(page.body).grade).toBeLessThanOrEqual(MAX_READING_GRADE);
  });
});
