import { CareCard, EmergencyCard } from '@/components/care-card';
import { Cite } from './cite';
import { Estimate } from './estimate';
import { Term } from './term';

/**
 * What the guide's MDX may use: the citation and estimate markers, glossary links, the one emergency card, and
 * the non-urgent and urgent care cards. An emergency card is only ever <EmergencyCard /> (one wording).
 * Tables wrap to fit a phone (CSS).
 */
export const mdxComponents = {
  Cite,
  Estimate,
  Term,
  EmergencyCard: () => <EmergencyCard headingLevel={2} />,
  CareCard: (props: { level: 'non-urgent' | 'urgent'; heading?: string; children: React.ReactNode }) => (
    <CareCard {...props} headingLevel={2} />
  ),
};
