import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { CareCard } from '@/components/care-card';
import { getDb } from '@/db/client';
import { manageToken } from '@/lib/booking/links';
import { getDefaultProvider } from '@/lib/booking/queries';
import { appointmentWhen } from '@/lib/booking/time-words';
import { clinic } from '@/lib/env';
import { loadOrTryAgain } from '@/lib/http/page-data';
import { getRequestSummary } from '@/lib/intake/queries';
import { telHref } from '@/lib/phone-format';
import { readConfirmation, sentFromDraft } from '../session';

export const metadata: Metadata = { title: 'Request sent – Request a consultation', robots: { index: false } };

export default async function ConfirmationPage() {
  await connection();
  const c = clinic();
  const now = new Date();
  // The cookie set with the answer to "Accept and send"; when that answer was lost, the draft marked sent.
  const confirmation = (await readConfirmation()) ?? (await sentFromDraft(now));
  // The request is stored; only showing it failed. "Try again" reloads this page (its cookie lasts 10 minutes).
  const { summary, provider } = await loadOrTryAgain('confirmation page', '/consult/confirmation', async () => {
    const db = await getDb();
    const found = confirmation && 'requestId' in confirmation ? await getRequestSummary(db, confirmation.requestId) : null;
    return { summary: found, provider: found ? await getDefaultProvider(db) : null };
  });
  if (!summary) {
    return (
      <div className="max-w-2xl">
        <h1 className="text-4xl font-bold">Request sent</h1>
        <p>We have received your request. We will contact you within 1 working day.</p>
        <p>
          If you need to talk to us sooner, call <a href={telHref(c.phone)}>{c.phone}</a>.
        </p>
      </div>
    );
  }
  const token = manageToken(summary.requestId, now);
  const booked = summary.appointment && summary.appointment.status === 'booked' ? summary.appointment : null;
  return (
    <div className="max-w-2xl">
      <div className="mb-8 bg-success p-6 text-center text-white">
        <h1 className="mt-0 mb-3 text-4xl font-bold">{booked ? 'Consultation booked' : 'Request sent'}</h1>
        <p className="m-0 text-xl">
          Your reference number
          <br />
          <strong className="text-3xl tracking-wider">{summary.reference}</strong>
        </p>
      </div>
      {booked ? (
        <>
          <p className="text-xl">
            Your consultation with {provider?.name ?? c.physician} is on <strong>{appointmentWhen(booked.startsAt, { clinic: c.timeZone, patient: summary.timeZone })}</strong>.
          </p>
          <p>
            It lasts 30 minutes, at {provider?.locationName ?? c.name}, {provider?.address ?? c.address}.
          </p>
          <p>
            <a href={`/consult/manage/${token}/calendar.ics`} download="consultation.ics" className="font-semibold">
              Add to your calendar
            </a>
          </p>
        </>
      ) : null}
      <p className="wrap-anywhere">We will email a confirmation to {confirmation && 'email' in confirmation ? confirmation.email : 'the address you gave'}.</p>

      <h2 className="text-2xl font-bold">What happens next</h2>
      {summary.urgent ? (
        <p>
          Because you told us about a warning sign, your request is marked urgent. A member of our team will call you
          today if we are open, or first thing on the next working day.
        </p>
      ) : booked ? (
        <p>We will send you a reminder the day before. You do not need to do anything else.</p>
      ) : (
        <p>
          We will call you within 1 working day to arrange a time{summary.bestTimeLabel ? `, ${summary.bestTimeLabel.toLowerCase()} if we can` : ''}.
          You do not need to do anything else.
        </p>
      )}
      <p>
        <Link href={`/consult/manage/${token}`}>View, change or cancel your request</Link>. The same link is in your
        email.
      </p>
      <p>
        If anything changes, call us on <a href={telHref(c.phone)}>{c.phone}</a> and give your reference number.
      </p>
      {summary.urgent ? (
        <CareCard level="emergency" heading="Call 911 or go to the emergency room now if your symptoms get worse" >
          <p>Do not wait for our call if you cannot pee or control your bowels, or your legs become weak or numb.</p>
        </CareCard>
      ) : null}
    </div>
  );
}
