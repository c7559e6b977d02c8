// /guide/<slug>: one article, plain HTML with no client runtime (components/static-page.tsx).
import type { GetStaticPaths, GetStaticProps } from 'next';
import { compileArticle, GuideArticlePage } from '@/components/guide/article-page';
import { staticPage, StaticPage, type StaticPageProps } from '@/components/static-page';
import { getGuidePage, listGuidePages } from '@/lib/content/guide';
import { guidePath } from '@/lib/content/links';

// No client runtime: the page is its HTML (runtime is named only so the type checker accepts the object).
export const config = { unstable_runtimeJS: false, runtime: 'nodejs' };

export const getStaticPaths: GetStaticPaths = async () => ({
  paths: listGuidePages().map((p) => ({ params: { slug: p.slug } })),
  fallback: false,
});

export const getStaticProps: GetStaticProps<StaticPageProps, { slug: string }> = async ({ params }) => {
  const page = params && getGuidePage(params.slug);
  if (!page) return { notFound: true };
  const meta = { title: page.title, description: page.description, path: guidePath(page.slug), type: 'article' as const, modifiedTime: page.lastReviewed };
  return staticPage(meta, <GuideArticlePage page={page} content={await compileArticle(page)} />);
};

export default StaticPage;
