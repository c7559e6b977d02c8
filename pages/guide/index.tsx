// /guide: the guide's front page, plain HTML with no client runtime (components/static-page.tsx).
import { GUIDE_HUB_DESCRIPTION, GuideHubPage } from '@/components/guide/hub-page';
import { staticPage, StaticPage } from '@/components/static-page';
import { GUIDE_TITLE } from '@/lib/content/guide';

// No client runtime: the page is its HTML (runtime is named only so the type checker accepts the object).
export const config = { unstable_runtimeJS: false, runtime: 'nodejs' };

export const getStaticProps = async () => staticPage({ title: GUIDE_TITLE, description: GUIDE_HUB_DESCRIPTION, path: '/guide' }, <GuideHubPage />);

export default StaticPage;
