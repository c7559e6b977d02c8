import { Breadcrumbs } from '@/components/guide/breadcrumbs';
import { ConsultCta } from '@/components/guide/consult-cta';
import { GUIDE_TITLE, listGuidePages } from '@/lib/content/guide';
import { consultHref, guidePath } from '@/lib/content/links';
import { referenceAnchor, references, referenceUrl } from '@/lib/content/references';
import { clinic } from '@/lib/env';

export const REFERENCES_TITLE = 'Research references – Spinal surgery guide';
export const REFERENCES_DESCRIPTION = 'The 8 research papers behind the figures in our spinal surgery guide, with links to read each one.';

/** Every study the guide cites, with where it is cited (pages/guide/references.tsx). */
export function ReferencesPage() {
  const pages = listGuidePages();
  const c = clinic();
  return (
    <>
      <Breadcrumbs trail={[{ href: '/', label: 'Home' }, { href: '/guide', label: GUIDE_TITLE }]} current="References" />
      <article className="max-w-3xl">
        <h1 className="text-4xl font-bold leading-tight">{REFERENCES_TITLE}</h1>
        <p className="text-xl text-muted">
          Each number in the guide, like [5], links to one of these studies. Where a paper has a DOI, the link opens the
          paper; otherwise it searches for the paper by its title.
        </p>
        <ol className="list-none space-y-6 p-0">
          {references.map((r) => {
            const citedOn = pages.filter((p) => p.citations.includes(r.n));
            return (
              <li key={r.n} id={referenceAnchor(r.n)} className="scroll-mt-4 rounded-md border border-line bg-white p-5 target:border-brand target:ring-2 target:ring-brand">
                <p className="m-0 font-semibold">
                  [{r.n}] {r.title}
                </p>
                <p className="m-0">{r.authors}</p>
                <p className="m-0">
                  <i>{r.journal}</i>, {r.year}. {r.citation}
                </p>
                <p className="mt-2 mb-0">
                  <a href={referenceUrl(r)} rel="noopener">
                    {r.doi ? `Read the paper (DOI ${r.doi})` : 'Find this paper on PubMed'}
                    <span className="sr-only">: {r.title}</span>
                  </a>
                </p>
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
          })}
        </ol>
        <ConsultCta href={consultHref('references')} phone={c.phone} />
      </article>
    </>
  );
}
