import { compileMDX } from 'next-mdx-remote/rsc';
import rehypeSlug from 'rehype-slug';
import remarkGfm from 'remark-gfm';
import type { ReactNode } from 'react';
import { Breadcrumbs } from '@/components/guide/breadcrumbs';
import { ConsultCta } from '@/components/guide/consult-cta';
import { mdxComponents } from '@/components/guide/mdx-components';
import { OnThisPage } from '@/components/guide/on-this-page';
import { GuidePagination } from '@/components/guide/pagination';
import { ReviewInfo } from '@/components/guide/review-info';
import { JsonLd } from '@/components/json-ld';
import { GUIDE_TITLE, guideNeighbours, relatedPages, type GuidePage } from '@/lib/content/guide';
import { consultHref, guidePath } from '@/lib/content/links';
import { getReference, REFERENCE_KINDS, REFERENCES_PATH, referenceAnchor, type Reference } from '@/lib/content/references';
import { extractFaq } from '@/lib/content/rules';
import { articleJsonLd, faqJsonLd } from '@/lib/content/structured-data';
import { appUrl, clinic } from '@/lib/env';

/** The page's MDX as React elements (pages/guide/[slug].tsx renders them to HTML in getStaticProps). */
export async function compileArticle(page: GuidePage): Promise<ReactNode> {
  const { content } = await compileMDX({
    source: page.body,
    components: mdxComponents,
    // Our own, reviewed content: JS expressions are allowed (the Cite component takes n={5}).
    options: { blockJS: false, mdxOptions: { remarkPlugins: [remarkGfm], rehypePlugins: [rehypeSlug] } },
  });
  return content;
}

/** One article of the guide (pages/guide/[slug].tsx) around its compiled body. */
export function GuideArticlePage({ page, content }: { page: GuidePage; content: ReactNode }) {
  const c = clinic();
  const siteUrl = appUrl();
  const cited = page.citations.map(getReference).filter((r): r is Reference => r !== undefined);
  const { previous, next } = guideNeighbours(page.slug);
  const related = relatedPages(page);
  const isFaq = page.slug === 'faq';

  return (
    <>
      <JsonLd data={articleJsonLd(page, c, siteUrl, cited)} />
      {isFaq ? <JsonLd data={faqJsonLd(extractFaq(page.body), `${siteUrl}${guidePath(page.slug)}`)} /> : null}
      <Breadcrumbs trail={[{ href: '/', label: 'Home' }, { href: '/guide', label: GUIDE_TITLE }]} current={page.navTitle} />
      <article className="max-w-3xl">
        <h1 className="text-4xl font-bold leading-tight">{page.title}</h1>
        <p className="text-base text-muted">
          {page.readingTime} minute read. This page gives general information. It does not replace a talk with your own
          doctor.
        </p>
        <OnThisPage headings={page.headings} />
        <div className="prose">{content}</div>

        {cited.length ? (
          <section aria-labelledby="page-references" className="mt-10">
            <h2 id="page-references" className="text-2xl font-bold">
              References for this page
            </h2>
            <ol className="list-none space-y-2 p-0 text-base">
              {cited.map((r) => (
                <li key={r.n}>
                  <a href={`${REFERENCES_PATH}#${referenceAnchor(r.n)}`}>[{r.n}]</a> {r.authors.replace(/\.$/, '')}. {r.title}.{' '}
                  <i>{r.journal}</i>.{r.year ? ` ${r.year}.` : ''}
                  {r.kind === 'study' ? '' : ` (${REFERENCE_KINDS[r.kind]}.)`}
                </li>
              ))}
            </ol>
          </section>
        ) : null}

        <ConsultCta href={consultHref(page.slug)} phone={c.phone} />
        <ReviewInfo lastReviewed={page.lastReviewed} nextReview={page.nextReview} reviewer={c.reviewer} publisher={c.name} />
        <GuidePagination
          previous={previous && { href: guidePath(previous.slug), title: previous.navTitle }}
          next={next && { href: guidePath(next.slug), title: next.navTitle }}
        />
        {related.length ? (
          <nav aria-labelledby="related" className="no-print mt-8">
            <h2 id="related" className="text-xl font-bold">
              Related pages
            </h2>
            <ul className="list-disc pl-6">
              {related.map((r) => (
                <li key={r.slug}>
                  <a href={guidePath(r.slug)}>{r.navTitle}</a>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
      </article>
    </>
  );
}
