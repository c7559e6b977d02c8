// The things staff do to a lead, each behind its own disclosure so the page stays calm: note, call,
// status, assignment, follow-up, booking and email. Every form carries the lead's version.
import type { ReactNode } from 'react';
import { CALL_OUTCOMES } from '@/db/enums';
import { ActionForm, Input, Select, TextArea } from '@/components/dashboard/form';
import { STAFF_SENDABLE_TEMPLATES } from '@/lib/email/outbox';
import { CALL_NOTES_MAX, CALL_OUTCOME_LABELS, NEXT_STEP_MAX, NOTE_MAX, STAFF_TEMPLATE_LABELS, TASK_TITLE_MAX } from '@/lib/leads/lead-forms';
import { allowedMoves, STATUS_LABELS, type LeadStatus } from '@/lib/leads/status';
import { addNoteAction, assignAction, bookAction, changeStatusAction, createTaskAction, logCallAction, sendEmailAction } from '../actions';
import { BookingForm, type SlotDayOption } from './booking-form';

export function Disclosure({ title, children, id }: { title: string; children: ReactNode; id: string }) {
  return (
    <details id={id} className="group border-b border-line last:border-b-0">
      <summary className="flex min-h-11 cursor-pointer list-none items-center justify-between gap-2 py-2 font-semibold text-brand [&::-webkit-details-marker]:hidden">
        {title}
        <span aria-hidden="true" className="text-muted group-open:rotate-180">
          ▾
        </span>
      </summary>
      <div className="pb-4 pt-1">{children}</div>
    </details>
  );
}

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
  const templates = STAFF_SENDABLE_TEMPLATES.filter((t) => !(t === 'request-follow-up' && unsubscribed)).map((t) => ({ value: t, label: STAFF_TEMPLATE_LABELS[t] }));
  return (
    <div>
      <Disclosure title="Add a note" id="note">
        <ActionForm action={addNoteAction} submitLabel="Add note" idPrefix="note" hidden={hidden}>
          <TextArea name="body" label="Note" hint="Only staff see notes. Keep health details to what the team needs." rows={4} maxLength={NOTE_MAX} />
        </ActionForm>
      </Disclosure>

      <Disclosure title="Log a call" id="call">
        <ActionForm action={logCallAction} submitLabel="Log call" idPrefix="call" hidden={hidden}>
          <Select name="outcome" label="What happened?" placeholder="Select" options={CALL_OUTCOMES.map((o) => ({ value: o, label: CALL_OUTCOME_LABELS[o] }))} />
          <TextArea name="notes" label="Call notes (optional)" rows={3} maxLength={CALL_NOTES_MAX} />
          <Input name="nextStep" label="Next step (optional)" hint={`For example, “Call back after 2pm”. Up to ${NEXT_STEP_MAX} characters.`} />
          <div className="grid gap-x-3 sm:grid-cols-2">
            <Input name="dueDate" type="date" label="Follow up on (optional)" hint="Creates a follow-up task." />
            <Input name="dueTime" type="time" label="At (clinic time)" defaultValue="09:00" />
          </div>
        </ActionForm>
      </Disclosure>

      <Disclosure title="Change status" id="status">
        {moves.length ? (
          <ActionForm action={changeStatusAction} submitLabel="Change status" idPrefix="status" hidden={hidden}>
            <Select
              name="to"
              label="New status"
              hint={`Now: ${STATUS_LABELS[lead.status]}. Only the moves allowed from here are listed.`}
              placeholder="Select"
              options={moves.map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
            />
          </ActionForm>
        ) : (
          <p className="m-0">{STATUS_LABELS[lead.status]} is final: the status cannot change any more.</p>
        )}
      </Disclosure>

      <Disclosure title="Assign" id="assign">
        <ActionForm action={assignAction} submitLabel="Save" idPrefix="assign" hidden={hidden}>
          <Select name="assignee" label="Assigned to" defaultValue={lead.assignedToId ?? ''} options={[{ value: '', label: 'Nobody' }, ...staffOptions]} />
        </ActionForm>
      </Disclosure>

      <Disclosure title="Set a follow-up" id="task">
        <ActionForm action={createTaskAction} submitLabel="Set follow-up" idPrefix="task" hidden={hidden}>
          <Input name="title" label="What needs doing?" hint={`For example, “Call to book a time”. Up to ${TASK_TITLE_MAX} characters.`} />
          <div className="grid gap-x-3 sm:grid-cols-2">
            <Input name="dueDate" type="date" label="Due date" hint={`Today is ${today}.`} />
            <Input name="dueTime" type="time" label="Due time (clinic time)" defaultValue="09:00" />
          </div>
          <Select name="assignee" label="For" defaultValue={me} options={[{ value: '', label: 'Nobody yet' }, ...staffOptions]} />
        </ActionForm>
      </Disclosure>

      <Disclosure title="Book an appointment" id="book">
        {slotDays ? (
          <BookingForm action={bookAction} idPrefix="book" hidden={hidden} days={slotDays} legend="Choose a time" submitLabel="Book this time" />
        ) : (
          <p className="m-0">Nobody can be booked: there is no active provider. An admin can add one under Opening hours.</p>
        )}
      </Disclosure>

      <Disclosure title="Send an email" id="email">
        {emailBlocked ? (
          <p className="m-0 font-semibold text-danger">{emailBlocked}</p>
        ) : (
          <ActionForm action={sendEmailAction} submitLabel="Send email" idPrefix="email" hidden={hidden}>
            <Select
              name="template"
              label="Which email?"
              hint={unsubscribed ? 'They unsubscribed, so the follow-up email is not offered.' : 'The email says nothing about their health.'}
              placeholder="Select"
              options={templates}
            />
          </ActionForm>
        )}
      </Disclosure>
    </div>
  );
}
