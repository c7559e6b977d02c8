import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { appUrl, clinic } from '@/lib/env';
import './globals.css';

export function generateMetadata(): Metadata {
  const { name } = clinic();
  return {
    title: { default: name, template: `%s – ${name}` },
    description: `${name}: clear information about back and joint pain, and consultations with our physicians.`,
    metadataBase: new URL(appUrl()),
  };
}

export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#1d4e89' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en-US">
      <body className="min-h-screen flex flex-col">{children}</body>
    </html>
  );
}
