import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { CaudaEquinaCard } from '@/components/care-card';
import { Breadcrumbs } from '@/components/guide/breadcrumbs';
import { clinic } from '@/lib/env';
import { startFields } from '@/lib/intake/attribution';
import { loadOrTryAgain } from '@/lib/http/page-data';
import { telHref } from '@/lib/phone-format';
import { discardDraft, startRequest } from './actions';
import { readDraft } from './session';

export const metadata: Metadata = {
  title: 'Request a consultation',
  description: 'Tell us about your pain and choose a time to talk to our clinic. It takes about 5 minutes.',
  alternates: { canonical: '/consult' },
};

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ConsultStartPage({ searchParams }: Props) {
  const params = await searchParams;
  const request = await headers();
  // Where the person came from (the guide page, a campaign, another site): carried by the start form, never a cookie.
  const attribution = startFields(params, request.get('referer'), request.get('host'));
  const c = clinic();
  // A draft already sent is over: the start page offers a new request, not "Continue".
  const found = await loadOrTryAgain('consult draft', '/consult', () => readDraft(new Date()));
  const draft = found?.sent ? null : found;
  const expired = params.expired === '1';
  return (
    <div className="max-w-2xl">
      <Breadcrumbs trail={[{ href: '/', label: 'Home' }]} current="Request a consultation" />
      <h1 className="text-4xl font-bold leading-tight">Request a consultation</h1>
      {expired ? (
        <p className="border-l-4 border-brand bg-white p-4">
          We could not find your answers. This happens if the form was left for more than 4 hours. Start again below.
        </p>
      ) : null}
      <p className="text-xl">
        Tell us about your pain and, if you like, choose a time to talk with {c.physician}. It takes about 5 minutes.
      </p>
      <h2 className="text-2xl font-bold">What you will be asked</h2>
      <ul className="list-disc pl-6">
        <li>your name and how to contact you</li>
        <li>a few questions to check if you need urgent help</li>
        <li>where your pain is and what you have tried</li>
        <li>a time for your consultation, or to have us call you</li>
      </ul>
      <p>
        Nothing is sent until you check your answers at the end. If you prefer, call us on{' '}
        <a href={telHref(c.phone)}>{c.phone}</a>.
      </p>

      <CaudaEquinaCard />

      <form action={startRequest}>
        {Object.entries(attribution).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <button
          type="submit"
          className="rounded bg-success px-7 py-3 text-xl font-semibold text-white shadow-[0_3px_0_#0f3d20] hover:bg-[#17552d]"
        >
          {draft ? 'Continue your request' : 'Start now'} <span aria-hidden="true">›</span>
        </button>
      </form>
      {draft ? (
        <form action={discardDraft} className="mt-4">
          <button type="submit" className="text-base text-brand underline">
            Start again with an empty form
          </button>
        </form>
      ) : null}
    </div>
  );
}
