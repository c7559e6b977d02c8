// The front desk's daily list of overdue follow-ups: who and when it was due, each with a dashboard link.
// The subject carries only the count; names appear in the body, health details nowhere.
import { Section } from '@react-email/components';
import { Action, InlineLink, Layout, Paragraph, previewBrand, Title, type BrandProps } from './components/layout';

export type OverdueRow = { name: string; reference: string; dueLabel: string; url: string };

export type StaffOverdueDigestProps = BrandProps & {
  rows: OverdueRow[];
  dashboardUrl: string;
};

export function subject({ rows }: StaffOverdueDigestProps): string {
  if (rows.length === 0) return 'No overdue follow-ups today';
  return rows.length === 1 ? '1 overdue follow-up' : `${rows.length} overdue follow-ups`;
}

export default function StaffOverdueDigest(props: StaffOverdueDigestProps) {
  const { rows, dashboardUrl } = props;
  const count = rows.length === 1 ? '1 follow-up is' : `${rows.length} follow-ups are`;
  return (
    <Layout {...props} title={subject(props)} preview={rows.length ? `${count} past due.` : 'Nothing is past due.'}>
      <Title>Overdue follow-ups</Title>
      {rows.length === 0 ? (
        <Paragraph>No follow-ups are past due. There is nothing to do.</Paragraph>
      ) : (
        <>
          <Paragraph>{count} past due. Open each one to call or update it.</Paragraph>
          <Section>
            {rows.map((row) => (
              <Paragraph key={`${row.reference}-${row.url}`}>
                <InlineLink href={row.url}>{row.name}</InlineLink>
                <br />
                Reference {row.reference}
                {row.dueLabel ? ` · due ${row.dueLabel}` : ''}
              </Paragraph>
            ))}
          </Section>
        </>
      )}
      <Action href={dashboardUrl}>Open the dashboard</Action>
    </Layout>
  );
}

StaffOverdueDigest.PreviewProps = {
  ...previewBrand,
  dashboardUrl: 'http://localhost:3000/dashboard',
  rows: [
    {
      name: 'Maria Lopez',
      reference: '3f9c2a1b',
      dueLabel: 'Thursday 26 November 2026',
      url: 'http://localhost:3000/dashboard/leads/3f9c2a1b-0000-4000-8000-000000000000',
    },
    {
      name: 'James Carter',
      reference: '8d41e7c0',
      dueLabel: 'Wednesday 25 November 2026',
      url: 'http://localhost:3000/dashboard/leads/8d41e7c0-0000-4000-8000-000000000000',
    },
  ],
} satisfies StaffOverdueDigestProps;
