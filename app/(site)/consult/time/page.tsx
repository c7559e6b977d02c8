import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { StepForm } from '@/components/consult/form';
import { SlotPicker } from '@/components/consult/slot-picker';
import { ClinicTimesNote, FormStepFrame } from '@/components/consult/step-frame';
import { getDb } from '@/db/client';
import { formatDayLabel, groupSlotsByDay, nearestFreeSlots } from '@/lib/booking/rules';
import { appointmentWhen, slotChoiceWords } from '@/lib/booking/time-words';
import { listOpenSlots } from '@/lib/booking/service';
import { clinic } from '@/lib/env';
import { loadOrTryAgain } from '@/lib/http/page-data';
import { CALL_TO_ARRANGE } from '@/lib/intake/schema';
import { saveStep } from '../actions';
import { isChange, requireDraft } from '../guard';

export const metadata: Metadata = { title: 'Choose a time – Request a consultation', robots: { index: false } };

const DAYS_PER_PAGE = 5;

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function TimePage({ searchParams }: Props) {
  await connection();
  const params = await searchParams;
  const draft = await requireDraft('time');
  const change = isChange(params);
  const now = new Date();
  const patient = typeof draft.values.timeZone === 'string' && draft.values.timeZone ? draft.values.timeZone : null;
  // In person at the clinic: the times, and the days they fall on, are the clinic's (docs/decisions/0014-clinic-local-times.md).
  const zones = { clinic: clinic().timeZone, patient };
  // The database restarting or out of reach: a short wait, then a "try again" page (the draft keeps the answers).
  const open = await loadOrTryAgain('time step: open slots', change ? '/consult/time?returnTo=check' : '/consult/time', async () => listOpenSlots(await getDb(), now));
  const days = open ? groupSlotsByDay(open.slots, zones.clinic) : [];
  const pages = Math.max(1, Math.ceil(days.length / DAYS_PER_PAGE));
  const page = Math.min(pages, Math.max(1, Number(params.page) || 1));
  const shown = days.slice((page - 1) * DAYS_PER_PAGE, page * DAYS_PER_PAGE);
  const taken = draft.takenSlot ? new Date(draft.takenSlot) : null;
  const suggested = taken && open ? nearestFreeSlots(open.slots, taken, 3) : [];
  const pageHref = (n: number) => `/consult/time?page=${n}${change ? '&returnTo=check' : ''}`;

  return (
    <FormStepFrame stepId="time" change={change}
      title="Choose a time for your consultation"
      intro={
        <>
          <p>Consultations last 30 minutes, at {clinic().name}. If none suits you, choose “Call me to arrange a time”.</p>
          <ClinicTimesNote zones={zones} />
        </>
      }
    >
      {taken ? (
        <div role="status" className="mb-6 border-l-4 border-danger bg-white p-4">
          <p className="m-0 font-bold">Sorry, {appointmentWhen(taken, zones)} is no longer free.</p>
          <p className="m-0">Someone else booked it while you were filling in the form. Choose another time.</p>
        </div>
      ) : null}
      <StepForm action={saveStep.bind(null, 'time')} stepId="time" initialValues={draft.values} hidden={change ? { returnTo: 'check' } : undefined}>
        <SlotPicker
          callValue={CALL_TO_ARRANGE}
          suggested={suggested.map((s) => ({ value: s.start.toISOString(), label: appointmentWhen(s.start, zones) }))}
          days={shown.map((d) => ({
            key: d.dayKey,
            label: d.label,
            slots: d.slots.map((s) => ({ value: s.start.toISOString(), ...slotChoiceWords(s.start, zones) })),
          }))}
        />
      </StepForm>
      {pages > 1 ? (
        <nav aria-label="More times" className="mt-6 flex flex-wrap justify-between gap-4 text-lg">
          {page > 1 ? <Link href={pageHref(page - 1)}>‹ Earlier times</Link> : <span />}
          {page < pages ? (
            <Link href={pageHref(page + 1)}>
              Later times, from {formatDayLabel(days[page * DAYS_PER_PAGE]!.slots[0]!.start, zones.clinic)} ›
            </Link>
          ) : null}
        </nav>
      ) : null}
    </FormStepFrame>
  );
}
