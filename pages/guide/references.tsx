// /guide/references: every study the guide cites, plain HTML with no client runtime (components/static-page.tsx).
import { REFERENCES_DESCRIPTION, REFERENCES_TITLE, ReferencesPage } from '@/components/guide/references-page';
import { staticPage, StaticPage } from '@/components/static-page';
import { REFERENCES_PATH } from '@/lib/content/references';

// No client runtime: the page is its HTML (runtime is named only so the type checker accepts the object).
export const config = { unstable_runtimeJS: false, runtime: 'nodejs' };

export const getStaticProps = async () =>
  staticPage({ title: REFERENCES_TITLE, description: REFERENCES_DESCRIPTION, path: REFERENCES_PATH }, <ReferencesPage />);

export default StaticPage;
