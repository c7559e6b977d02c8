// Sent by staff from a lead's page after a call that did not reach the person: please call us back.
// Like every patient email it says nothing about health: only that the clinic tried to reach them.
import { Greeting, Layout, Paragraph, previewBrand, Title, type BrandProps } from './components/layout';

export type ContactAttemptProps = BrandProps & {
  firstName?: string;
  reference?: string;
};

export function subject({ clinicName }: ContactAttemptProps): string {
  return `We tried to reach you – ${clinicName}`;
}

export default function ContactAttempt(props: ContactAttemptProps) {
  const { firstName, reference, clinicPhone } = props;
  return (
    <Layout {...props} title={subject(props)} preview="We tried to call you about your consultation request.">
      <Title>We tried to reach you</Title>
      <Greeting firstName={firstName} />
      <Paragraph>
        We tried to call you about your consultation request{reference ? ` (reference ${reference})` : ''}, but could not get
        through.
      </Paragraph>
      <Paragraph>Please call us on {clinicPhone} when it suits you, or reply to this email with a good time to call.</Paragraph>
    </Layout>
  );
}

ContactAttempt.PreviewProps = {
  ...previewBrand,
  firstName: 'Maria',
  reference: 'SCI-7K4M2Q',
} satisfies ContactAttemptProps;
