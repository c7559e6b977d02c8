import { Breadcrumbs } from '@/components/guide/breadcrumbs';
import { ConsultCta } from '@/components/guide/consult-cta';
import { GUIDE_TITLE } from '@/lib/content/guide';
import { glossary, glossaryAnchor } from '@/lib/content/glossary';
import { consultHref } from '@/lib/content/links';
import { clinic } from '@/lib/env';

export const GLOSSARY_TITLE = 'Words explained – Spinal surgery guide';
export const GLOSSARY_DESCRIPTION =
  'Plain-language meanings of the medical and research words used in our spinal surgery guide, from bone graft to randomized controlled trial.';

/** The glossary: each word a guide page links with <Term>, in a sentence or two (pages/guide/glossary.tsx). */
export function GlossaryPage() {
  const entries = [...glossary].sort((a, b) => a.term.localeCompare(b.term));
  return (
    <>
      <Breadcrumbs trail={[{ href: '/', label: 'Home' }, { href: '/guide', label: GUIDE_TITLE }]} current="Words explained" />
      <article className="max-w-3xl">
        <h1 className="text-4xl font-bold leading-tight">{GLOSSARY_TITLE}</h1>
        <p className="text-xl text-muted">
          Words with a dotted line in the guide link here. Each one is explained in a sentence or two.
        </p>
        <dl className="space-y-4">
          {entries.map((g) => (
            <div key={g.id} id={glossaryAnchor(g.id)} className="scroll-mt-4 rounded-md border border-line bg-white p-5 target:border-brand target:ring-2 target:ring-brand">
              <dt className="text-xl font-bold">{g.term}</dt>
              <dd className="m-0 mt-1">{g.definition}</dd>
            </div>
          ))}
        </dl>
        <ConsultCta href={consultHref('glossary')} phone={clinic().phone} />
      </article>
    </>
  );
}
