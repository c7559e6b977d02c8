// What a request from someone claiming an existing email may and may not change, and what a patient's link may do.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as t from '@/db/schema';
import { cancelAppointment } from '@/lib/booking/service';
import { submitConsultationRequest } from '@/lib/intake/service';
import { openSlots, seedClinic, validInput } from '../support/consult-fixtures';
import { createTestDatabase, primaryBackend, type TestDatabase } from '../support/db';

const now = new Date('2026-12-01T17:00:00Z');
let handle: TestDatabase;

beforeAll(async () => {
  handle = await createTestDatabase(await primaryBackend());
  await seedClinic(handle.db);
});
afterAll(async () => {
  await handle?.dispose();
});

async function submit(input: ReturnType<typeof validInput>, at = now) {
  const result = await submitConsultationRequest(handle.db, input, { now: at, ip: null });
  if (!result.ok) throw new Error(result.code);
  return result.data;
}

describe('a request that names an existing email address', () => {
  it('never overwrites who the person is; the differences are shown to staff instead', async () => {
    const email = `ana.${Date.now()}@example.com`;
    const first = await submit(validInput({ email, firstName: 'Ana', lastName: 'Lima', phone: '(323) 555-0142' }));
    const second = await submit(validInput({ email, firstName: 'Bruno', lastName: 'Costa', phone: '(323) 555-0187', marketingOptIn: 'yes' }));
    expect(second.leadId).toBe(first.leadId);
    const [lead] = await handle.db.select().from(t.leads).where(eq(t.leads.id, first.leadId));
    expect(lead).toMatchObject({ firstName: 'Ana', lastName: 'Lima', phoneE164: '+13235550142', marketingConsent: false });
    const activities = await handle.db.select().from(t.leadActivities).where(eq(t.leadActivities.leadId, first.leadId));
    const latest = activities.find((a) => a.type === 'request_submitted' && a.payload.requestId === second.requestId);
    expect(latest?.payload).toMatchObject({
      returning: true,
      differentContactDetails: { firstName: 'Bruno', lastName: 'Costa', phone: '+13235550187' },
      marketingOptIn: true,
    });
  });
});

describe("a patient's own link", () => {
  it('cannot cancel an appointment that has already happened', async () => {
    const slot = (await openSlots(handle.db, now))[3]!;
    const booked = await submit(validInput({ slot: slot.start }));
    const afterwards = new Date(slot.end.getTime() + 3_600_000);
    const result = await cancelAppointment(handle.db, { appointmentId: booked.appointment!.id, now: afterwards, actor: { type: 'patient' } });
    expect(result).toEqual({ ok: false, code: 'not_active' });
    const [appointment] = await handle.db.select().from(t.appointments).where(eq(t.appointments.id, booked.appointment!.id));
    expect(appointment?.status).toBe('booked');
  });
});
