// To a patient whose request nobody has booked yet: an offer to book, a phone number, and a way to stop these emails.
import { Action, Greeting, Layout, Paragraph, previewBrand, Title, type BrandProps } from './components/layout';

export type RequestFollowUpProps = BrandProps & {
  firstName?: string;
  reference?: string;
  bookUrl: string;
  /** Required: a follow-up is never sent without a way to stop it. */
  unsubscribeUrl: string;
};

export function subject({ clinicName }: RequestFollowUpProps): string {
  return `Do you still want a consultation with ${clinicName}?`;
}

export default function RequestFollowUp(props: RequestFollowUpProps) {
  const { firstName, reference, bookUrl, clinicName, clinicPhone } = props;
  return (
    <Layout {...props} title={subject(props)} preview="You can choose a time online or call us.">
      <Title>Your consultation request</Title>
      <Greeting firstName={firstName} />
      <Paragraph>
        You asked {clinicName} about a consultation{reference ? ` (reference ${reference})` : ''}. We have not found a time
        with you yet.
      </Paragraph>
      <Paragraph>If you still want a consultation, you can choose a time online:</Paragraph>
      <Action href={bookUrl}>Choose a time</Action>
      <Paragraph>Or call us on {clinicPhone}. We are happy to help.</Paragraph>
      <Paragraph>If you no longer want a consultation, you do not need to do anything.</Paragraph>
    </Layout>
  );
}

RequestFollowUp.PreviewProps = {
  ...previewBrand,
  firstName: 'Maria',
  reference: 'SCI-7K4M2Q',
  bookUrl: 'http://localhost:3000/consult',
  unsubscribeUrl: 'http://localhost:3000/api/unsubscribe/preview-token',
} satisfies RequestFollowUpProps;
