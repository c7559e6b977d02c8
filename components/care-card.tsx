import type { ReactNode } from 'react';

// The NHS care-card pattern, adapted for the US: three levels, each with a hidden prefix for screen readers.
const levels = {
  'non-urgent': {
    prefix: 'Non-urgent advice: ',
    heading: 'Talk to your doctor if:',
    box: 'border-brand bg-white',
    head: 'bg-brand text-white',
  },
  urgent: {
    prefix: 'Urgent advice: ',
    heading: 'Get an urgent appointment with your doctor or go to urgent care if you have:',
    box: 'border-danger bg-white',
    head: 'bg-danger text-white',
  },
  emergency: {
    prefix: 'Immediate action required: ',
    heading: 'Call 911 or go to the emergency room now if:',
    box: 'border-danger bg-emergency text-white [&_a]:text-white',
    head: 'bg-danger text-white',
  },
} as const;

export type CareLevel = keyof typeof levels;

export function CareCard({
  level,
  heading,
  children,
  headingLevel = 2,
}: {
  level: CareLevel;
  heading?: string;
  children: ReactNode;
  headingLevel?: 2 | 3;
}) {
  const l = levels[level];
  const H = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section className={`my-8 border-4 ${l.box}`} aria-label={`${l.prefix}${heading ?? l.heading}`}>
      <H className={`m-0 px-5 py-3 text-xl font-bold leading-snug ${l.head}`}>
        <span className="sr-only">{l.prefix}</span>
        {heading ?? l.heading}
      </H>
      <div className="px-5 py-4 [&_ul]:my-2 [&_ul]:list-disc [&_ul]:pl-6 [&_li]:my-1 [&_p]:my-2">{children}</div>
    </section>
  );
}

/**
 * The guide's one emergency card, in one wording (docs/decisions/0004, from the content style guide): the signs of
 * cauda equina syndrome first, then the other emergencies the guide names (a clot in the lungs, a heart attack or
 * stroke, a spinal injury). Pages never write their own emergency card, so the wording cannot drift.
 */
export function EmergencyCard({
  headingLevel = 2,
  children,
}: {
  headingLevel?: 2 | 3;
  /** A line about the back-pain signs (the home page names cauda equina syndrome); never a link. */
  children?: ReactNode;
}) {
  return (
    <CareCard level="emergency" heading={EMERGENCY_HEADING} headingLevel={headingLevel}>
      <ul>
        {EMERGENCY_BACK_PAIN_SIGNS.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ul>
      {children}
      <p className="font-bold">{EMERGENCY_ALSO}</p>
      <ul>
        {EMERGENCY_OTHER_SIGNS.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ul>
    </CareCard>
  );
}

export const EMERGENCY_HEADING = 'Call 911 or go to the emergency room now if you have back pain and:';
export const EMERGENCY_BACK_PAIN_SIGNS = [
  'numbness around your genitals or bottom',
  'you cannot pee, or cannot control when you pee or poo, and this is not normal for you',
  "weakness or numbness in both legs that's getting worse",
] as const;
export const EMERGENCY_ALSO = 'Also call 911 now if you have:';
export const EMERGENCY_OTHER_SIGNS = [
  'sudden chest pain or trouble breathing',
  'sudden weakness or numbness on one side of your face or body, or trouble speaking',
  'a back or neck injury from a fall, crash or blow, with numbness, tingling or weakness in your arms or legs',
] as const;

/** The same card under its older name: the home page, the guide hub and the form's start use it. */
export const CaudaEquinaCard = EmergencyCard;
