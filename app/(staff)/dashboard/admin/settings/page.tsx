import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/db/client';
import { Table } from '@/components/dashboard/table';
import { ActionForm, Input, Select } from '@/components/dashboard/form';
import { Badge, Card, EmptyState, PageHeader } from '@/components/dashboard/ui';
import { requireStaff } from '@/lib/auth/guard';
import { formatShortDateTime } from '@/lib/time/format';
import { zoneName } from '@/lib/booking/time-words';
import { listProviders, listUpcomingClosures, listWeeklyHours, type ProviderRow } from '@/lib/booking/settings';
import {
  BUFFER_MINUTES,
  CLOSURE_REASON_MAX,
  HORIZON_DAYS,
  hoursFormValues,
  NOTICE_HOURS,
  providerFormValues,
  SLOT_MINUTES,
} from '@/lib/booking/settings-rules';
import { clinic } from '@/lib/env';
import { addClosureAction, deleteClosureAction, saveHoursAction, saveProviderAction, saveTextSettingsAction } from './actions';
import { TEXT_KINDS } from '@/lib/texts/rules';
import { SWITCHABLE_KINDS, textSettingsFormValues } from '@/lib/texts/settings';
import { getTextSettings, type TextSettingsView } from '@/lib/texts/staff-view';
import { WeeklyHoursForm } from './weekly-hours-form';

export const metadata: Metadata = { title: 'Opening hours and booking settings' };

const PATH = '/dashboard/admin/settings';

export default async function SettingsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireStaff('settings.manage', PATH);
  const params = await searchParams;
  const db = await getDb();
  const providers = await listProviders(db);
  const tz = clinic().timeZone;
  const now = new Date();
  const header = (
    <PageHeader
      title="Opening hours and booking settings"
      description={`Patients are offered times from these settings as soon as you save. Times are ${zoneName(tz)} (${tz}).`}
    />
  );
  if (providers.length === 0) {
    return (
      <>
        {header}
        <EmptyState title="There are no providers yet">Providers are added when the clinic is set up.</EmptyState>
      </>
    );
  }
  const provider = providers.find((p) => p.id === params.provider) ?? providers[0]!;
  const [hours, closures, texts] = await Promise.all([listWeeklyHours(db, provider.id), listUpcomingClosures(db, provider.id, now), getTextSettings(db)]);

  return (
    <>
      {header}
      {providers.length > 1 ? <ProviderPicker providers={providers} current={provider.id} /> : null}

      <Card title={`Booking settings: ${provider.name}`} id="provider">
        <ActionForm action={saveProviderAction} submitLabel="Save booking settings" idPrefix="booking" hidden={{ providerId: provider.id }} initialValues={providerFormValues(provider)}>
          <div className="grid gap-x-6 md:grid-cols-2">
            <Input name="name" label="Name" autoComplete="off" />
            <Input name="title" label="Title (optional)" hint="For example, Physician." autoComplete="off" />
            <Input name="slotMinutes" className="max-w-40" label="Appointment length in minutes" hint={`From ${SLOT_MINUTES.min} to ${SLOT_MINUTES.max}.`} />
            <Input name="bufferMinutes" className="max-w-40" label="Break between appointments in minutes" hint={`From ${BUFFER_MINUTES.min} to ${BUFFER_MINUTES.max}.`} />
            <Input name="minNoticeHours" className="max-w-40" label="Minimum notice in hours" hint={`How soon a patient can book, from ${NOTICE_HOURS.min} to ${NOTICE_HOURS.max} hours ahead.`} />
            <Input name="horizonDays" className="max-w-40" label="Booking horizon in days" hint={`How far ahead patients can book, ${HORIZON_DAYS.min} to ${HORIZON_DAYS.max} days.`} />
            <Select
              name="active"
              label="Can patients book with this provider?"
              hint="Patients book with the first provider who can."
              options={[
                { value: 'yes', label: 'Yes' },
                { value: 'no', label: 'No' },
              ]}
            />
          </div>
        </ActionForm>
      </Card>

      <Card title={`Weekly hours: ${provider.name}`} id="hours">
        <WeeklyHoursForm action={saveHoursAction} providerId={provider.id} providerName={provider.name} initialValues={hoursFormValues(hours)} />
      </Card>

      <Card title="Closures" id="closures">
        <p className="mt-0 text-muted">Holidays, training days and other times no one can book. A closure for the whole clinic applies to every provider.</p>
        <ClosuresTable closures={closures} provider={provider} timeZone={tz} />
        <h3 className="mb-2 mt-6 text-lg font-bold">Add a closure</h3>
        <ActionForm action={addClosureAction} submitLabel="Add closure" idPrefix="closure" hidden={{ providerId: provider.id }} initialValues={{ scope: 'clinic' }}>
          <Select
            name="scope"
            label="Who is it for?"
            options={[
              { value: 'clinic', label: 'The whole clinic' },
              { value: 'provider', label: `${provider.name} only` },
            ]}
          />
          <div className="grid gap-x-6 md:grid-cols-2">
            <Input name="startsAt" label="Starts" type="datetime-local" hint="For whole days, start at 12:00 AM." />
            <Input name="endsAt" label="Ends" type="datetime-local" hint="For whole days, end at 12:00 AM the day after." />
          </div>
          <Input name="reason" label="Reason (optional)" hint={`Staff see this. Up to ${CLOSURE_REASON_MAX} characters.`} autoComplete="off" />
        </ActionForm>
      </Card>

      <TextSettingsCard settings={texts} />
    </>
  );
}

