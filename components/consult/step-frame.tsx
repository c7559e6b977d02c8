import Link from 'next/link';
import type { ReactNode } from 'react';

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
