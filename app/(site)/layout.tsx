// The public site's frame around every page under app/(site) (the guide, served without JavaScript, lives in
// pages/ and shares the same frame).
import type { ReactNode } from 'react';
import { SiteFrame } from '@/components/site-frame';

// Prerendered pages (home, privacy) are refreshed at most every 5 minutes: Next.js then sends
// `s-maxage=300, stale-while-revalidate=…` (expireTime, next.config.js), which the shared cache in front of the
// app honours (ops/nginx/clinic.conf). Pages rendered per request (the form, private links) stay `no-store`.
// The guide's pages say the same through getStaticProps (components/static-page.tsx).
export const revalidate = 300;

export default function SiteLayout({ children }: { children: ReactNode }) {
  return <SiteFrame>{children}</SiteFrame>;
}
