import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { connection } from 'next/server';
import { StepFrame } from '@/components/consult/step-frame';
import { appointmentWhen } from '@/lib/booking/time-words';
import { clinic } from '@/lib/env';
import { requestForToken } from '../../access';
import { cancelFromLink } from '../../actions';

export const metadata: Metadata = { title: 'Cancel your consultation', robots: { index: false, follow: false }, referrer: 'same-origin' };

type Props = { params: Promise<{ token: string }> };

export default async function CancelPage({ params }: Props) {
  await connection();
  const { token } = await params;
  const summary = await requestForToken(token, new Date());
  const a = summary?.appointment;
  if (!summary || !a || a.status !== 'booked') redirect(`/consult/manage/${token}`);
  return (
    <StepFrame backHref={`/consult/manage/${token}`} title="Are you sure you want to cancel your consultation?">
      <p className="text-xl">{appointmentWhen(a.startsAt, { clinic: clinic().timeZone, patient: summary.timeZone })}</p>
      <p>The time will be offered to someone else. You can ask for a new consultation at any time.</p>
      <form action={cancelFromLink.bind(null, token)}>
        <button type="submit" className="rounded bg-danger px-6 py-3 text-lg font-semibold text-white hover:bg-[#8c1d17]">
          Yes, cancel my consultation
        </button>
      </form>
      <p className="mt-6">
        <Link href={`/consult/manage/${token}`}>No, keep my consultation</Link>
      </p>
    </StepFrame>
  );
}
