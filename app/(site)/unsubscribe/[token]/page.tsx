import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getDb } from '@/db/client';
import { failSafe } from '@/lib/http/safe-action';
import { emailFromUnsubscribeToken, unsubscribe } from '@/lib/email/unsubscribe';
import { clinic } from '@/lib/env';

export const metadata: Metadata = { title: 'Unsubscribe', robots: { index: false, follow: false }, referrer: 'same-origin' };

type Props = { params: Promise<{ token: string }>; searchParams: Promise<{ done?: string }> };

async function confirm(token: string) {
  'use server';
  return failSafe('unsubscribe', async () => {
    const now = new Date();
    const email = emailFromUnsubscribeToken(token, now);
    if (email) await unsubscribe(await getDb(), email, now);
    redirect(`/unsubscribe/${token}?done=1`);
  });
}

export default async function UnsubscribePage({ params, searchParams }: Props) {
  const { token } = await params;
  const { done } = await searchParams;
  const email = emailFromUnsubscribeToken(token, new Date());
  if (!email) {
    return (
      <div className="max-w-2xl">
        <h1 className="text-4xl font-bold">This link is not valid</h1>
        <p>To stop our emails, reply to any of them or call us on {clinic().phone}.</p>
      </div>
    );
  }
  if (done) {
    return (
      <div className="max-w-2xl">
        <h1 className="text-4xl font-bold">You have been unsubscribed</h1>
        <p>We will not send follow-up or news emails to {email} again.</p>
        <p>You will still get emails about consultations you book, such as confirmations and reminders.</p>
      </div>
    );
  }
  return (
    <div className="max-w-2xl">
      <h1 className="text-4xl font-bold">Stop follow-up and news emails</h1>
      <p>We will stop sending follow-up and news emails to {email}. Emails about consultations you book will still arrive.</p>
      <form action={confirm.bind(null, token)}>
        <button type="submit" className="rounded bg-brand px-6 py-3 text-lg font-semibold text-white hover:bg-brand-dark">
          Unsubscribe
        </button>
      </form>
    </div>
  );
}
