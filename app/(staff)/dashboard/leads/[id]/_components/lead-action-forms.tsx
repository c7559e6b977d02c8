// The things staff do to a lead, each behind its own disclosure so the page stays calm: note, call,
// status, assignment, follow-up, booking and email. Every form carries the lead's version. A form opens its
// own section when it answers, so its confirmation or problem is seen with or without JavaScript.
import { CALL_OUTCOMES } from '@/lib/leads/lead-forms';
import { Disclosure } from '@/components/dashboard/disclosure';
import { ActionForm, Input, Select, TextArea } from '@/components/dashboard/form';
import { STAFF_SENDABLE_TEMPLATES } from '@/lib/email/outbox';
import { EMAIL_TEMPLATE_LABELS } from '@/lib/labels';
import { CALL_NOTES_MAX, CALL_OUTCOME_LABELS, NEXT_STEP_MAX, NOTE_MAX, TASK_TITLE_MAX } from '@/lib/leads/lead-forms';
import { allowedMoves, STATUS_LABELS, type LeadStatus } from '@/lib/leads/status';
import { addNoteAction, assignAction, bookAction, changeStatusAction, createTaskAction, logCallAction, sendEmailAction } from '../actions';
import type { SlotDayOption } from '@/lib/leads/detail';
import { BookingForm } from './booking-form';

export { Disclosure };

export type LeadFormsProps = {
  lead: { id: string; version: number; status: LeadStatus; assignedToId: string | null };
  me: string;
  staff: { id: string; name: string }[];
  slotDays: SlotDayOption[] | null;
  /** Why no templated email can go at all (no address, bounced), or null. */
  emailBlocked: string | null;
  unsubscribed: boolean;
  /** Today at the clinic, for the date fields' hints. */
  today: string;
};

export function LeadActionForms({ lead, me, staff, slotDays, emailBlocked, unsubscribed, today }: LeadFormsProps) {
  const hidden = { leadId: lead.id, version: lead.version };
  const moves = allowedMoves(lead.status);
  const staffOptions = staff.map((s) => ({ value: s.id, label: s.id === me ? `${s.name} (you)` : s.name }));
  const templates = STAFF_SENDABLE_TEMPLATES.filter((t) => !(t === 'request-follow-up' && unsubscribed)).map((t) => ({ value: t, label: EMAIL_TEMPLATE_LABELS[t] }));
  return (
    <div>
      <ActionForm action={addNoteAction} submitLabel="Add note" idPrefix="note" hidden={hidden} disclosure={{ title: 'Add a note', id: 'note' }}>
        <TextArea name="body" label="Note" hint="Only staff see notes. Keep health details to what the team needs." rows={4} maxLength={NOTE_MAX} />
      </ActionForm>

      <ActionForm action={logCallAction} submitLabel="Log call" idPrefix="call" hidden={hidden} disclosure={{ title: 'Log a call', id: 'call' }}>
        <Select name="outcome" label="What happened?" placeholder="Select" options={CALL_OUTCOMES.map((o) => ({ value: o, label: CALL_OUTCOME_LABELS[o] }))} />
        <TextArea name="notes" label="Call notes (optional)" rows={3} maxLength={CALL_NOTES_MAX} />
        <Input name="nextStep" label="Next step (optional)" hint={`For example, “Call back after 2pm”. Up to ${NEXT_STEP_MAX} characters.`} />
        <div className="grid gap-x-3 sm:grid-cols-2">
          <Input name="dueDate" type="date" label="Follow up on (optional)" hint="Creates a follow-up task." />
          <Input name="dueTime" type="time" label="At (clinic time)" defaultValue="09:00" />
        </div>
      </ActionForm>

      {moves.length ? (
        <ActionForm action={changeStatusAction} submitLabel="Change status" idPrefix="status" hidden={hidden} disclosure={{ title: 'Change status', id: 'status' }}>
          <Select
            name="to"
            label="New status"
            hint={`Now: ${STATUS_LABELS[lead.status]}. Only the moves allowed from here are listed.`}
            placeholder="Select"
            options={moves.map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
          />
        </ActionForm>
      ) : (
        <Disclosure title="Change status" id="status">
          <p className="m-0">{STATUS_LABELS[lead.status]} is final: the status cannot change any more.</p>
        </Disclosure>
      )}

      <ActionForm action={assignAction} submitLabel="Save" idPrefix="assign" hidden={hidden} disclosure={{ title: 'Assign', id: 'assign' }}>
        <Select name="assignee" label="Assigned to" defaultValue={lead.assignedToId ?? ''} options={[{ value: '', label: 'Nobody' }, ...staffOptions]} />
      </ActionForm>

      <ActionForm action={createTaskAction} submitLabel="Set follow-up" idPrefix="task" hidden={hidden} disclosure={{ title: 'Set a follow-up', id: 'task' }}>
        <Input name="title" label="What needs doing?" hint={`For example, “Call to book a time”. Up to ${TASK_TITLE_MAX} characters.`} />
        <div className="grid gap-x-3 sm:grid-cols-2">
          <Input name="dueDate" type="date" label="Due date" hint={`Today is ${today}.`} />
          <Input name="dueTime" type="time" label="Due time (clinic time)" defaultValue="09:00" />
        </div>
        <Select name="assignee" label="For" defaultValue={me} options={[{ value: '', label: 'Nobody yet' }, ...staffOptions]} />
      </ActionForm>

      {slotDays ? (
        <BookingForm
          action={bookAction}
          idPrefix="book"
          hidden={hidden}
          days={slotDays}
          legend="Choose a time"
          submitLabel="Book this time"
          disclosure={{ title: 'Book an appointment', id: 'book' }}
        />
      ) : (
        <Disclosure title="Book an appointment" id="book">
          <p className="m-0">Nobody can be booked: there is no active provider. An admin can add one under Opening hours.</p>
        </Disclosure>
      )}

      {emailBlocked ? (
        <Disclosure title="Send an email" id="email">
          <p className="m-0 font-semibold text-danger">{emailBlocked}</p>
        </Disclosure>
      ) : (
        <ActionForm action={sendEmailAction} submitLabel="Send email" idPrefix="email" hidden={hidden} disclosure={{ title: 'Send an email', id: 'email' }}>
          <Select
            name="template"
            label="Which email?"
            hint={unsubscribed ? 'They unsubscribed, so the follow-up email is not offered.' : 'The email says nothing about their health.'}
            placeholder="Select"
            options={templates}
          />
        </ActionForm>
      )}
    </div>
  );
}
