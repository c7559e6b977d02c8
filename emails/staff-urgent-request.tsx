// To the front desk when a request needs a call today: the framing, its reference and a dashboard link.
// Never the reason: what the person answered stays behind the staff login.
import { Action, Details, Layout, Paragraph, previewBrand, Title, type BrandProps } from './components/layout';

export type StaffUrgentRequestProps = BrandProps & {
  reference: string;
  dashboardUrl: string;
};

export function subject({ reference }: StaffUrgentRequestProps): string {
  return `Urgent: call today – request ${reference}`;
}

export default function StaffUrgentRequest(props: StaffUrgentRequestProps) {
  const { reference, dashboardUrl } = props;
  return (
    <Layout {...props} title={subject(props)} preview={`Request ${reference} needs a call today.`}>
      <Title tone="urgent">Urgent: call today</Title>
      <Paragraph>A consultation request has arrived that needs a call today.</Paragraph>
      <Details rows={[['Reference', reference]]} />
      <Paragraph>Open it in the dashboard to see the details and the phone number. Then call the person today.</Paragraph>
      <Action href={dashboardUrl}>Open the request</Action>
      <Paragraph>For privacy, this email does not include any details from the request.</Paragraph>
    </Layout>
  );
}

StaffUrgentRequest.PreviewProps = {
  ...previewBrand,
  reference: 'SCI-9R2D5T',
  dashboardUrl: 'http://localhost:3000/dashboard/leads/00000000-0000-4000-8000-000000000001',
} satisfies StaffUrgentRequestProps;
