// The guide's plain-language glossary (content/glossary.json) and its figures with no single source
// (content/estimates.json): both shown on guide pages without hover, as links to a page of their own.
import { z } from '@/lib/zod';
import rawEstimates from '@/content/estimates.json';
import rawGlossary from '@/content/glossary.json';

const slug = z.string().regex(/^[a-z0-9-]+$/);

const glossarySchema = z.array(
  z.object({
    id: slug,
    term: z.string().min(1),
    /** Lower-case words that count as a use of the term in a page's prose. */
    matches: z.array(z.string().min(3)).min(1),
    definition: z.string().min(20),
  }),
);

const estimateSchema = z.array(z.object({ id: slug, figure: z.string().min(1), note: z.string().min(20) }));

export type GlossaryEntry = z.infer<typeof glossarySchema>[number];
export type Estimate = z.infer<typeof estimateSchema>[number];

export const glossary: GlossaryEntry[] = glossarySchema.parse(rawGlossary);
export const estimates: Estimate[] = estimateSchema.parse(rawEstimates);

export const GLOSSARY_PATH = '/guide/glossary';
export const glossaryAnchor = (id: string) => id;
export const estimateAnchor = (id: string) => `estimate-${id}`;

export function getGlossaryEntry(id: string): GlossaryEntry | undefined {
  return glossary.find((g) => g.id === id);
}
