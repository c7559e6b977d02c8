// What staff see of a lead's texts: whether texts can reach them (consent, opt-out, a bad number) and each
// text with its status and body (private links hidden), newest first. Also the admin's switches.
import { desc, eq } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { textConsents, textMessages, textNumbers, textSettings } from '@/db/schema';
import { usTextNumber, whyNotText } from './rules';

export type TextStatus = (typeof textMessages.status.enumValues)[number];

export type TextSummary = {
  id: string;
  kind: string;
  status: TextStatus;
  toNumber: string;
  body: string | null;
  errorCode: string | null;
  lastError: string | null;
  sendAfter: Date;
  sentAt: Date | null;
  createdAt: Date;
};

export type TextChannel = {
  phone: string | null;
  consent: { source: string; wording: string; givenAt: Date } | null;
  optedOutAt: Date | null;
  undeliverableAt: Date | null;
  lastErrorCode: string | null;
  /** Why no text can go to this person now, in words staff read, or null. */
  blocked: string | null;
};

export async function getLeadTexts(db: Executor, lead: { id: string; phoneE164: string | null }): Promise<{ channel: TextChannel; texts: TextSummary[] }> {
  const phone = usTextNumber(lead.phoneE164);
  const [texts, consents, numbers] = await Promise.all([
    db
      .select({
        id: textMessages.id,
        kind: textMessages.kind,
        status: textMessages.status,
        toNumber: textMessages.toNumber,
        body: textMessages.body,
        errorCode: textMessages.errorCode,
        lastError: textMessages.lastError,
        sendAfter: textMessages.sendAfter,
        sentAt: textMessages.sentAt,
        createdAt: textMessages.createdAt,
      })
      .from(textMessages)
      .where(eq(textMessages.leadId, lead.id))
      .orderBy(desc(textMessages.createdAt))
      .limit(50),
    db.select().from(textConsents).where(eq(textConsents.leadId, lead.id)).orderBy(desc(textConsents.givenAt)),
    phone ? db.select().from(textNumbers).where(eq(textNumbers.phoneE164, phone)) : Promise.resolve([]),
  ]);
  const consent = consents.find((c) => c.phoneE164 === phone) ?? null;
  const state = numbers[0] ?? null;
  const why = phone ? whyNotText('contact-attempt', state, Boolean(consent)) : 'no_number';
  const blocked = {
    no_number: 'Their number is not a US number, so texts cannot be sent.',
    no_consent: 'They did not agree to texts (they chose another way to be contacted and did not tick the text reminder box).',
    opted_out: 'They replied STOP: no texts go until they reply START.',
    undeliverable: `Texts cannot reach this number${state?.lastErrorCode ? ` (carrier error ${state.lastErrorCode})` : ''}. Call or email them instead.`,
  } as const;
  return {
    channel: {
      phone,
      consent: consent ? { source: consent.source, wording: consent.wording, givenAt: consent.givenAt } : null,
      optedOutAt: state?.optedOutAt ?? null,
      undeliverableAt: state?.undeliverableAt ?? null,
      lastErrorCode: state?.lastErrorCode ?? null,
      blocked: why ? blocked[why] : null,
    },
    texts,
  };
}

export type TextSettingsView = { enabled: boolean; disabledKinds: string[] };

export async function getTextSettings(db: Executor): Promise<TextSettingsView> {
  const [row] = await db.select().from(textSettings).where(eq(textSettings.id, 1));
  return { enabled: row?.enabled ?? true, disabledKinds: row?.disabledKinds ?? [] };
}

export async function saveTextSettings(db: Executor, settings: TextSettingsView, now: Date): Promise<void> {
  await db
    .insert(textSettings)
    .values({ id: 1, enabled: settings.enabled, disabledKinds: settings.disabledKinds, updatedAt: now })
    .onConflictDoUpdate({ target: textSettings.id, set: { enabled: settings.enabled, disabledKinds: settings.disabledKinds, updatedAt: now } });
}
