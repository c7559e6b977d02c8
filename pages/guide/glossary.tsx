// /guide/glossary: the guide's words explained, plain HTML with no client runtime (components/static-page.tsx).
import { GLOSSARY_DESCRIPTION, GLOSSARY_TITLE, GlossaryPage } from '@/components/guide/glossary-page';
import { staticPage, StaticPage } from '@/components/static-page';
import { GLOSSARY_PATH } from '@/lib/content/glossary';

// No client runtime: the page is its HTML (runtime is named only so the type checker accepts the object).
export const config = { unstable_runtimeJS: false, runtime: 'nodejs' };

export const getStaticProps = async () =>
  staticPage({ title: GLOSSARY_TITLE, description: GLOSSARY_DESCRIPTION, path: GLOSSARY_PATH }, <GlossaryPage />);

export default StaticPage;
