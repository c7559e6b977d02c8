import type { Metadata } from 'next';
import Link from 'next/link';
import { readProblemQuery } from '@/lib/http/problem';
import { clinic } from '@/lib/env';
import { telHref } from '@/lib/phone-format';

export const metadata: Metadata = { title: 'Sorry, that did not work', robots: { index: false, follow: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Where a form that could not be accepted, or an action that failed, leads: what happened and what to do next. */
export default async function ProblemPage({ searchParams }: Props) {
  const { requestId, reason, back } = readProblemQuery(await searchParams);
  const c = clinic();
  return (
    <div className="max-w-2xl">
      <h1 className="mt-0 text-4xl font-bold">Sorry, that did not work</h1>
      {reason === 'refused' ? (
        <p>We could not accept the form you sent, so nothing has been sent or changed. This can happen when a page is opened from another website or an old bookmark.</p>
      ) : reason === 'unavailable' ? (
        <>
          <p>Our system is busy for a moment, so we could not finish what you asked for. Your answers are kept.</p>
          <p>Please wait a minute, then try again. If your request had already reached us, sending it again will not send it twice.</p>
        </>
      ) : (
        <p>Something went wrong on our side, so what you asked for may not have been done. Anything you had already saved is kept.</p>
      )}
      <h2 className="text-2xl font-bold">What you can do</h2>
      <p>
        {back ? <Link href={back}>Go back and try again</Link> : 'Go back to the page you were on and try again'}. If you came from a link in one of
        our emails, open the link again.
      </p>
      <p>
        If it still does not work, call us on <a href={telHref(c.phone)}>{c.phone}</a>. We can help you by phone.
      </p>
      {requestId ? (
        <p>
          If you call, you can tell us this reference so we can find out what happened: <strong className="font-mono break-all">{requestId}</strong>
        </p>
      ) : null}
      <p>
        <Link href="/">Go to the home page</Link>
      </p>
    </div>
  );
}
