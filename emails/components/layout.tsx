// The clinic's email frame (name at the top, address, phone and an optional unsubscribe link at the foot)
// and the few pieces every template shares. Named exports only: the preview app lists default exports as emails.
import { Body, Button, Container, Head, Heading, Hr, Html, Link, Preview, Section, Text } from '@react-email/components';
import type { CSSProperties, ReactNode } from 'react';

/** What every template needs to show who the email is from. */
export type BrandProps = {
  clinicName: string;
  clinicAddress: string;
  clinicPhone: string;
};

/** The development defaults from lib/env.ts, for the preview app only. */
export const previewBrand: BrandProps = {
  clinicName: 'Stem Cell Institute',
  clinicAddress: '100 Example Avenue, Suite 200, Los Angeles, CA 90025',
  clinicPhone: '(310) 555-0142',
};

/** The site's colours (app/globals.css: --color-brand, --color-brand-soft, …), so an email looks like it came from the site. */
export const EMAIL_COLORS = {
  ink: '#1f2933',
  muted: '#4b5563',
  brand: '#1d4e89',
  line: '#d5dbe3',
  page: '#f6f8fb',
  panel: '#e8f0fa',
  urgent: '#b3261e',
};
const color = EMAIL_COLORS;

const font = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Helvetica, Arial, sans-serif";

const style = {
  body: { backgroundColor: color.page, color: color.ink, fontFamily: font, margin: 0, padding: '24px 0' },
  container: { backgroundColor: '#ffffff', border: `1px solid ${color.line}`, borderRadius: '8px', maxWidth: '560px', margin: '0 auto' },
  header: { borderBottom: `4px solid ${color.brand}`, padding: '20px 32px' },
  clinicName: { color: color.brand, fontSize: '20px', fontWeight: 700, lineHeight: '28px', margin: 0 },
  content: { padding: '8px 32px 16px' },
  footer: { padding: '0 32px 24px' },
  footerText: { color: color.muted, fontSize: '14px', lineHeight: '22px', margin: '8px 0' },
  footerLink: { color: color.muted, textDecoration: 'underline' },
  hr: { borderColor: color.line, margin: '0 32px 8px', width: 'auto' },
  heading: { color: color.ink, fontSize: '24px', fontWeight: 700, lineHeight: '32px', margin: '24px 0 16px' },
  urgentHeading: { color: color.urgent, fontSize: '24px', fontWeight: 700, lineHeight: '32px', margin: '24px 0 16px' },
  subheading: { color: color.ink, fontSize: '18px', fontWeight: 700, lineHeight: '26px', margin: '24px 0 8px' },
  paragraph: { color: color.ink, fontSize: '16px', lineHeight: '24px', margin: '0 0 16px' },
  panel: { backgroundColor: color.panel, borderRadius: '6px', padding: '12px 16px', margin: '0 0 16px' },
  detail: { color: color.ink, fontSize: '16px', lineHeight: '24px', margin: '4px 0' },
  button: {
    backgroundColor: color.brand,
    borderRadius: '6px',
    color: '#ffffff',
    display: 'inline-block',
    fontSize: '16px',
    fontWeight: 700,
    lineHeight: '24px',
    padding: '12px 20px',
    textDecoration: 'none',
  },
  link: { color: color.brand, textDecoration: 'underline' },
} satisfies Record<string, CSSProperties>;

type LayoutProps = BrandProps & {
  /** The subject line, used as the document title. */
  title: string;
  /** The line inbox lists show after the subject. */
  preview: string;
  /** Follow-up and marketing email only: the one-click unsubscribe link. */
  unsubscribeUrl?: string;
  children: ReactNode;
};

