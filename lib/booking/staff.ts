// The free slots staff can offer a patient from the lead's page. Booking for the patient is a change to
// the lead and lives with the leads (lib/leads/patient-booking.ts).
import type { Executor } from '@/db/client';
import { groupSlotsByDay, type Slot, type SlotDay } from './rules';
import { listOpenSlots } from './service';

/** The free slots staff can offer, grouped by day in the clinic's zone. */
export async function staffSlotDays(db: Executor, now: Date, timeZone: string): Promise<SlotDay[] | null> {
  const open = await listOpenSlots(db, now);
  return open ? groupSlotsByDay(open.slots, timeZone) : null;
}

export type { Slot, SlotDay };
