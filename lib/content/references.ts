// The guide's numbered sources (content/references.json): research papers, and the news article and patient
// information page some figures come from, each marked as what it is, and where to read each one.
import { z } from '@/lib/zod';
import raw from '@/content/references.json';

export const REFERENCE_KINDS = {
  study: 'Research paper',
  news: 'News article',
  'patient-information': 'Patient information page',
} as const;

const referenceSchema = z
  .object({
    n: z.number().int().positive(),
    kind: z.enum(Object.keys(REFERENCE_KINDS) as [keyof typeof REFERENCE_KINDS, ...(keyof typeof REFERENCE_KINDS)[]]),
    /** What the source did, in plain words: a one-off questionnaire is not a study that followed people. */
    design: z.string().min(1),
    authors: z.string().min(1),
    title: z.string().min(1),
    journal: z.string().min(1),
    year: z.number().int().nullable(),
    citation: z.string(),
    doi: z.string().regex(/^10\.\d{4,9}\/\S+$/, 'must be a bare DOI like 10.1186/xyz').nullable(),
    pmid: z.string().regex(/^\d{6,9}$/, 'must be a PubMed id (digits only)').nullable(),
    url: z.url().nullable(),
    /** What was checked, and what could not be: never a guessed identifier. */
    note: z.string().min(1),
  })
  .refine((r) => r.doi || r.pmid || r.url, { message: 'needs a DOI, a PubMed id or a URL' });

export type Reference = z.infer<typeof referenceSchema>;

export const references: Reference[] = z.array(referenceSchema).parse(raw);

export function getReference(n: number): Reference | undefined {
  return references.find((r) => r.n === n);
}

/** Where the reader can open the source: the DOI first, then PubMed, then the source's own address. */
export function referenceUrl(ref: Reference): string {
  if (ref.doi) return `https://doi.org/${ref.doi}`;
  if (ref.pmid) return `https://pubmed.ncbi.nlm.nih.gov/${ref.pmid}/`;
  return ref.url ?? `https://pubmed.ncbi.nlm.nih.gov/?term=${encodeURIComponent(`"${ref.title}"`)}`;
}

export const pubmedUrl = (pmid: string) => `https://pubmed.ncbi.nlm.nih.gov/${pmid}/`;

export const REFERENCES_PATH = '/guide/references';
export const referenceAnchor = (n: number) => `ref-${n}`;
/** The section of the references page that lists the figures with no single source. */
export const ESTIMATES_ANCHOR = 'estimates';
