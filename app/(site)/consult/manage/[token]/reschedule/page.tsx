import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { connection } from 'next/server';
import { StepForm } from '@/components/consult/form';
import { SlotPicker } from '@/components/consult/slot-picker';
import { ClinicTimesNote, StepFrame } from '@/components/consult/step-frame';
import { getDb } from '@/db/client';
import { groupSlotsByDay } from '@/lib/booking/rules';
import { appointmentWhen, slotChoiceWords } from '@/lib/booking/time-words';
import { clinic } from '@/lib/env';
import { listOpenSlots } from '@/lib/booking/service';
import { requestForToken } from '../../access';
import { rescheduleFromLink } from '../../actions';

export const metadata: Metadata = { title: 'Change the time', robots: { index: false, follow: false }, referrer: 'same-origin' };

type Props = { params: Promise<{ token: string }> };

export default async function ReschedulePage({ params }: Props) {
  await connection();
  const { token } = await params;
  const now = new Date();
  const summary = await requestForToken(token, now);
  const a = summary?.appointment;
  if (!summary || !a || a.status !== 'booked') redirect(`/consult/manage/${token}`);
  const open = await listOpenSlots(await getDb(), now);
  const zones = { clinic: clinic().timeZone, patient: summary.timeZone };
  // Grouped by the clinic's calendar day: the day the patient comes in.
  const days = open ? groupSlotsByDay(open.slots, zones.clinic).slice(0, 10) : [];
  return (
    <StepFrame
      backHref={`/consult/manage/${token}`}
      title="Choose a new time"
      intro={
        <>
          <p>Your consultation is now on {appointmentWhen(a.startsAt, zones)}.</p>
          <ClinicTimesNote zones={zones} />
        </>
      }
    >
      <StepForm action={rescheduleFromLink.bind(null, token)} initialValues={{}} submitLabel="Move my consultation">
        <SlotPicker
          suggested={[]}
          days={days.map((d) => ({
            key: d.dayKey,
            label: d.label,
            slots: d.slots.map((s) => ({ value: s.start.toISOString(), ...slotChoiceWords(s.start, zones) })),
          }))}
        />
      </StepForm>
    </StepFrame>
  );
}
