// To the patient, straight after a request without a chosen time: the reference and what happens next.
import { Action, Greeting, Layout, Paragraph, previewBrand, Subtitle, Title, type BrandProps } from './components/layout';

export type RequestReceivedProps = BrandProps & {
  firstName?: string;
  reference: string;
  manageUrl: string;
};

export function subject({ reference }: RequestReceivedProps): string {
  return `We have your consultation request (reference ${reference})`;
}

export default function RequestReceived(props: RequestReceivedProps) {
  const { firstName, reference, manageUrl, clinicName, clinicPhone } = props;
  return (
    <Layout {...props} title={subject(props)} preview={`Your reference is ${reference}. We will call you within 1 working day.`}>
      <Title>We have your request</Title>
      <Greeting firstName={firstName} />
      <Paragraph>Thank you for asking for a consultation with {clinicName}.</Paragraph>
      <Paragraph>
        Your reference is <strong>{reference}</strong>.
      </Paragraph>
      <Subtitle>What happens next</Subtitle>
      <Paragraph>We will call you within 1 working day to find a time that suits you. You do not need to do anything before then.</Paragraph>
      <Paragraph>You can check or change your request at any time:</Paragraph>
      <Action href={manageUrl}>View your request</Action>
      <Paragraph>If you have a question, call us on {clinicPhone}.</Paragraph>
    </Layout>
  );
}

RequestReceived.PreviewProps = {
  ...previewBrand,
  firstName: 'Maria',
  reference: 'SCI-7K4M2Q',
  manageUrl: 'http://localhost:3000/consult/manage/preview-token',
} satisfies RequestReceivedProps;
