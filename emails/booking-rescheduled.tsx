// To the patient when their consultation moves to a new time (a new calendar file is attached).
import { Action, Details, Greeting, Layout, Paragraph, previewBrand, Title, type AppointmentEmailProps, previewAppointment } from './components/layout';

export type BookingRescheduledProps = AppointmentEmailProps;

export function subject({ when }: BookingRescheduledProps): string {
  return `Your consultation has moved to ${when}`;
}

export default function BookingRescheduled(props: BookingRescheduledProps) {
  const { firstName, reference, when, providerName, locationName, address, duration, manageUrl, clinicPhone } = props;
  return (
    <Layout {...props} title={subject(props)} preview={`Your new time is ${when}.`}>
      <Title>Your consultation has moved</Title>
      <Greeting firstName={firstName} />
      <Paragraph>Your consultation has a new time. The old time is no longer booked.</Paragraph>
      <Details
        rows={[
          ['New time', when],
          ['With', providerName],
          ['Where', `${locationName}, ${address}`],
          ['How long', duration],
          ['Reference', reference],
        ]}
      />
      <Paragraph>We have attached a new calendar file. Use it in place of the old one.</Paragraph>
      <Paragraph>If you need to change or cancel, you can do it online:</Paragraph>
      <Action href={manageUrl}>Change or cancel</Action>
      <Paragraph>Or call us on {clinicPhone}.</Paragraph>
    </Layout>
  );
}

BookingRescheduled.PreviewProps = {
  ...previewBrand,
  ...previewAppointment,
  when: 'Monday 30 November 2026, 3:30pm Pacific Time',
} satisfies BookingRescheduledProps;