const YES_NO = [
  { value: 'yes', label: 'On' },
  { value: 'no', label: 'Off' },
];

/** The text channel's switches: the whole channel, then each kind of text. */
function TextSettingsCard({ settings }: { settings: TextSettingsView }) {
  return (
    <Card title="Text messages" id="texts">
      <p className="mt-0 text-muted">
        Texts go only to patients who agreed to them, between 8am and 9pm their time. Answers to STOP, START and HELP always go: the law requires them.
      </p>
      <ActionForm action={saveTextSettingsAction} submitLabel="Save text message settings" idPrefix="texts" initialValues={textSettingsFormValues(settings)}>
        <Select name="enabled" label="Send text messages" hint="Off: no text goes out except answers to STOP, START and HELP." options={YES_NO} />
        <div className="grid gap-x-6 md:grid-cols-2">
          {SWITCHABLE_KINDS.map((kind) => (
            <Select key={kind} name={`kind:${kind}`} label={TEXT_KINDS[kind].label} options={YES_NO} />
          ))}
        </div>
      </ActionForm>
    </Card>
  );
}

function ProviderPicker({ providers, current }: { providers: ProviderRow[]; current: string }) {
  return (
    <nav aria-label="Providers" className="mb-4">
      <ul className="m-0 flex list-none flex-wrap gap-2 p-0">
        {providers.map((p) => (
          <li key={p.id}>
            <Link
              href={`${PATH}?provider=${p.id}`}
              aria-current={p.id === current ? 'page' : undefined}
              className={`block rounded border-2 px-3 py-1 font-semibold no-underline ${p.id === current ? 'border-brand bg-brand text-white' : 'border-line bg-white text-brand'}`}
            >
              {p.name}
              {p.active ? null : ' (not bookable)'}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function ClosuresTable({
  closures,
  provider,
  timeZone,
}: {
  closures: Awaited<ReturnType<typeof listUpcomingClosures>>;
  provider: ProviderRow;
  timeZone: string;
}) {
  if (closures.length === 0) return <EmptyState title="No closures coming up" />;
  return (
    <Table
      caption={<>Closures from now on that apply to {provider.name}</>}
      captionId="closures-caption"
      headRowClassName="border-b-2 border-line"
      headCellClassName="py-2 pr-3"
      columns={['Starts', 'Ends', 'For', 'Reason', { key: 'actions', label: <span className="sr-only">Actions</span>, className: 'py-2' }]}
      region="overflow-x-auto"
    >
      {closures.map((c) => {
        const when = `${formatShortDateTime(c.startsAt, timeZone)} to ${formatShortDateTime(c.endsAt, timeZone)}`;
        return (
          <tr key={c.id} className="border-b border-line align-top">
            <td className="py-2 pr-3 whitespace-nowrap">{formatShortDateTime(c.startsAt, timeZone)}</td>
            <td className="py-2 pr-3 whitespace-nowrap">{formatShortDateTime(c.endsAt, timeZone)}</td>
            <td className="py-2 pr-3">{c.providerId ? provider.name : <Badge>Whole clinic</Badge>}</td>
            <td className="py-2 pr-3">{c.reason ?? <span className="text-muted">None given</span>}</td>
            <td className="py-2">
              <form action={deleteClosureAction}>
                <input type="hidden" name="closureId" value={c.id} />
                <button type="submit" className="rounded px-2 py-1 font-semibold text-danger underline hover:bg-danger-soft">
                  Delete<span className="sr-only"> closure, {when}</span>
                </button>
              </form>
            </td>
          </tr>
        );
      })}
    </Table>
  );
}
