import Link from 'next/link';
import type { Clinic } from '@/lib/env';
import { telHref } from '@/lib/phone-format';

export function SiteHeader({ clinic }: { clinic: Clinic }) {
  return (
    <header role="banner" className="bg-brand text-white">
      <a
        href="#main"
        className="skip-link sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:bg-focus focus:px-4 focus:py-2 focus:text-ink"
      >
        Skip to main content
      </a>
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-x-6 gap-y-2 px-4 py-3">
        <Link href="/" className="text-xl font-bold text-white no-underline hover:text-white hover:underline">
          {clinic.name}
        </Link>
        <p className="m-0 text-base">
          <span className="sr-only">Phone: </span>
          <a href={telHref(clinic.phone)} className="font-semibold text-white hover:text-white">
            {clinic.phone}
          </a>
        </p>
      </div>
      <nav aria-label="Main" className="border-t border-white/20">
        <ul className="mx-auto my-0 flex max-w-5xl flex-wrap gap-x-6 px-4 py-2 text-base">
          <li>
            <Link href="/" className="text-white hover:text-white">
              Home
            </Link>
          </li>
          <li>
            <Link href="/guide" className="text-white hover:text-white">
              Spinal surgery guide
            </Link>
          </li>
          <li>
            <Link href="/consult" className="text-white hover:text-white">
              Request a consultation
            </Link>
          </li>
        </ul>
      </nav>
    </header>
  );
}
