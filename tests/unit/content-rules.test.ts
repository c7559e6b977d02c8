import { describe, expect, it } from 'vitest';
import { extractCitations, extractFaq, extractHeadings, parseFrontMatter, plainText } from '@/lib/content/rules';

const valid = `---
title: "Recovery – Spinal surgery guide"
navTitle: "Recovery"
description: "What recovery after spine surgery looks like week by week, and the signs that mean you need a doctor."
summary: "What to expect."
order: 7
readingTime: 4
related: ["faq"]
lastReviewed: "2026-11-20"
nextReview: "2027-11-20"
---
Body text.
`;

describe('guide front matter', () => {
  it('parses a valid page and returns the body after it', () => {
    const { data, body } = parseFrontMatter(valid, 'recovery.mdx');
    expect(data.navTitle).toBe('Recovery');
    expect(data.related).toEqual(['faq']);
    expect(body.trim()).toBe('Body text.');
  });

  it('names the file and the field when a title is too long for an h1', () => {
    const long = valid.replace('Recovery – Spinal surgery guide', 'x'.repeat(66));
    expect(() => parseFrontMatter(long, 'recovery.mdx')).toThrow(/recovery\.mdx: title must be 65 characters or fewer/);
  });

  it('refuses a page without front matter or with a malformed date', () => {
    expect(() => parseFrontMatter('Just text', 'a.mdx')).toThrow('a.mdx: missing front matter');
    expect(() => parseFrontMatter(valid.replace('2026-11-20', '20/11/2026'), 'a.mdx')).toThrow(/lastReviewed must be a date/);
  });
});

describe('headings for the contents list', () => {
  it('gives h2 and h3 the same ids as rehype-slug, including repeated headings', () => {
    const body = '## Why it is done\ntext\n### Risks *and* results\n## Why it is done\n```\n## not a heading\n```\n';
    expect(extractHeadings(body)).toEqual([
      { id: 'why-it-is-done', text: 'Why it is done', level: 2 },
      { id: 'risks-and-results', text: 'Risks and results', level: 3 },
      { id: 'why-it-is-done-1', text: 'Why it is done', level: 2 },
    ]);
  });
});

describe('citations', () => {
  it('lists each cited reference once, in order', () => {
    expect(extractCitations('a <Cite n={8} /> b <Cite n={2}/> c <Cite n={8} />')).toEqual([2, 8]);
    expect(extractCitations('no citations')).toEqual([]);
  });
});

describe('FAQ extraction for structured data', () => {
  it('pairs each ### question with the plain text of its answer, across sections', () => {
    const body = `## Section\n\n### Is surgery my only choice?\n\nNo. See [options](/guide/x) <Cite n={3} />.\n\n- **One** thing\n\n## Other\n\n### What is FBSS?\n\nPain that carries on.\n`;
    expect(extractFaq(body)).toEqual([
      { question: 'Is surgery my only choice?', answer: 'No. See options . One thing' },
      { question: 'What is FBSS?', answer: 'Pain that carries on.' },
    ]);
  });

  it('strips MDX components and markdown from text', () => {
    expect(plainText('**Bold** and <CareCard level="urgent">x</CareCard> [link](/a)')).toBe('Bold and x link');
  });
});
