// To the patient about 24 hours before the consultation: when, where, and how to change or cancel.
import { Action, Details, Greeting, Layout, Paragraph, previewBrand, Title, type BrandProps } from './components/layout';

export type AppointmentReminderProps = BrandProps & {
  firstName?: string;
  reference: string;
  /** Already formatted in the patient's zone. */
  when: string;
  providerName?: string;
  locationName: string;
  address: string;
  duration: string;
  manageUrl: string;
};

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
      <Details
        rows={[
          ['When', when],
          ['With', providerName],
          ['Where', `${locationName}, ${address}`],
          ['How long', duration],
          ['Reference', reference],
        ]}
      />
      <Paragraph>If you cannot come, change or cancel online. This lets someone else have the time.</Paragraph>
      <Action href={manageUrl}>Change or cancel</Action>
      <Paragraph>Or call us on {clinicPhone}.</Paragraph>
    </Layout>
  );
}

AppointmentReminder.PreviewProps = {
  ...previewBrand,
  firstName: 'Maria',
  reference: 'SCI-7K4M2Q',
  when: 'Friday 27 November 2026, 12:00pm (Pacific Standard Time)',
  providerName: 'Dr. Marc Darrow',
  locationName: 'Los Angeles clinic',
  address: '100 Example Avenue, Suite 200, Los Angeles, CA 90025',
  duration: '30 minutes',
  manageUrl: 'http://localhost:3000/consult/manage/preview-token',
} satisfies AppointmentReminderProps;
