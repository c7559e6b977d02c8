// The "add to calendar" file for a booked consultation (iCalendar, RFC 5545), built with the `ics` package.
import { createEvent, type EventAttributes } from 'ics';

export type CalendarEventInput = {
  uid: string;
  start: Date;
  end: Date;
  title: string;
  location: string;
  description: string;
  organizerName: string;
  /** DTSTAMP: fixed per message, so a retried send carries the very same file (Resend's idempotency compares bodies). */
  stamp?: Date;
};

const utcParts = (d: Date): [number, number, number, number, number] => [
  d.getUTCFullYear(),
  d.getUTCMonth() + 1,
  d.getUTCDate(),
  d.getUTCHours(),
  d.getUTCMinutes(),
];

/** The .ics text, with times in UTC so every calendar shows them in its own zone. */
export function consultationCalendarFile(input: CalendarEventInput): string {
  const attributes = {
    uid: input.uid,
    start: utcParts(input.start),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: utcParts(input.end),
    endInputType: 'utc',
    endOutputType: 'utc',
    title: input.title,
    location: input.location,
    description: input.description,
    status: 'CONFIRMED',
    busyStatus: 'BUSY',
    productId: 'clinic-consult',
    organizer: { name: input.organizerName },
    alarms: [{ action: 'display', description: input.title, trigger: { hours: 2, before: true } }],
    // Supported by the package's formatter, missing from its type.
    ...(input.stamp ? { timestamp: input.stamp.getTime() } : {}),
  } as EventAttributes;
  const { error, value } = createEvent(attributes);
  if (error || !value) throw error ?? new Error('Could not create the calendar file');
  return value;
}
