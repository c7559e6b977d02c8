// To the patient when their consultation is cancelled (by them or by the clinic), with a way to book again.
import { Action, Details, Greeting, Layout, Paragraph, previewBrand, Title, type BrandProps } from './components/layout';

export type BookingCancelledProps = BrandProps & {
  firstName?: string;
  reference?: string;
  /** The cancelled time, already formatted in the patient's zone. */
  when: string;
  bookAgainUrl: string;
};

export function subject({ when }: BookingCancelledProps): string {
  return `Your consultation on ${when} is cancelled`;
}

export default function BookingCancelled(props: BookingCancelledProps) {
  const { firstName, reference, when, bookAgainUrl, clinicPhone } = props;
  return (
    <Layout {...props} title={subject(props)} preview={`Your consultation on ${when} is cancelled. You can book a new time online.`}>
      <Title>Your consultation is cancelled</Title>
      <Greeting firstName={firstName} />
      <Paragraph>This consultation is cancelled. You do not need to do anything else.</Paragraph>
      <Details
        rows={[
          ['Cancelled', when],
          ['Reference', reference],
        ]}
      />
      <Paragraph>If you want a consultation at another time, you can ask for one online:</Paragraph>
      <Action href={bookAgainUrl}>Book a consultation</Action>
      <Paragraph>Or call us on {clinicPhone}.</Paragraph>
    </Layout>
  );
}

BookingCancelled.PreviewProps = {
  ...previewBrand,
  firstName: 'Maria',
  reference: 'SCI-7K4M2Q',
  when: 'Friday 27 November 2026, 12:00pm Pacific Time (3:00pm your time, Eastern)',
  bookAgainUrl: 'http://localhost:3000/consult',
} satisfies BookingCancelledProps;
