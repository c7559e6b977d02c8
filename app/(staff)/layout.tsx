import type { Metadata } from 'next';
import type { ReactNode } from 'react';

// Staff pages are private: never indexed, never cached by a shared proxy (they are dynamic).
export const metadata: Metadata = { robots: { index: false, follow: false } };

export default function StaffLayout({ children }: { children: ReactNode }) {
  return <div className="flex min-h-screen flex-1 flex-col text-base leading-normal">{children}</div>;
}
