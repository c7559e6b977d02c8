// To the front desk when a request arrives: its reference and a dashboard link. Nothing else, by design:
// names and every health detail stay behind the staff login.
import { Action, Details, Layout, Paragraph, previewBrand, Title, type BrandProps } from './components/layout';

export type StaffNewRequestProps = BrandProps & {
  reference: string;
  dashboardUrl: string;
};

export function subject({ reference }: StaffNewRequestProps): string {
  return `New consultation request ${reference}`;
}

export default function StaffNewRequest(props: StaffNewRequestProps) {
  const { reference, dashboardUrl } = props;
  return (
    <Layout {...props} title={subject(props)} preview={`Request ${reference} is waiting in the dashboard.`}>
      <Title>New consultation request</Title>
      <Paragraph>A new consultation request has arrived.</Paragraph>
      <Details rows={[['Reference', reference]]} />
      <Paragraph>Open it in the dashboard to see the details and contact the person.</Paragraph>
      <Action href={dashboardUrl}>Open the request</Action>
      <Paragraph>For privacy, this email does not include any details from the request.</Paragraph>
    </Layout>
  );
}

StaffNewRequest.PreviewProps = {
  ...previewBrand,
  reference: 'SCI-7K4M2Q',
  dashboardUrl: 'http://localhost:3000/dashboard/leads/00000000-0000-4000-8000-000000000000',
} satisfies StaffNewRequestProps;
