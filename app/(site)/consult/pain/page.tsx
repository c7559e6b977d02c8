import type { Metadata } from 'next';
import { Checkboxes, Radios, StepForm, TextArea } from '@/components/consult/form';
import { FormStepFrame } from '@/components/consult/step-frame';
import { PAIN_AREA_LABELS, PAIN_DURATION_LABELS, SURGERY_RECOMMENDED_LABELS, TREATMENT_LABELS, options } from '@/lib/intake/labels';
import { MESSAGE_MAX, NO_TREATMENTS } from '@/lib/intake/schema';
import { saveStep } from '../actions';
import { isChange, requireDraft } from '../guard';

export const metadata: Metadata = { title: 'About your pain – Request a consultation', robots: { index: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const painLevels = Array.from({ length: 11 }, (_, n) => ({
  value: String(n),
  label: n === 0 ? '0 – no pain' : n === 10 ? '10 – worst pain imaginable' : String(n),
}));

export default async function PainPage({ searchParams }: Props) {
  const draft = await requireDraft('pain');
  const change = isChange(await searchParams);
  return (
    <FormStepFrame stepId="pain" change={change}
      title="About your pain"
      intro={<p>This helps the doctor prepare for your consultation.</p>}
    >
      <StepForm action={saveStep.bind(null, 'pain')} stepId="pain" initialValues={draft.values} hidden={change ? { returnTo: 'check' } : undefined}>
        <Radios name="painArea" legend="Where is your pain worst?" options={options(PAIN_AREA_LABELS)} />
        <Radios name="painDuration" legend="How long have you had this pain?" options={options(PAIN_DURATION_LABELS)} />
        <Radios name="painLevel" legend="How bad is your pain on a typical day?" hint="0 means no pain, 10 means the worst pain you can imagine." options={painLevels} inline />
        <Checkboxes
          name="treatmentsTried"
          legend="Which treatments have you tried for this pain?"
          hint="Select all that apply."
          options={options(TREATMENT_LABELS)}
          exclusive={{ value: NO_TREATMENTS, label: 'None of these' }}
        />
        <Radios name="surgeryRecommended" legend="Has a doctor recommended surgery for this pain?" options={options(SURGERY_RECOMMENDED_LABELS)} />
        <TextArea
          name="message"
          label="Is there anything else you want us to know? (optional)"
          hint="For example, what you most want help with."
          maxLength={MESSAGE_MAX}
        />
      </StepForm>
    </FormStepFrame>
  );
}
