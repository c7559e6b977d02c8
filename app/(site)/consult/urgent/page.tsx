import type { Metadata } from 'next';
import Link from 'next/link';
import { CareCard } from '@/components/care-card';
import { StepFrame } from '@/components/consult/step-frame';
import { RED_FLAG_QUESTIONS, triageRedFlags, type RedFlagAnswers } from '@/lib/intake/triage';
import { isChange, requireDraft } from '../guard';

export const metadata: Metadata = { title: 'Get help now – Request a consultation', robots: { index: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The interruption page after a warning sign: emergency advice first, then the choice to carry on. */
export default async function UrgentPage({ searchParams }: Props) {
  const draft = await requireDraft('pain');
  const change = isChange(await searchParams);
  const answers = Object.fromEntries(RED_FLAG_QUESTIONS.map((q) => [q.id, draft.values[q.id]])) as RedFlagAnswers;
  const { redFlags } = triageRedFlags(answers);
  const signs = RED_FLAG_QUESTIONS.filter((q) => redFlags.includes(q.id));
  return (
    <StepFrame backHref="/consult/warning-signs" title="You may need urgent help">
      <CareCard level="emergency" heading="Call 911 or go to the emergency room now if:">
        <ul>
          {signs.map((q) => (
            <li key={q.id}>{q.question.replace(/^Do you have /, 'you have ').replace(/\?$/, '')}</li>
          ))}
        </ul>
        <p>These can be signs of a serious problem, such as pressure on the nerves at the base of the spine. It needs treatment straight away.</p>
      </CareCard>
      <p>
        If you are sure it is not an emergency, you can carry on with your request. We will mark it as urgent and call
        you as soon as we can.
      </p>
      <p>
        <Link
          href={change ? '/consult/check' : '/consult/pain'}
          className="inline-block rounded bg-brand px-6 py-3 text-lg font-semibold text-white no-underline hover:bg-brand-dark hover:text-white"
        >
          Continue with my request
        </Link>
      </p>
    </StepFrame>
  );
}
