import Link from 'next/link';
import type { ReactNode } from 'react';
import { clinicTimesSentence, type TimeZones } from '@/lib/booking/time-words';
import { getStep, previousStep, stepNumber, STEPS, type StepId } from '@/lib/intake/steps';

/**
 * One of the form's numbered steps: "Step 2 of 5: Warning signs" and the back link come from the step table
 * (lib/intake/steps.ts); `change` (arrived from the check page to change an answer) goes back there instead.
 */
export function FormStepFrame({ stepId, change = false, ...rest }: { stepId: StepId; change?: boolean; title: string; intro?: ReactNode; children: ReactNode }) {
  const backHref = change ? getStep('check').path : (previousStep(stepId)?.path ?? '/consult');
  return <StepFrame backHref={backHref} step={stepNumber(stepId)} of={STEPS.length} stepTitle={getStep(stepId).title} {...rest} />;
}

/** Every question page: a back link, "Step 2 of 5", and the page's question as its h1. */
export function StepFrame({
  backHref,
  step,
  of,
  stepTitle,
  title,
  intro,
  children,
}: {
  backHref: string;
  step?: number;
  of?: number;
  stepTitle?: string;
  title: string;
  intro?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="max-w-2xl">
      <p className="mt-0 mb-6">
        <Link href={backHref} className="inline-flex items-center gap-1 text-base">
          <span aria-hidden="true">‹</span> Back
        </Link>
      </p>
      {step && of ? (
        <p className="mb-1 text-base font-semibold text-muted">
          Step {step} of {of}
          {stepTitle ? `: ${stepTitle}` : ''}
        </p>
      ) : null}
      <h1 className="text-4xl font-bold leading-tight">{title}</h1>
      {intro ? <div className="mb-6 text-lg">{intro}</div> : null}
      {children}
    </div>
  );
}

/** Above a list of free times: in plain words, which zone they are in (the clinic's) and why. */
export function ClinicTimesNote({ zones }: { zones: TimeZones }) {
  return <p className="border-l-4 border-brand bg-brand-soft p-4 font-semibold">{clinicTimesSentence(zones)}</p>;
}
