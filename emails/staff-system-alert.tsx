// To the admins when a system-health threshold is crossed (lib/ops/alerts): one email per problem episode,
// listing every problem at that moment with what it means and what to do, and a link to the health view.
// Counts and times only: no patient's name, address or health detail, in the subject or the body.
import { Action, Details, Layout, Paragraph, previewBrand, Subtitle, Title, type BrandProps } from './components/layout';

export type AlertProblem = { code: string; severity: 'red' | 'amber'; title: string; detail: string; action: string };

export type StaffSystemAlertProps = BrandProps & {
  problems: AlertProblem[];
  /** Codes whose episode started with this alert (the rest were already reported and persist). */
  raised: string[];
  healthUrl: string;
};

export function subject({ problems }: StaffSystemAlertProps): string {
  return problems.length === 1 ? `System alert: ${problems[0]!.title}` : `System alert: ${problems.length} problems need attention`;
}

export default function StaffSystemAlert(props: StaffSystemAlertProps) {
  const { problems, raised, healthUrl } = props;
  return (
    <Layout {...props} title={subject(props)} preview="Patients may not be getting their emails. Open the health page for details.">
      <Title tone="urgent">System alert</Title>
      <Paragraph>
        The system check found {problems.length === 1 ? 'a problem' : `${problems.length} problems`} that can stop patients getting their
        emails. This is sent once per problem; it is sent again only if the problem clears and then returns, or after a day (by default) if it lasts.
      </Paragraph>
      {problems.map((p) => (
        <div key={p.code}>
          <Subtitle>
            {p.severity === 'red' ? 'Problem' : 'Warning'}: {p.title}
            {raised.includes(p.code) ? ' (new)' : ' (still going on)'}
          </Subtitle>
          <Details
            rows={[
              ['What we see', p.detail],
              ['What to do', p.action],
              ['Code', p.code],
            ]}
          />
        </div>
      ))}
      <Action href={healthUrl}>Open system health</Action>
      <Paragraph>
        This email cannot reach you while the email service itself is down: an outside monitor checking /api/health?deep=1 covers that
        case (docs/monitoring.md).
      </Paragraph>
    </Layout>
  );
}

StaffSystemAlert.PreviewProps = {
  ...previewBrand,
  healthUrl: 'http://localhost:3000/dashboard/health',
  raised: ['email_failures'],
  problems: [
    {
      code: 'email_failures',
      severity: 'red',
      title: 'Many emails failed',
      detail: '7 emails failed for good in the last hour (the limit is 5).',
      action: 'Open Emails → Failed to read the reason; if it is the same for all, fix it and send them again from there.',
    },
    {
      code: 'webhooks_silent',
      severity: 'amber',
      title: 'No delivery reports from Resend',
      detail: '12 emails sent over 2 hours ago got no report; the last report came 9 hours ago.',
      action: 'Check the webhook in Resend’s dashboard and RESEND_WEBHOOK_SECRET.',
    },
  ],
} satisfies StaffSystemAlertProps;
