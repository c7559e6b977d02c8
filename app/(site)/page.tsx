import Link from 'next/link';
import { CaudaEquinaCard } from '@/components/care-card';
import { consultHref } from '@/lib/content/links';
import { clinic } from '@/lib/env';
import { telHref } from '@/lib/phone-format';

export default function HomePage() {
  const c = clinic();
  return (
    <>
      <section aria-labelledby="home-title" className="max-w-3xl">
        <h1 id="home-title" className="mt-0 text-4xl font-bold leading-tight text-ink">
          Back and joint pain: understand your options
        </h1>
        <p className="text-xl text-muted">
          Living with pain is hard, and so is deciding what to do about it. We explain the choices in plain words, with
          the research behind them, so you can decide with your doctor.
        </p>
      </section>

      <ul className="mt-8 grid list-none gap-5 p-0 sm:grid-cols-2">
        <li className="rounded-md border border-line bg-white p-5 shadow-sm">
          <h2 className="mt-0 text-2xl font-bold">
            <Link href="/guide">Thinking about spinal surgery?</Link>
          </h2>
          <p className="mb-0">
            Our guide covers when surgery helps, the common operations, their risks and results, recovery, and other
            options to try first.
          </p>
        </li>
        <li className="rounded-md border border-line bg-white p-5 shadow-sm">
          <h2 className="mt-0 text-2xl font-bold">
            <Link href={consultHref('home')}>Request a consultation</Link>
          </h2>
          <p>
            Tell us about your pain and choose a time to talk with {c.physician}, or call{' '}
            <a href={telHref(c.phone)}>{c.phone}</a>. We will listen, look at what you have tried so far, and explain
            what may help.
          </p>
          <p className="mb-0 text-base text-muted">{c.address}</p>
        </li>
      </ul>

      <CaudaEquinaCard>
        <p>These can be signs of cauda equina syndrome, which needs treatment straight away.</p>
      </CaudaEquinaCard>
    </>
  );
}
