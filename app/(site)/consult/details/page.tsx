import type { Metadata } from 'next';
import { Checkbox, SelectField, StepForm, TextField, Radios } from '@/components/consult/form';
import { FormStepFrame } from '@/components/consult/step-frame';
import { clinic } from '@/lib/env';
import { zoneName } from '@/lib/booking/time-words';
import { TEXT_FORM_WORDS } from '@/lib/texts/rules';
import { CONTACT_METHOD_LABELS, CONTACT_TIME_LABELS, options, timeZoneOptions } from '@/lib/intake/labels';
import { saveStep } from '../actions';
import { isChange, requireDraft } from '../guard';

export const metadata: Metadata = { title: 'Your details – Request a consultation', robots: { index: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function DetailsPage({ searchParams }: Props) {
  const draft = await requireDraft('details');
  const change = isChange(await searchParams);
  const values = { timeZone: '', ...draft.values };
  const clinicZone = clinic().timeZone;
  const zones = timeZoneOptions(clinicZone);
  return (
    <FormStepFrame stepId="details" change={change}
      title="Your contact details"
      intro={<p>We use these only to contact you about your request.</p>}
    >
      <StepForm action={saveStep.bind(null, 'details')} stepId="details" initialValues={values} hidden={change ? { returnTo: 'check' } : undefined}>
        <TextField name="firstName" label="First name" autoComplete="given-name" spellCheck={false} />
        <TextField name="lastName" label="Last name" autoComplete="family-name" spellCheck={false} />
        <TextField name="email" label="Email address" type="email" inputMode="email" autoComplete="email" spellCheck={false} hint="We will send your confirmation here." />
        <TextField name="phone" label="What number do you want us to call you on?" type="tel" inputMode="tel" autoComplete="tel" width="short" hint="For international numbers include the country code." />
        <Radios name="preferredContact" legend="How would you like us to contact you?" hint={TEXT_FORM_WORDS.choiceHint(clinic().name)} options={options(CONTACT_METHOD_LABELS)} />
        <Checkbox name="textReminders" label={TEXT_FORM_WORDS.boxLabel} hint={TEXT_FORM_WORDS.boxHint(clinic().name)} />
        <Radios name="bestTimeToCall" legend="When is the best time to call you?" options={options(CONTACT_TIME_LABELS)} />
        <SelectField name="timeZone" label="Your time zone" hint={`Consultations are in person, so times are always the clinic’s local time (${zoneName(clinicZone)}). If yours is different, we show your time too.`} options={zones} detect="timeZone" placeholder="Select your time zone" />
        {/* A trap for bots: hidden from people and from screen readers. */}
        <div aria-hidden="true" className="absolute -left-[9999px] h-px w-px overflow-hidden">
          <label htmlFor="website">Leave this empty</label>
          <input id="website" name="website" type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
        </div>
      </StepForm>
    </FormStepFrame>
  );
}
