// A lead's appointments: the booked ones still ahead, each with forms to move or cancel it (for staff who
// may), then a table of the past and cancelled ones. Times are the clinic's with its zone, and the
// patient's when it differs (they may ask on the phone).
import { ActionForm, TextArea } from '@/components/dashboard/form';
import { Table } from '@/components/dashboard/table';
import { Badge, Card } from '@/components/dashboard/ui';
import { appointmentWhen } from '@/lib/booking/time-words';
import type { LeadPageData } from '@/lib/leads/detail';
import { CANCEL_REASON_MAX } from '@/lib/leads/lead-forms';
import { cancelAppointmentAction, rescheduleAction } from '../actions';
import { BookingForm } from './booking-form';
import { Disclosure } from './lead-action-forms';

type Appointment = LeadPageData['appointments'][number];

export function AppointmentsCard({ page, now, timeZone }: { page: LeadPageData; now: Date; timeZone: string }) {
  const { upcoming, past } = page;
  const appointmentAt = (d: Date) => appointmentWhen(d, { clinic: timeZone, patient: page.lead.timeZone }, 'staff');
  return (
    <Card title="Appointments" id="appointments">
      {upcoming.length === 0 && past.length === 0 ? <p className="m-0 text-muted">No appointments yet.</p> : null}
      {upcoming.map((a) => (
        <div key={a.id} className="mb-3 rounded border border-line p-3">
          <p className="m-0 font-semibold">
            {appointmentAt(a.startsAt)} <Badge tone="success">Booked</Badge>
          </p>
          <p className="m-0 text-sm text-muted">
            With {a.providerName} · booked by {a.bookedByType === 'staff' ? 'staff' : a.bookedByType === 'patient' ? 'the patient online' : 'the system'}
          </p>
          {page.may.write ? <ChangeForms page={page} appointment={a} /> : null}
        </div>
      ))}
      {past.length ? (
        <Table
          caption="Past and cancelled"
          captionClassName="text-left font-semibold"
          columns={[
            { key: 'when', label: 'When', className: 'border-b border-line py-1 pr-2' },
            { key: 'status', label: 'Status', className: 'border-b border-line py-1' },
          ]}
        >
          {past.map((a) => (
            <tr key={a.id}>
              <td className="border-b border-line py-1 pr-2">{appointmentAt(a.startsAt)}</td>
              <td className="border-b border-line py-1">
                <AppointmentStatus status={a.status} passed={a.startsAt <= now} />
              </td>
            </tr>
          ))}
        </Table>
      ) : null}
    </Card>
  );
}

/** Moving (when free times can be offered) and cancelling one booked appointment. */
function ChangeForms({ page, appointment: a }: { page: LeadPageData; appointment: Appointment }) {
  const hidden = { leadId: page.lead.id, version: page.lead.version, appointmentId: a.id };
  return (
    <>
      {page.slotDays ? (
        <BookingForm
          action={rescheduleAction}
          idPrefix={`move-${a.id.slice(0, 8)}`}
          hidden={hidden}
          days={page.slotDays}
          legend="Choose the new time"
          submitLabel="Move appointment"
          pendingLabel="Moving…"
          disclosure={{ title: 'Change the time', id: `move-${a.id}` }}
        />
      ) : (
        <Disclosure title="Change the time" id={`move-${a.id}`}>
          {null}
        </Disclosure>
      )}
      <ActionForm
        action={cancelAppointmentAction}
        submitLabel="Cancel appointment"
        pendingLabel="Cancelling…"
        idPrefix={`cancel-${a.id.slice(0, 8)}`}
        hidden={hidden}
        disclosure={{ title: 'Cancel this appointment', id: `cancel-${a.id}` }}
      >
        <TextArea name="reason" label="Reason (optional)" hint="Only staff see this. The patient is emailed that it was cancelled." rows={2} maxLength={CANCEL_REASON_MAX} />
      </ActionForm>
    </>
  );
}

function AppointmentStatus({ status, passed }: { status: string; passed: boolean }) {
  if (status === 'cancelled') return <Badge>Cancelled</Badge>;
  if (status === 'completed') return <Badge tone="success">Took place</Badge>;
  if (status === 'no_show') return <Badge tone="warning">Did not come</Badge>;
  return <Badge tone="info">{passed ? 'Booked (date passed)' : 'Booked'}</Badge>;
}
