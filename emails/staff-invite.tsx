// To a new member of staff: a one-time link to choose a password. It expires; the link is the only secret.
import { Action, Layout, Paragraph, previewBrand, Title, type BrandProps } from './components/layout';

export type StaffInviteProps = BrandProps & {
  name?: string;
  actionUrl: string;
  expiresLabel: string;
};

export function subject({ clinicName }: StaffInviteProps): string {
  return `You have been invited to the ${clinicName} dashboard`;
}

export default function StaffInvite(props: StaffInviteProps) {
  const { name, actionUrl, expiresLabel } = props;
  return (
    <Layout {...props} title={subject(props)} preview="Choose a password to start using the dashboard.">
      <Title>Set up your account</Title>
      <Paragraph>{name ? `Hello ${name},` : 'Hello,'}</Paragraph>
      <Paragraph>You have been given an account on the clinic’s staff dashboard. Choose a password to start using it.</Paragraph>
      <Action href={actionUrl}>Choose a password</Action>
      <Paragraph>This link works once and expires {expiresLabel}. If you were not expecting it, you can ignore this email.</Paragraph>
    </Layout>
  );
}

StaffInvite.PreviewProps = {
  ...previewBrand,
  name: 'Sam Rivera',
  actionUrl: 'http://localhost:3000/set-password/example-token',
  expiresLabel: 'in 3 days',
} satisfies StaffInviteProps;
