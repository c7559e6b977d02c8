// The public site's frame: header, main and footer around every public page, whichever router renders it
// (app/(site)/layout.tsx for the form and private links, pages/ for the guide, served without JavaScript).
import type { ReactNode } from 'react';
import { SiteFooter } from '@/components/site-footer';
import { SiteHeader } from '@/components/site-header';
import { clinic } from '@/lib/env';

export function SiteFrame({ children }: { children: ReactNode }) {
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
