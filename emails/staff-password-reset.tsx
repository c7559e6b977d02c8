// To a member of staff who asked to reset a forgotten password: a one-time, short-lived link.
import { Action, Layout, Paragraph, previewBrand, Title, type BrandProps } from './components/layout';

export type StaffPasswordResetProps = BrandProps & {
  name?: string;
  actionUrl: string;
  expiresLabel: string;
};

export function subject(): string {
  return 'Reset your dashboard password';
}

export default function StaffPasswordReset(props: StaffPasswordResetProps) {
  const { name, actionUrl, expiresLabel } = props;
  return (
    <Layout {...props} title={subject()} preview="Use this link to choose a new password.">
      <Title>Reset your password</Title>
      <Paragraph>{name ? `Hello ${name},` : 'Hello,'}</Paragraph>
      <Paragraph>Someone asked to reset the password of your dashboard account. If it was you, choose a new password:</Paragraph>
      <Action href={actionUrl}>Choose a new password</Action>
      <Paragraph>
        This link works once and expires {expiresLabel}. If you did not ask for it, ignore this email: your password has not
        changed.
      </Paragraph>
    </Layout>
  );
}

StaffPasswordReset.PreviewProps = {
  ...previewBrand,
  name: 'Sam Rivera',
  actionUrl: 'http://localhost:3000/set-password/example-token',
  expiresLabel: 'in 1 hour',
} satisfies StaffPasswordResetProps;
