// The guide's pages are plain HTML: rendered to a string in getStaticProps (at build, then at most every 5
// minutes), and sent by the Pages Router with no client runtime (`unstable_runtimeJS: false`): no React payload,
// no framework scripts (decision 0004, docs/performance.md). The page component only places that HTML and the
// <head>; everything that reads files or configuration runs in getStaticProps, never in a browser bundle.
import Head from 'next/head';
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { SiteFrame } from '@/components/site-frame';
import { appUrl, clinic } from '@/lib/env';

/** How long a shared cache keeps a public page (app/(site)/layout.tsx says the same as a literal Next.js reads). */
export const PUBLIC_REVALIDATE_SECONDS = 300;

type Meta = {
  title: string;
  description: string;
  /** The page's path, e.g. /guide/recovery: made absolute for the canonical link and og:url. */
  path: string;
  type?: 'website' | 'article';
  modifiedTime?: string;
};

type HeadProps = Required<Omit<Meta, 'path' | 'modifiedTime'>> & { fullTitle: string; url: string; siteName: string; modifiedTime: string | null };

export type StaticPageProps = { head: HeadProps; body: string };

/** getStaticProps' result for a public page: its head and its whole frame (header, main, footer) as HTML. */
export function staticPage(meta: Meta, content: ReactNode): { props: StaticPageProps; revalidate: number } {
  const { name } = clinic();
  const head: HeadProps = {
    title: meta.title,
    description: meta.description,
    type: meta.type ?? 'website',
    fullTitle: `${meta.title} – ${name}`,
    url: new URL(meta.path, appUrl()).toString(),
    siteName: name,
    modifiedTime: meta.modifiedTime ?? null,
  };
  return { props: { head, body: renderToStaticMarkup(<SiteFrame>{content}</SiteFrame>) }, revalidate: PUBLIC_REVALIDATE_SECONDS };
}

/** The page itself: what app/layout.tsx's metadata gives the App Router's pages, then the HTML. */
export function StaticPage({ head, body }: StaticPageProps) {
  return (
    <>
      <Head>
        <title>{head.fullTitle}</title>
        <meta name="description" content={head.description} />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#1d4e89" />
        <link rel="canonical" href={head.url} />
        <meta property="og:title" content={head.title} />
        <meta property="og:description" content={head.description} />
        <meta property="og:url" content={head.url} />
        <meta property="og:site_name" content={head.siteName} />
        <meta property="og:locale" content="en_US" />
        <meta property="og:type" content={head.type} />
        {head.modifiedTime ? <meta property="article:modified_time" content={head.modifiedTime} /> : null}
      </Head>
      {/* display: contents keeps header, main and footer the body's flex children (app/globals.css, #__next). */}
      <div className="contents" dangerouslySetInnerHTML={{ __html: body }} />
    </>
  );
}
