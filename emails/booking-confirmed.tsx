// To the patient when a consultation is booked: when, with whom, where, how long, and the calendar file.
import { Action, Greeting, Layout, Paragraph, previewBrand, Title, type AppointmentEmailProps, AppointmentDetails, previewAppointment } from './components/layout';

export type BookingConfirmedProps = AppointmentEmailProps;

export function subject({ when }: BookingConfirmedProps): string {
  return `Your consultation is booked: ${when}`;
}

export default function BookingConfirmed(props: BookingConfirmedProps) {
  const { firstName, reference, when, providerName, locationName, address, duration, manageUrl, clinicPhone } = props;
  return (
    <Layout {...props} title={subject(props)} preview={`See you on ${when}. The consultation takes ${duration}.`}>
      <Title>Your consultation is booked</Title>
      <Greeting firstName={firstName} />
      <Paragraph>Your consultation is booked. Here are the details.</Paragraph>
      <AppointmentDetails facts={{ reference, when, providerName, locationName, address, duration }} />
      <Paragraph>We have attached a calendar file to this email. Open it to add the consultation to your calendar.</Paragraph>
      <Paragraph>If you need to change or cancel, you can do it online:</Paragraph>
      <Action href={manageUrl}>Change or cancel</Action>
      <Paragraph>Or call us on {clinicPhone}.</Paragraph>
    </Layout>
  );
}

BookingConfirmed.PreviewProps = {
  ...previewBrand,
  ...previewAppointment,
} satisfies BookingConfirmedProps;
