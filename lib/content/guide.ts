// The guide's pages: read from content/guide/*.mdx at build time. Adding a page is adding one file.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { extractCitations, extractHeadings, parseFrontMatter, type FrontMatter, type Heading } from './rules';

export const GUIDE_DIR = path.join(process.cwd(), 'content', 'guide');
export const GUIDE_TITLE = 'Spinal surgery guide';

export type GuidePage = FrontMatter & {
  slug: string;
  body: string;
  headings: Heading[];
  citations: number[];
};

let cache: GuidePage[] | undefined;

export function listGuidePages(): GuidePage[] {
  if (cache && process.env.NODE_ENV === 'production') return cache;
  const pages = readdirSync(GUIDE_DIR)
    .filter((f) => f.endsWith('.mdx'))
    .map((file) => {
      const slug = file.replace(/\.mdx$/, '');
      const { data, body } = parseFrontMatter(readFileSync(path.join(GUIDE_DIR, file), 'utf8'), `content/guide/${file}`);
      return { ...data, slug, body, headings: extractHeadings(body), citations: extractCitations(body) };
    })
    .sort((a, b) => a.order - b.order || a.slug.localeCompare(b.slug));
  cache = pages;
  return pages;
}

export function getGuidePage(slug: string): GuidePage | undefined {
  return listGuidePages().find((p) => p.slug === slug);
}

/** Previous and next pages in guide order, for the pagination at the foot of a page. */
export function guideNeighbours(slug: string): { previous?: GuidePage; next?: GuidePage } {
  const pages = listGuidePages();
  const i = pages.findIndex((p) => p.slug === slug);
  return { previous: i > 0 ? pages[i - 1] : undefined, next: i >= 0 ? pages[i + 1] : undefined };
}

export function relatedPages(page: GuidePage): GuidePage[] {
  return page.related.map((slug) => getGuidePage(slug)).filter((p): p is GuidePage => p !== undefined);
}