export function Layout({ title, preview, clinicName, clinicAddress, clinicPhone, unsubscribeUrl, children }: LayoutProps) {
  return (
    <Html lang="en" dir="ltr">
      <Head>
        <title>{title}</title>
      </Head>
      <Preview>{preview}</Preview>
      <Body style={style.body}>
        <Container style={style.container}>
          <Section style={style.header}>
            <Text style={style.clinicName}>{clinicName}</Text>
          </Section>
          <Section style={style.content}>{children}</Section>
          <Hr style={style.hr} />
          <Section style={style.footer}>
            <Text style={style.footerText}>
              {clinicName}
              <br />
              {clinicAddress}
              <br />
              Phone: {clinicPhone}
            </Text>
            {unsubscribeUrl ? (
              <Text style={style.footerText}>
                You can stop these emails at any time:{' '}
                <Link href={unsubscribeUrl} style={style.footerLink}>
                  Unsubscribe
                </Link>
              </Text>
            ) : null}
          </Section>
        </Container>
      </Body>
    </Html>
  );
}

export function Title({ children, tone = 'calm' }: { children: ReactNode; tone?: 'calm' | 'urgent' }) {
  return (
    <Heading as="h1" style={tone === 'urgent' ? style.urgentHeading : style.heading}>
      {children}
    </Heading>
  );
}

export function Subtitle({ children }: { children: ReactNode }) {
  return (
    <Heading as="h2" style={style.subheading}>
      {children}
    </Heading>
  );
}

export function Paragraph({ children }: { children: ReactNode }) {
  return <Text style={style.paragraph}>{children}</Text>;
}

/** "Hello Maria," or "Hello," when we do not know the name. */
export function Greeting({ firstName }: { firstName?: string }) {
  return <Paragraph>{firstName ? `Hello ${firstName},` : 'Hello,'}</Paragraph>;
}

/** Label and value pairs in a shaded box ("When: …"); rows without a value are left out. */
export function Details({ rows }: { rows: [label: string, value: string | undefined][] }) {
  return (
    <Section style={style.panel}>
      {rows
        .filter((row): row is [string, string] => Boolean(row[1]))
        .map(([label, value]) => (
          <Text key={label} style={style.detail}>
            <strong>{label}:</strong> {value}
          </Text>
        ))}
    </Section>
  );
}

export function Action({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Section style={{ margin: '8px 0 24px' }}>
      <Button href={href} style={style.button}>
        {children}
      </Button>
    </Section>
  );
}

export function InlineLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Link href={href} style={style.link}>
      {children}
    </Link>
  );
}

/** The facts every appointment email states, in the same order. */
export type AppointmentFacts = {
  reference?: string;
  when?: string;
  providerName?: string;
  locationName?: string;
  address?: string;
  duration?: string;
};

export function AppointmentDetails({ facts, whenLabel = 'When' }: { facts: AppointmentFacts; whenLabel?: string }) {
  return (
    <Details
      rows={[
        [whenLabel, facts.when],
        ['With', facts.providerName],
        ['Where', `${facts.locationName}, ${facts.address}`],
        ['How long', facts.duration],
        ['Reference', facts.reference],
      ]}
    />
  );
}

/** Preview values shared by the appointment emails. */
export const previewAppointment = {
  firstName: 'Maria',
  reference: 'CR-7K4M2Q',
  when: 'Friday 27 November 2026, 12:00pm Pacific Time (3:00pm your time, Eastern)',
  providerName: 'Dr. Marc Darrow',
  locationName: 'Los Angeles clinic',
  address: '100 Example Avenue, Suite 200, Los Angeles, CA 90025',
  duration: '30 minutes',
  manageUrl: 'http://localhost:3000/consult/manage/preview-token',
};

/** Props shared by the emails about one appointment (confirmed, moved, reminder). */
export type AppointmentEmailProps = BrandProps & {
  firstName?: string;
  reference: string;
  /** Already formatted in the patient's zone, e.g. "Friday 27 November 2026, 12:00pm (Pacific Standard Time)". */
  when: string;
  providerName?: string;
  locationName: string;
  address: string;
  /** e.g. "30 minutes". */
  duration: string;
  manageUrl: string;
};
