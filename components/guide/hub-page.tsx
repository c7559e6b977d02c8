import Link from 'next/link';
import { EmergencyCard } from '@/components/care-card';
import { Breadcrumbs } from '@/components/guide/breadcrumbs';
import { JsonLd } from '@/components/json-ld';
import { GUIDE_TITLE, listGuidePages } from '@/lib/content/guide';
import { consultHref, guidePath } from '@/lib/content/links';
import { GLOSSARY_PATH } from '@/lib/content/glossary';
import { references, REFERENCES_PATH } from '@/lib/content/references';
import { clinicJsonLd } from '@/lib/content/structured-data';
import { appUrl, clinic } from '@/lib/env';
import { telHref } from '@/lib/phone-format';

export const GUIDE_HUB_DESCRIPTION =
  'A plain-language guide to spinal surgery: when it is needed, the main operations, their risks and results, recovery, and the options to try first.';

/** The guide's front page (pages/guide/index.tsx): what it is for, how to get help, and every page. */
export function GuideHubPage() {
  const c = clinic();
  const pages = listGuidePages();
  const studyCount = references.filter((r) => r.kind === 'study').length;
  return (
    <>
      <JsonLd data={clinicJsonLd(c, appUrl())} />
      <Breadcrumbs trail={[{ href: '/', label: 'Home' }]} current={GUIDE_TITLE} />
      <h1 className="text-4xl font-bold leading-tight">{GUIDE_TITLE}</h1>
      <div className="max-w-3xl text-xl text-muted">
        <p>
          Being told you might need an operation on your spine is a lot to take in. This guide helps you understand
          your choices, so you can make the decision that is right for you.
        </p>
        <p>
          Every figure links to its source. Where no single study gives a figure, the page says it is an estimate.
        </p>
      </div>

      <ul className="my-8 grid list-none gap-4 p-0 md:grid-cols-2" aria-label="Main actions">
        <li className="rounded-md border-2 border-brand bg-brand-soft p-5">
          <h2 className="mt-0 text-2xl font-bold">
            <Link href={consultHref('guide')}>Request a consultation</Link>
          </h2>
          <p className="mb-0">Tell us about your pain and choose a time to talk. It takes about 5 minutes.</p>
        </li>
        <li className="rounded-md border border-line bg-white p-5">
          <h2 className="mt-0 text-2xl font-bold">Call us</h2>
          <p className="mb-0">
            <a href={telHref(c.phone)}>{c.phone}</a>, Monday to Friday, 9am to 5pm.
          </p>
        </li>
      </ul>

      <h2 className="text-2xl font-bold">Pages in this guide</h2>
      <ol className="grid list-none gap-4 p-0 md:grid-cols-2">
        {pages.map((p) => (
          <li key={p.slug} className="rounded-md border border-line bg-white p-5 shadow-sm">
            <h3 className="mt-0 text-xl font-bold">
              <Link href={guidePath(p.slug)}>{p.navTitle}</Link>
            </h3>
            <p className="mb-0 text-base">{p.summary}</p>
          </li>
        ))}
        <li className="rounded-md border border-line bg-white p-5 shadow-sm">
          <h3 className="mt-0 text-xl font-bold">
            <Link href={REFERENCES_PATH}>Sources</Link>
          </h3>
          <p className="mb-0 text-base">
            The {studyCount} research papers, the news article and the patient information pages this guide draws on.
          </p>
        </li>
        <li className="rounded-md border border-line bg-white p-5 shadow-sm">
          <h3 className="mt-0 text-xl font-bold">
            <Link href={GLOSSARY_PATH}>Words explained</Link>
          </h3>
          <p className="mb-0 text-base">What the medical and research words in this guide mean, in plain English.</p>
        </li>
      </ol>

      <EmergencyCard />
    </>
  );
}
