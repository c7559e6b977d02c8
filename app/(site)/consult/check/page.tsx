// The check-your-answers page: every answer grouped by step with a link to change it, then the consents and
// "Accept and send" (GOV.UK's check answers pattern).
import type { Metadata } from 'next';
import Link from 'next/link';
import { Checkbox, StepForm } from '@/components/consult/form';
import { FormStepFrame } from '@/components/consult/step-frame';
import { clinic } from '@/lib/env';
import { appointmentWhen } from '@/lib/booking/time-words';
import {
  CONTACT_METHOD_LABELS,
  CONTACT_TIME_LABELS,
  COMMON_TIME_ZONES,
  PAIN_AREA_LABELS,
  PAIN_DURATION_LABELS,
  RED_FLAG_ANSWER_LABELS,
  SURGERY_RECOMMENDED_LABELS,
  TREATMENT_LABELS,
} from '@/lib/intake/labels';
import type { Draft } from '@/lib/intake/draft';
import { CALL_TO_ARRANGE, NO_TREATMENTS } from '@/lib/intake/schema';
import { STEPS, type StepId } from '@/lib/intake/steps';
import { RED_FLAG_QUESTIONS } from '@/lib/intake/triage';
import { sendRequest } from '../actions';
import { requireDraft } from '../guard';

export const metadata: Metadata = { title: 'Check your answers – Request a consultation', robots: { index: false } };

type Row = { key: string; label: string; value: string; step: StepId; field: string };
type Section = { title: string; rows: Row[] };

const label = <T extends string>(labels: Record<T, string>, v: string | string[] | undefined) =>
  typeof v === 'string' && v in labels ? labels[v as T] : 'Not provided';

/** The answers, grouped as the steps asked them, each row with the step and field its "Change" link goes to. */
function answerSections(v: Draft['values']): Section[] {
  const zone = typeof v.timeZone === 'string' ? v.timeZone : clinic().timeZone;
  const zones = { clinic: clinic().timeZone, patient: typeof v.timeZone === 'string' ? v.timeZone : null };
  const treatments = (Array.isArray(v.treatmentsTried) ? v.treatmentsTried : v.treatmentsTried ? [v.treatmentsTried] : []).filter(
    (t) => t !== NO_TREATMENTS,
  );
  const text = (x: string | string[] | undefined) => (typeof x === 'string' && x.trim() ? x.trim() : 'Not provided');
  return [
    {
      title: 'Your details',
      rows: [
        { key: 'name', label: 'Name', value: `${text(v.firstName)} ${text(v.lastName)}`, step: 'details', field: 'firstName' },
        { key: 'email', label: 'Email address', value: text(v.email), step: 'details', field: 'email' },
        { key: 'phone', label: 'Phone number', value: text(v.phone), step: 'details', field: 'phone' },
        { key: 'contact', label: 'How to contact you', value: label(CONTACT_METHOD_LABELS, v.preferredContact), step: 'details', field: 'preferredContact' },
        { key: 'texts', label: 'Text reminders', value: v.textReminders === 'yes' || v.preferredContact === 'text' ? 'Yes' : 'No', step: 'details', field: 'textReminders' },
        { key: 'time', label: 'Best time to call', value: label(CONTACT_TIME_LABELS, v.bestTimeToCall), step: 'details', field: 'bestTimeToCall' },
        { key: 'zone', label: 'Time zone', value: COMMON_TIME_ZONES.find((z) => z.value === zone)?.label ?? zone, step: 'details', field: 'timeZone' },
      ],
    },
    {
      title: 'Warning signs',
      rows: RED_FLAG_QUESTIONS.map((q) => ({
        key: q.id,
        label: q.question,
        value: label(RED_FLAG_ANSWER_LABELS, v[q.id]),
        step: 'warning-signs' as const,
        field: q.id,
      })),
    },
    {
      title: 'About your pain',
      rows: [
        { key: 'area', label: 'Where it is worst', value: label(PAIN_AREA_LABELS, v.painArea), step: 'pain', field: 'painArea' },
        { key: 'duration', label: 'How long', value: label(PAIN_DURATION_LABELS, v.painDuration), step: 'pain', field: 'painDuration' },
        { key: 'level', label: 'Pain on a typical day', value: typeof v.painLevel === 'string' ? `${v.painLevel} out of 10` : 'Not provided', step: 'pain', field: 'painLevel' },
        {
          key: 'treatments',
          label: 'Treatments tried',
          value: treatments.length ? treatments.map((t) => label(TREATMENT_LABELS, t)).join(', ') : 'None of these',
          step: 'pain',
          field: 'treatmentsTried',
        },
        { key: 'surgery', label: 'Surgery recommended', value: label(SURGERY_RECOMMENDED_LABELS, v.surgeryRecommended), step: 'pain', field: 'surgeryRecommended' },
        { key: 'message', label: 'Anything else', value: text(v.message), step: 'pain', field: 'message' },
      ],
    },
    {
      title: 'Consultation time',
      rows: [
        {
          key: 'slot',
          label: 'Time',
          value: v.slot === CALL_TO_ARRANGE || typeof v.slot !== 'string' ? 'Call me to arrange a time' : appointmentWhen(new Date(v.slot), zones),
          step: 'time',
          field: 'slot',
        },
      ],
    },
  ];
}

