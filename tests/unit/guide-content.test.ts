// The real guide content, checked as data: a page that breaks these rules fails the build's tests.
import { describe, expect, it } from 'vitest';
import { listGuidePages } from '@/lib/content/guide';
import { references } from '@/lib/content/references';
import { extractFaq } from '@/lib/content/rules';

const pages = listGuidePages();

describe('the guide content', () => {
  it('has a page for every topic of the source article', () => {
    expect(pages.map((p) => p.slug)).toEqual([
      'when-surgery-is-considered',
      'surgical-approaches',
      'common-procedures',
      'benefits',
      'risks-and-outcomes',
      'fear-of-movement',
      'recovery',
      'non-surgical-options',
      'faq',
      'key-takeaways',
    ]);
  });

  it('lists the eight studies, then the news article and the patient information pages, each marked as such', () => {
    expect(references.map((r) => r.n)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(references.filter((r) => r.kind === 'study').map((r) => r.n)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(references.find((r) => r.n === 9)?.kind).toBe('news');
    expect(references.filter((r) => r.kind === 'patient-information').map((r) => r.n)).toEqual([10, 11]);
  });

  it.each(pages.map((p) => [p.slug, p] as const))('%s: cites only references that exist', (_slug, page) => {
    const known = new Set(references.map((r) => r.n));
    expect(page.citations.filter((n) => !known.has(n))).toEqual([]);
  });

  it.each(pages.map((p) => [p.slug, p] as const))('%s: links only to related pages that exist', (_slug, page) => {
    const slugs = new Set(pages.map((p) => p.slug));
    expect(page.related.filter((s) => !slugs.has(s))).toEqual([]);
    expect(page.related).not.toContain(page.slug);
  });

  it.each(pages.map((p) => [p.slug, p] as const))('%s: has sections and no h1 of its own', (_slug, page) => {
    expect(page.headings.filter((h) => h.level === 2).length).toBeGreaterThanOrEqual(2);
    expect(page.body).not.toMatch(/^# /m);
    // Internal links point at guide pages that exist.
    const slugs = new Set([...pages.map((p) => p.slug), 'references']);
    const links = [...page.body.matchAll(/\]\(\/guide\/([a-z0-9-]+)/g)].map((m) => m[1]);
    expect(links.filter((s) => !slugs.has(s!))).toEqual([]);
  });

  it('cites every reference somewhere in the guide', () => {
    const cited = new Set(pages.flatMap((p) => p.citations));
    expect([...cited].sort((a, b) => a - b)).toEqual(references.map((r) => r.n));
  });

  it('keeps the key figures of the source, each next to its citation', () => {
    const all = pages.map((p) => p.body).join('\n');
    for (const [figure, ref] of [
      ['6.2%', 8],
      ['10.8%', 8],
      ['18.4%', 8],
      ['83%', 2],
      ['16%', 2],
      ['50%', 7],
    ] as const) {
      const at = all.indexOf(figure);
      expect(at, `${figure} appears`).toBeGreaterThan(-1);
      const near = all.slice(at, at + 400);
      expect(near, `${figure} is cited`).toContain(`<Cite n={${ref}} />`);
    }
    expect(all).toMatch(/20%[^\n]*40%/);
  });

  it('answers every question of the FAQ', () => {
    const faq = pages.find((p) => p.slug === 'faq')!;
    const items = extractFaq(faq.body);
    expect(items.length).toBeGreaterThanOrEqual(5);
    for (const item of items) expect(item.answer.length).toBeGreaterThan(40);
  });

  it('shows the emergency card on the pages about when surgery is urgent, risks and recovery', () => {
    for (const slug of ['when-surgery-is-considered', 'risks-and-outcomes', 'recovery']) {
      expect(pages.find((p) => p.slug === slug)!.body).toMatch(/<EmergencyCard \/>/);
    }
  });
});
