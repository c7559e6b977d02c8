import type { Metadata } from 'next';
import { clinic } from '@/lib/env';
import { telHref } from '@/lib/phone-format';

export const metadata: Metadata = { title: 'Privacy notice' };

export default function PrivacyPage() {
  const c = clinic();
  return (
    <article className="max-w-3xl [&_h2]:mt-10 [&_h2]:text-2xl [&_h2]:font-bold [&_ul]:list-disc [&_ul]:pl-6">
      <h1 className="mt-0 text-4xl font-bold">Privacy notice</h1>
      <p className="text-xl text-muted">
        How {c.name} uses the information you give us when you ask for a consultation.
      </p>

      <h2>What we collect</h2>
      <ul>
        <li>your name, email address, phone number and how you prefer to be contacted</li>
        <li>what you tell us about your pain, treatments you have tried, and any warning signs you report</li>
        <li>the time you choose for a consultation, if you book one</li>
        <li>which page of our website led you to us, so we know which information helps people</li>
      </ul>

      <h2>Why we collect it</h2>
      <p>
        We use it to contact you about your request, to prepare for your consultation, and to send you the
        confirmations and reminders you asked for. Answers about warning signs help us see quickly if your situation is
        urgent.
      </p>

      <h2>Answers you have not sent yet</h2>
      <p>
        While you fill in the form, your answers are kept on our server so you can go back and change them. They are
        locked with a key that only your browser holds, so nobody at the clinic can read them. They are deleted when
        you send your request or start again, and at the latest 4 hours after you started.
      </p>

      <h2>Who can see it</h2>
      <p>
        Only our clinic staff, after signing in. Every time a member of staff opens your record, we keep a note of who
        it was and when. Our emails never include details about your health.
      </p>

      <h2>Marketing</h2>
      <p>
        We only send you news or offers if you tick the separate box that asks for them. You can stop them at any time
        with the link in every such email.
      </p>

      <h2>Your rights</h2>
      <p>
        You can ask us for a copy of everything we hold about you, ask us to correct it, or ask us to delete it. You can
        also withdraw your consent to be contacted. Call us on <a href={telHref(c.phone)}>{c.phone}</a> or email{' '}
        <a href={`mailto:${c.email}`}>{c.email}</a>.
      </p>
    </article>
  );
}
