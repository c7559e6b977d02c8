import { Breadcrumbs } from '@/components/guide/breadcrumbs';
import { ConsultCta } from '@/components/guide/consult-cta';
import { GUIDE_TITLE, listGuidePages } from '@/lib/content/guide';
import { estimateAnchor, estimates } from '@/lib/content/glossary';
import { consultHref, guidePath } from '@/lib/content/links';
import {
  ESTIMATES_ANCHOR,
  pubmedUrl,
  REFERENCE_KINDS,
  referenceAnchor,
  references,
  referenceUrl,
  type Reference,
} from '@/lib/content/references';
import { clinic } from '@/lib/env';

export const REFERENCES_TITLE = 'Sources – Spinal surgery guide';
export const REFERENCES_DESCRIPTION =
  'The research papers, news article and patient information behind the figures in our spinal surgery guide, with links to each.';

/** Every source the guide cites, what kind it is, where it is cited, and the estimates (pages/guide/references.tsx). */
export function ReferencesPage() {
  const pages = listGuidePages();
  const c = clinic();
  return (
    <>
      <Breadcrumbs trail={[{ href: '/', label: 'Home' }, { href: '/guide', label: GUIDE_TITLE }]} current="Sources" />
      <article className="max-w-3xl">
        <h1 className="text-4xl font-bold leading-tight">{REFERENCES_TITLE}</h1>
        <p className="text-xl text-muted">
          Each number in the guide, like [5], links to one of these sources. Most are research papers. The others are a news
          article and patient information pages, and each is marked as such. A figure marked [estimate] has no
          single source: the notes at the end say why.
        </p>
        <ol className="list-none space-y-6 p-0">
          {references.map((r) => (
            <ReferenceItem key={r.n} r={r} citedOn={pages.filter((p) => p.citations.includes(r.n))} />
          ))}
        </ol>

        <section aria-labelledby={ESTIMATES_ANCHOR} className="mt-10">
          <h2 id={ESTIMATES_ANCHOR} className="text-2xl font-bold">
            Figures with no single source
          </h2>
          <ul className="list-none space-y-4 p-0">
            {estimates.map((e) => (
              <li key={e.id} id={estimateAnchor(e.id)} className="scroll-mt-4 rounded-md border border-line bg-white p-5 target:border-brand target:ring-2 target:ring-brand">
                <p className="m-0 font-semibold">{e.figure}</p>
                <p className="mt-2 mb-0">{e.note}</p>
              </li>
            ))}
          </ul>
        </section>
        <ConsultCta href={consultHref('references')} phone={c.phone} />
      </article>
    </>
  );
}

function ReferenceItem({ r, citedOn }: { r: Reference; citedOn: { slug: string; navTitle: string }[] }) {
  return (
    <li id={referenceAnchor(r.n)} className="scroll-mt-4 rounded-md border border-line bg-white p-5 target:border-brand target:ring-2 target:ring-brand">
      <p className="m-0 text-base font-semibold uppercase tracking-wide text-muted">{REFERENCE_KINDS[r.kind]}</p>
      <p className="m-0 font-semibold">
        [{r.n}] {r.title}
      </p>
      <p className="m-0">{r.authors}</p>
      <p className="m-0">
        <i>{r.journal}</i>. {r.kind === 'study' ? `${r.year};${r.citation}` : r.citation}.
      </p>
      <p className="mt-2 mb-0">What it is: {r.design}.</p>
      <ul className="mt-2 mb-0 list-none space-y-1 p-0 [overflow-wrap:anywhere]">
        {r.doi ? (
          <li>
            <a href={`https://doi.org/${r.doi}`} rel="noopener">
              Read the paper (DOI {r.doi})<span className="sr-only">: {r.title}</span>
            </a>
          </li>
        ) : null}
        {r.pmid ? (
          <li>
            <a href={pubmedUrl(r.pmid)} rel="noopener">
              {`Find it on PubMed (id ${r.pmid})`}
              <span className="sr-only">: {r.title}</span>
            </a>
          </li>
        ) : null}
        {!r.doi && !r.pmid ? (
          <li>
            <a href={referenceUrl(r)} rel="noopener">
              {r.kind === 'study' ? 'Read about the paper' : `Go to ${r.journal}`}
              <span className="sr-only">: {r.title}</span>
            </a>
          </li>
        ) : null}
      </ul>
      <p className="mt-2 mb-0 text-base text-muted">{r.note}</p>
      {citedOn.length ? (
        <p className="mt-2 mb-0 text-base text-muted">
          Cited on:{' '}
          {citedOn.map((p, i) => (
            <span key={p.slug}>
              {i > 0 ? ', ' : ''}
              <a href={guidePath(p.slug)}>{p.navTitle}</a>
            </span>
          ))}
        </p>
      ) : null}
    </li>
  );
}
