// Pure rules over the guide's MDX sources: front matter, headings for the contents list, citations.
import GithubSlugger from 'github-slugger';
import { parse as parseYaml } from 'yaml';
import { z } from '@/lib/zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-11-20');

export const frontMatterSchema = z.object({
  title: z.string().min(1).max(65, 'must be 65 characters or fewer (it is the h1)'),
  navTitle: z.string().min(1).max(30),
  description: z.string().min(50).max(170),
  summary: z.string().min(1),
  order: z.number().int().positive(),
  readingTime: z.number().int().positive(),
  related: z.array(z.string()).default([]),
  lastReviewed: isoDate,
  nextReview: isoDate,
});

export type FrontMatter = z.infer<typeof frontMatterSchema>;

export type Heading = { id: string; text: string; level: 2 | 3 };

/** Splits `---` YAML front matter from the MDX body and validates it; errors name the file. */
export function parseFrontMatter(source: string, file: string): { data: FrontMatter; body: string } {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(source);
  if (!match) throw new Error(`${file}: missing front matter`);
  const result = frontMatterSchema.safeParse(parseYaml(match[1] ?? ''));
  if (!result.success) {
    throw new Error(`${file}: ${result.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
  }
  return { data: result.data, body: source.slice(match[0].length) };
}

/** Markdown inline syntax and MDX tags removed: the text a reader sees. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/<Cite\s+n=\{\d+\}\s*\/>/g, '')
    .replace(/<\/?[A-Z][^>]*>/g, '')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The `##` and `###` headings of a body with the ids rehype-slug gives them (same slugger, same order),
 * skipping fenced code. The page title is the h1, so the body's headings start at h2.
 */
export function extractHeadings(body: string): Heading[] {
  const slugger = new GithubSlugger();
  const headings: Heading[] = [];
  let inFence = false;
  for (const line of body.split('\n')) {
    if (/^```/.test(line)) inFence = !inFence;
    if (inFence) continue;
    const m = /^(#{2,3})\s+(.+?)\s*#*\s*$/.exec(line);
    if (!m) continue;
    const text = plainText(m[2] ?? '');
    headings.push({ id: slugger.slug(text), text, level: (m[1]?.length ?? 2) as 2 | 3 });
  }
  return headings;
}

/** Reference numbers cited with <Cite n={N} />, unique, in ascending order. */
export function extractCitations(body: string): number[] {
  const found = new Set<number>();
  for (const m of body.matchAll(/<Cite\s+n=\{(\d+)\}\s*\/>/g)) found.add(Number(m[1]));
  return [...found].sort((a, b) => a - b);
}

/** The question-and-answer pairs of an FAQ body: each `###` heading and the prose under it. */
export function extractFaq(body: string): { question: string; answer: string }[] {
  const items: { question: string; answer: string }[] = [];
  let current: { question: string; lines: string[] } | null = null;
  const flush = () => {
    if (current) items.push({ question: current.question, answer: plainText(current.lines.join(' ')) });
  };
  for (const line of body.split('\n')) {
    const h = /^(#{2,3})\s+(.+)$/.exec(line);
    if (h) {
      flush();
      current = h[1] === '###' ? { question: plainText(h[2] ?? ''), lines: [] } : null;
      continue;
    }
    if (current && !/^\s*\|/.test(line)) current.lines.push(line.replace(/^\s*[-*]\s+/, ''));
  }
  flush();
  return items.filter((i) => i.answer.length > 0);
}
