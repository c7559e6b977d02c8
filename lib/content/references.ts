// The guide's numbered research references (content/references.json), and where to read each one.
import { z } from '@/lib/zod';
import raw from '@/content/references.json';

const referenceSchema = z.object({
  n: z.number().int().positive(),
  authors: z.string().min(1),
  title: z.string().min(1),
  journal: z.string().min(1),
  year: z.number().int(),
  citation: z.string(),
  doi: z.string().nullable(),
});

export type Reference = z.infer<typeof referenceSchema>;

export const references: Reference[] = z.array(referenceSchema).parse(raw);

export function getReference(n: number): Reference | undefined {
  return references.find((r) => r.n === n);
}

/** A DOI resolves to the paper itself; without one, a PubMed search by the exact title finds it. */
export function referenceUrl(ref: Reference): string {
  return ref.doi
    ? `https://doi.org/${ref.doi}`
    : `https://pubmed.ncbi.nlm.nih.gov/?term=${encodeURIComponent(`"${ref.title}"`)}`;
}

export const REFERENCES_PATH = '/guide/references';
export const referenceAnchor = (n: number) => `ref-${n}`;