const stepPath = (step: StepId) => STEPS.find((s) => s.id === step)!.path;

/** One group of answers as a summary list, each with its "Change" link (GOV.UK "check answers"). */
function AnswerSection({ section, index }: { section: Section; index: number }) {
  return (
    <section aria-labelledby={`cya-section-${index + 1}`}>
      <h2 id={`cya-section-${index + 1}`} className="text-2xl font-bold">
        {section.title}
      </h2>
      <dl className="mb-8 border-t border-line">
        {section.rows.map((row) => (
          <div key={row.key} className="grid gap-1 border-b border-line py-3 sm:grid-cols-[2fr_3fr_auto] sm:gap-4">
            <dt className="font-bold">{row.label}</dt>
            <dd className="m-0 min-w-0 whitespace-pre-line wrap-anywhere">{row.value}</dd>
            <dd className="m-0">
              <Link href={`${stepPath(row.step)}?returnTo=check#f-${row.field}`}>
                Change<span className="sr-only"> {row.label.toLowerCase()}</span>
              </Link>
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/** The consents and "Accept and send". */
function SendForm({ values }: { values: Draft['values'] }) {
  return (
    <>
      <h2 className="text-2xl font-bold">Now send your request</h2>
      <StepForm action={sendRequest} initialValues={values} submitLabel="Accept and send">
        <Checkbox
          name="contactConsent"
          label={`I agree that ${clinic().name} can contact me about this request by phone, email or text message.`}
          hint="You can withdraw this at any time by calling or emailing us."
        />
        <Checkbox
          name="privacyAcknowledged"
          label={
            <>
              I have read the <Link href="/privacy" target="_blank">privacy notice (opens in a new tab)</Link>, which explains how my
              information is used.
            </>
          }
        />
        <Checkbox
          name="marketingOptIn"
          label="Send me occasional news about treatments and events (optional)."
          hint="We will never share your details. You can unsubscribe from any email."
        />
        <p>By sending this request you confirm that, to the best of your knowledge, the details you are providing are correct.</p>
      </StepForm>
    </>
  );
}

export default async function CheckPage() {
  const draft = await requireDraft('check');
  return (
    <FormStepFrame stepId="check"
      title="Check your answers before sending your request"
    >
      {answerSections(draft.values).map((section, index) => (
        <AnswerSection key={section.title} section={section} index={index} />
      ))}
      <SendForm values={draft.values} />
    </FormStepFrame>
  );
}
