import { CareCard, type CareLevel } from '@/components/care-card';
import { Cite } from './cite';

/** What the guide's MDX may use: the citation link and the care card. Tables wrap to fit a phone (CSS). */
export const mdxComponents = {
  Cite,
  CareCard: (props: { level: CareLevel; heading?: string; children: React.ReactNode }) => (
    <CareCard {...props} headingLevel={2} />
  ),
};
