import type { Metadata } from 'next';
import { CareCard } from '@/components/care-card';
import { Radios, StepForm, WarningSignsWatcher } from '@/components/consult/form';
import { FormStepFrame } from '@/components/consult/step-frame';
import { RED_FLAG_ANSWER_LABELS, options } from '@/lib/intake/labels';
import { RED_FLAG_QUESTIONS } from '@/lib/intake/triage';
import { saveStep } from '../actions';
import { isChange, requireDraft } from '../guard';

export const metadata: Metadata = { title: 'Warning signs – Request a consultation', robots: { index: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function WarningSignsPage({ searchParams }: Props) {
  const draft = await requireDraft('warning-signs');
  const change = isChange(await searchParams);
  return (
    <FormStepFrame stepId="warning-signs" change={change}
      title="Do you have any of these warning signs?"
      intro={
        <p>
          Some symptoms with back pain need help straight away. Your answers tell us if your situation is urgent. If
          you are not sure, choose “I’m not sure”.
        </p>
      }
    >
      <StepForm
        action={saveStep.bind(null, 'warning-signs')}
        stepId="warning-signs"
        initialValues={draft.values}
        hidden={change ? { returnTo: 'check' } : undefined}
      >
        {RED_FLAG_QUESTIONS.map((q) => (
          <Radios key={q.id} name={q.id} legend={q.question} hint={q.hint} options={options(RED_FLAG_ANSWER_LABELS)} inline />
        ))}
        <WarningSignsWatcher names={RED_FLAG_QUESTIONS.map((q) => q.id)}>
          <CareCard level="emergency" heading="Call 911 or go to the emergency room now">
            <p>
              You told us you may have a sign that needs help straight away. Do not wait for a consultation with us.
            </p>
            <p>You can still send this request, and our team will call you as soon as we can.</p>
          </CareCard>
        </WarningSignsWatcher>
      </StepForm>
    </FormStepFrame>
  );
}
