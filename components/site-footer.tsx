import Link from 'next/link';
import type { Clinic } from '@/lib/env';
import { telHref } from '@/lib/phone-format';

export function SiteFooter({ clinic }: { clinic: Clinic }) {
  return (
    <footer className="mt-auto border-t border-line bg-white text-base text-muted">
      <div className="mx-auto grid max-w-5xl gap-6 px-4 py-8 sm:grid-cols-2">
        <div>
          <p className="m-0 font-semibold text-ink">{clinic.name}</p>
          <p className="m-0">{clinic.address}</p>
          <p className="m-0">
            Phone: <a href={telHref(clinic.phone)}>{clinic.phone}</a>
          </p>
        </div>
        <div>
          <p className="m-0">
            <strong className="text-ink">In an emergency, call 911.</strong> This website gives general information.
            It does not replace advice from your own doctor about your health.
          </p>
          <ul className="mt-3 flex flex-wrap gap-x-5">
            <li>
              <Link href="/privacy">Privacy notice</Link>
            </li>
            <li>
              <Link href="/guide/references">Research references</Link>
            </li>
          </ul>
        </div>
      </div>
    </footer>
  );
}
