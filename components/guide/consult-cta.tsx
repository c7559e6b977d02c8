import Link from 'next/link';
import { telHref } from '@/lib/phone-format';

/** The call to action at the end of every guide page: ask for a consultation, or call. */
export function ConsultCta({ href, phone }: { href: string; phone: string }) {
  return (
    <aside aria-labelledby="consult-cta" className="my-10 rounded-md border-2 border-brand bg-brand-soft p-6">
      <h2 id="consult-cta" className="mt-0 text-2xl font-bold">
        Talk to us about your own situation
      </h2>
      <p>
        A consultation is a chance to go through your pain, what you have tried so far, and the options that may help
        you — with or without surgery.
      </p>
      <p className="mb-0 flex flex-wrap items-center gap-x-6 gap-y-3">
        <Link
          href={href}
          className="inline-block rounded bg-brand px-6 py-3 text-lg font-semibold text-white no-underline shadow-[0_3px_0_var(--color-brand-dark)] hover:bg-brand-dark hover:text-white"
        >
          Request a consultation
        </Link>
        <span>
          or call <a href={telHref(phone)}>{phone}</a>
        </span>
      </p>
    </aside>
  );
}
