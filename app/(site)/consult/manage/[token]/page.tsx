import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { appointmentWhen } from '@/lib/booking/time-words';
import { clinic } from '@/lib/env';
import { telHref } from '@/lib/phone-format';
import { requestForToken } from '../access';

// A private page: never indexed, and the link never leaks to other sites through the Referer header.
export const metadata: Metadata = { title: 'Your consultation', robots: { index: false, follow: false }, referrer: 'same-origin' };

type Props = { params: Promise<{ token: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ManagePage({ params, searchParams }: Props) {
  await connection();
  const { token } = await params;
  const { changed } = await searchParams;
  const c = clinic();
  const now = new Date();
  const summary = await requestForToken(token, now);
  if (!summary) {
    return (
      <div className="max-w-2xl">
        <h1 className="text-4xl font-bold">This link has expired or is not valid</h1>
        <p>
          To view or change your consultation, call us on <a href={telHref(c.phone)}>{c.phone}</a>.
        </p>
        <p>
          Or <Link href="/consult">make a new request</Link>.
        </p>
      </div>
    );
  }
  const a = summary.appointment;
  const active = a && a.status === 'booked' && a.startsAt > now;
  return (
    <div className="max-w-2xl">
      <p className="mb-1 text-base text-muted">Reference {summary.reference}</p>
      <h1 className="text-4xl font-bold">Your consultation</h1>
      {changed === 'moved' ? (
        <p role="status" className="border-l-4 border-success bg-white p-4 font-semibold">
          Your consultation has been moved. We will email you the new time.
        </p>
      ) : null}
      {changed === 'cancelled' ? (
        <p role="status" className="border-l-4 border-success bg-white p-4 font-semibold">
          Your consultation has been cancelled. We will email you to confirm.
        </p>
      ) : null}
      {active ? (
        <>
          <p className="text-xl">
            Your consultation is on <strong>{appointmentWhen(a.startsAt, { clinic: c.timeZone, patient: summary.timeZone })}</strong>.
          </p>
          <p>
            <a href={`/consult/manage/${token}/calendar.ics`} download="consultation.ics">
              Add to your calendar
            </a>
          </p>
          <ul className="list-none space-y-3 p-0 text-lg">
            <li>
              <Link href={`/consult/manage/${token}/reschedule`}>Change the time</Link>
            </li>
            <li>
              <Link href={`/consult/manage/${token}/cancel`}>Cancel this consultation</Link>
            </li>
          </ul>
        </>
      ) : a && a.status === 'cancelled' ? (
        <>
          <p className="text-xl">Your consultation on {appointmentWhen(a.startsAt, { clinic: c.timeZone, patient: summary.timeZone })} was cancelled.</p>
          <p>
            <Link href="/consult">Request a new consultation</Link> or call us on <a href={telHref(c.phone)}>{c.phone}</a>.
          </p>
        </>
      ) : a ? (
        <p className="text-xl">Your consultation was on {appointmentWhen(a.startsAt, { clinic: c.timeZone, patient: summary.timeZone })}.</p>
      ) : (
        <p className="text-xl">
          We have your request and will call you to arrange a time. If you would like to talk
          sooner, call us on <a href={telHref(c.phone)}>{c.phone}</a>.
        </p>
      )}
    </div>
  );
}
