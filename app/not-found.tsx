import Link from 'next/link';
import { SiteFooter } from '@/components/site-footer';
import { SiteHeader } from '@/components/site-header';
import { clinic } from '@/lib/env';

export default function NotFound() {
  const c = clinic();
  return (
    <>
      <SiteHeader clinic={c} />
      <main id="main" className="mx-auto w-full max-w-5xl flex-1 px-4 py-8">
        <h1 className="mt-0 text-4xl font-bold">Page not found</h1>
        <p>If you typed the web address, check it is correct.</p>
        <p>
          You can go to the <Link href="/">home page</Link> or read our <Link href="/guide">spinal surgery guide</Link>.
        </p>
      </main>
      <SiteFooter clinic={c} />
    </>
  );
}
