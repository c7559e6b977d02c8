// To the patient about 24 hours before the consultation: when, where, and how to change or cancel.
import { Action, Greeting, Layout, Paragraph, previewBrand, Title, type AppointmentEmailProps, AppointmentDetails, previewAppointment } from './components/layout';

export type AppointmentReminderProps = AppointmentEmailProps;

export function subject({ when }: AppointmentReminderProps): string {
  return `Reminder: your consultation on ${when}`;
}

export default function AppointmentReminder(props: AppointmentReminderProps) {
  const { firstName, reference, when, providerName, locationName, address, duration, manageUrl, clinicPhone } = props;
  return (
    <Layout {...props} title={subject(props)} preview={`Your consultation is on ${when}.`}>
      <Title>Your consultation is coming up</Title>
      <Greeting firstName={firstName} />
      <Paragraph>This is a reminder of your consultation. Here are the details.</Paragraph>
      <AppointmentDetails facts={{ reference, when, providerName, locationName, address, duration }} />
      <Paragraph>If you cannot come, change or cancel online. This lets someone else have the time.</Paragraph>
      <Action href={manageUrl}>Change or cancel</Action>
      <Paragraph>Or call us on {clinicPhone}.</Paragraph>
    </Layout>
  );
}

AppointmentReminder.PreviewProps = {
  ...previewBrand,
  ...previewAppointment,
} satisfies AppointmentReminderProps;
