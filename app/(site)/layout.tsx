// The public site's frame: header, main and footer around every page under app/(site).
import type { ReactNode } from 'react';
import { SiteFooter } from '@/components/site-footer';
import { SiteHeader } from '@/components/site-header';
import { clinic } from '@/lib/env';

// Prerendered pages (home, guide, privacy) are refreshed at most every 5 minutes: Next.js then sends
// `s-maxage=300, stale-while-revalidate=…` (expireTime, next.config.js), which the shared cache in front of the
// app honours (ops/nginx/clinic.conf). Pages rendered per request (the form, private links) stay `no-store`.
export const revalidate = 300;

export default function SiteLayout({ children }: { children: ReactNode }) {
  const c = clinic();
  return (
    <>
      <SiteHeader clinic={c} />
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-5xl flex-1 px-4 py-8 outline-none">
        {children}
      </main>
      <SiteFooter clinic={c} />
    </>
  );
}
