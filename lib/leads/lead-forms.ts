// The staff forms on a lead's page and the tasks page: zod schemas over raw FormData strings, their
// messages and limits, and the clinic-time → UTC rule for due dates (pure; `now` and the zone are passed in).
import { TZDate } from '@date-fns/tz';
import { z } from '@/lib/zod';
import { parseForm, type ParsedForm, type ParseOptions } from '@/lib/forms/parse';
import { CALL_OUTCOMES, LEAD_STATUSES } from '@/db/enums';
import { STAFF_SENDABLE_TEMPLATES } from '@/lib/email/outbox';
import { STAFF_SENDABLE_TEXTS } from '@/lib/texts/rules';

/** The call outcomes the form offers, in order (the database enum's values; pages reach db/ only through lib/). */
export { CALL_OUTCOMES };

// ---------------------------------------------------------------- limits and messages

export const NOTE_MAX = 2000;
export const CALL_NOTES_MAX = 2000;
export const NEXT_STEP_MAX = 500;
export const TASK_TITLE_MAX = 200;
export const CANCEL_REASON_MAX = 500;

/** Shown when the lead changed after the form was rendered: nothing is written, what was typed stays. */
export const CONFLICT_MESSAGE =
  'Someone else changed this lead while you were editing. Reload to see their change; what you typed is kept.';

export const FORM_MESSAGES = {
  noteRequired: 'Enter a note',
  noteTooLong: `A note must be ${NOTE_MAX.toLocaleString('en-US')} characters or fewer`,
  outcome: 'Select what happened on the call',
  callNotesTooLong: `Call notes must be ${CALL_NOTES_MAX.toLocaleString('en-US')} characters or fewer`,
  nextStepTooLong: `The next step must be ${NEXT_STEP_MAX} characters or fewer`,
  status: 'Select the new status',
  assignee: 'Select who to assign this person to',
  taskTitleRequired: 'Enter what needs doing',
  taskTitleTooLong: `What needs doing must be ${TASK_TITLE_MAX} characters or fewer`,
  dueDate: 'Enter the due date',
  dueDateFormat: 'Enter a real due date',
  dueTime: 'Enter the due time, like 09:30',
  dueInPast: 'The due date and time must be in the future',
  slot: 'Choose a time for the appointment',
  cancelReasonTooLong: `The reason must be ${CANCEL_REASON_MAX} characters or fewer`,
  template: 'Select which email to send',
  stale: 'This page is out of date. Reload it and try again',
} as const;

export const CALL_OUTCOME_LABELS: Record<(typeof CALL_OUTCOMES)[number], string> = {
  reached: 'Spoke to them',
  voicemail: 'Left a voicemail',
  no_answer: 'No answer',
  wrong_number: 'Wrong number',
};

// ---------------------------------------------------------------- field pieces

/** The leads.version the form was rendered with: a missing or odd value means a stale or forged page. */
const version = z.coerce.number({ error: FORM_MESSAGES.stale }).int({ error: FORM_MESSAGES.stale }).positive({ error: FORM_MESSAGES.stale });
const leadId = z.uuid({ error: FORM_MESSAGES.stale });
const optionalText = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, { error: message })
    .optional()
    .transform((v) => (v ? v : undefined));

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/**
 * A wall-clock date and time at the clinic as an instant. Null for a date that does not exist (31 February).
 * A time skipped by a spring-forward change reads as the hour after.
 */
