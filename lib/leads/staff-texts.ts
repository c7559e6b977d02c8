// Staff sending a templated text from a lead's page ("we tried to call you"): version-checked and audited like
// every lead change, refused when the person cannot be texted, and answering a reply clears the lead's
// "replied" marker.
import { desc, eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { consultationRequests, leads } from '@/db/schema';
import { enqueueText, textableLead } from '@/lib/texts/outbox';
import { STAFF_SENDABLE_TEXTS } from '@/lib/texts/rules';
import { getTextSettings } from '@/lib/texts/staff-view';
import { changeLead, markFirstContact, refuse, type LeadChangeResult, type StaffContext } from './lead-change';

export type StaffText = (typeof STAFF_SENDABLE_TEXTS)[number];

export const TEXT_REFUSED = 'Texts cannot go to this person: see why in the Texts section.';
export const TEXTS_OFF = 'An admin has turned this text off.';

export async function sendTemplatedText(
  db: Database,
  input: { leadId: string; version: number; kind: StaffText },
  ctx: StaffContext,
): Promise<LeadChangeResult<{ textId: string }>> {
  return changeLead(db, ctx, {
    leadId: input.leadId,
    version: input.version,
    change: 'text',
    action: 'text_sent_by_staff',
    run: async (tx, lead) => {
      const settings = await getTextSettings(tx);
      if (!settings.enabled || settings.disabledKinds.includes(input.kind)) refuse(TEXTS_OFF, 'kind');
      const to = await textableLead(tx, lead.id, input.kind);
      if (!to) refuse(TEXT_REFUSED, 'kind');
      const [request] = await tx
        .select({ reference: consultationRequests.reference, timeZone: consultationRequests.timeZone })
        .from(consultationRequests)
        .where(eq(consultationRequests.leadId, lead.id))
        .orderBy(desc(consultationRequests.submittedAt))
        .limit(1);
      const props = { firstName: lead.firstName, ...(request ? { reference: request.reference } : {}) };
      const textId = await enqueueText(tx, { kind: input.kind, to: to!.phone, timeZone: request?.timeZone ?? lead.timeZone, props, leadId: lead.id, staffId: ctx.staffId }, ctx.now);
      await tx.update(leads).set({ lastActivityAt: ctx.now, textRepliedAt: null }).where(eq(leads.id, lead.id));
      await markFirstContact(tx, lead, ctx.now);
      return { data: { textId }, auditDetail: { kind: input.kind, textId } };
    },
  });
}