export function clinicTimeToInstant(date: string, time: string, timeZone: string): Date | null {
  const d = DATE.exec(date);
  const t = TIME.exec(time);
  if (!d || !t) return null;
  const [year, month, day] = [Number(d[1]), Number(d[2]), Number(d[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  return new Date(new TZDate(year, month - 1, day, Number(t[1]), Number(t[2]), 0, timeZone).getTime());
}

/** The clinic's calendar date of an instant, as an <input type=date> value. */
export function clinicDateValue(instant: Date, timeZone: string): string {
  const local = new TZDate(instant.getTime(), timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}`;
}

type DueContext = { now: Date; timeZone: string };

const requiredDate = z.string({ error: FORM_MESSAGES.dueDate }).trim().min(1, { error: FORM_MESSAGES.dueDate }).regex(DATE, { error: FORM_MESSAGES.dueDateFormat });
const requiredTime = z.string({ error: FORM_MESSAGES.dueTime }).trim().regex(TIME, { error: FORM_MESSAGES.dueTime });
const optionalDate = z.union([z.literal(''), z.string().trim().regex(DATE, { error: FORM_MESSAGES.dueDateFormat })]).optional();
const optionalTime = z.union([z.literal(''), z.string().trim().regex(TIME, { error: FORM_MESSAGES.dueTime })]).optional();

/**
 * Adds `dueAt` from the (already well-formed) date and time fields, once the rest of the form is valid:
 * a date that does not exist or a time already past is refused on the date field.
 */
function withDueAt<T extends { dueDate?: string; dueTime?: string }>(value: T, ctx: z.RefinementCtx, due: DueContext) {
  if (!value.dueDate) return { ...value, dueAt: undefined as Date | undefined };
  if (!value.dueTime) {
    ctx.addIssue({ code: 'custom', path: ['dueTime'], message: FORM_MESSAGES.dueTime });
    return z.NEVER;
  }
  const dueAt = clinicTimeToInstant(value.dueDate, value.dueTime, due.timeZone);
  if (!dueAt) {
    ctx.addIssue({ code: 'custom', path: ['dueDate'], message: FORM_MESSAGES.dueDateFormat });
    return z.NEVER;
  }
  if (dueAt <= due.now) {
    ctx.addIssue({ code: 'custom', path: ['dueDate'], message: FORM_MESSAGES.dueInPast });
    return z.NEVER;
  }
  return { ...value, dueAt };
}

// ---------------------------------------------------------------- the forms

export const noteSchema = z.object({
  leadId,
  version,
  body: z.string({ error: FORM_MESSAGES.noteRequired }).trim().min(1, { error: FORM_MESSAGES.noteRequired }).max(NOTE_MAX, { error: FORM_MESSAGES.noteTooLong }),
});

export function callSchema(due: DueContext) {
  return z
    .object({
      leadId,
      version,
      outcome: z.enum(CALL_OUTCOMES, { error: FORM_MESSAGES.outcome }),
      notes: optionalText(CALL_NOTES_MAX, FORM_MESSAGES.callNotesTooLong),
      nextStep: optionalText(NEXT_STEP_MAX, FORM_MESSAGES.nextStepTooLong),
      dueDate: optionalDate,
      dueTime: optionalTime,
    })
    .transform((value, ctx) => withDueAt(value, ctx, due));
}

export const statusSchema = z.object({
  leadId,
  version,
  to: z.enum(LEAD_STATUSES, { error: FORM_MESSAGES.status }),
});

/** An empty assignee means "nobody". */
export const assignSchema = z.object({
  leadId,
  version,
  assignee: z.union([z.literal(''), z.uuid({ error: FORM_MESSAGES.assignee })], { error: FORM_MESSAGES.assignee }).transform((v) => (v === '' ? null : v)),
});

export function taskSchema(due: DueContext) {
  return z
    .object({
      leadId,
      version,
      title: z.string({ error: FORM_MESSAGES.taskTitleRequired }).trim().min(1, { error: FORM_MESSAGES.taskTitleRequired }).max(TASK_TITLE_MAX, { error: FORM_MESSAGES.taskTitleTooLong }),
      assignee: z.union([z.literal(''), z.uuid({ error: FORM_MESSAGES.assignee })], { error: FORM_MESSAGES.assignee }).transform((v) => (v === '' ? null : v)),
      dueDate: requiredDate,
      dueTime: requiredTime,
    })
    .transform((value, ctx) => withDueAt(value, ctx, due) as typeof value & { dueAt: Date });
}

/** Completing or cancelling a task: from the tasks page (no lead version) or the lead's page (with it). */
export const taskDoneSchema = z.object({
  taskId: z.uuid({ error: FORM_MESSAGES.stale }),
  version: z
    .union([z.literal(''), version])
    .optional()
    .transform((v) => (typeof v === 'number' ? v : undefined)),
});

const slot = z.iso.datetime({ offset: true, error: FORM_MESSAGES.slot }).transform((v) => new Date(v));

export const bookSchema = z.object({ leadId, version, slot: z.string({ error: FORM_MESSAGES.slot }).min(1, { error: FORM_MESSAGES.slot }).pipe(slot) });

export const rescheduleSchema = z.object({
  leadId,
  version,
  appointmentId: z.uuid({ error: FORM_MESSAGES.stale }),
  slot: z.string({ error: FORM_MESSAGES.slot }).min(1, { error: FORM_MESSAGES.slot }).pipe(slot),
});

export const cancelSchema = z.object({
  leadId,
  version,
  appointmentId: z.uuid({ error: FORM_MESSAGES.stale }),
  reason: optionalText(CANCEL_REASON_MAX, FORM_MESSAGES.cancelReasonTooLong),
});

export const sendEmailSchema = z.object({
  leadId,
  version,
  template: z.enum(STAFF_SENDABLE_TEMPLATES, { error: FORM_MESSAGES.template }),
});

export const sendTextSchema = z.object({
  leadId,
  version,
  kind: z.enum(STAFF_SENDABLE_TEXTS, { error: 'Select which text to send' }),
});

// ---------------------------------------------------------------- parsing FormData

/** Hidden fields: nobody can correct them, so a problem there is said once for the whole form. */
const HIDDEN_FIELDS: ParseOptions = { hidden: new Set(['leadId', 'version', 'taskId', 'appointmentId']), staleMessage: FORM_MESSAGES.stale };

/** Parses one of the lead forms (lib/forms/parse.ts), a problem in a hidden field said as "out of date". */
export function parseLeadForm<T>(schema: z.ZodType<T>, formData: FormData): ParsedForm<T> {
  return parseForm(schema, formData, HIDDEN_FIELDS);
}
