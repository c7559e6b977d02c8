// The admin's switches for the text channel: the whole channel, and each kind of text that may be turned off
// (answers to STOP, START and HELP cannot be). Saved with an audit entry; the worker reads them on every send.
import type { Database } from '@/db/client';
import { writeAudit, type RequestMeta } from '@/lib/audit/log';
import { TEXT_KINDS, type TextKind } from './rules';
import { getTextSettings, saveTextSettings, type TextSettingsView } from './staff-view';

export const SWITCHABLE_KINDS = (Object.keys(TEXT_KINDS) as TextKind[]).filter((k) => TEXT_KINDS[k].switchable);

/** The settings form's values: "yes"/"no" for the channel (`enabled`) and for each kind (`kind:<kind>`). */
export function textSettingsFormValues(settings: TextSettingsView): Record<string, string> {
  const values: Record<string, string> = { enabled: settings.enabled ? 'yes' : 'no' };
  for (const kind of SWITCHABLE_KINDS) values[`kind:${kind}`] = settings.disabledKinds.includes(kind) ? 'no' : 'yes';
  return values;
}

/** The form read back (pure): anything but "no" leaves a switch on, so a forged form can only turn things on. */
export function textSettingsFromForm(values: Record<string, string | undefined>): TextSettingsView {
  return { enabled: values.enabled !== 'no', disabledKinds: SWITCHABLE_KINDS.filter((k) => values[`kind:${k}`] === 'no') };
}

export async function updateTextSettings(
  db: Database,
  args: { values: Record<string, string | undefined>; actor: { staffId: string; meta: RequestMeta }; now: Date },
): Promise<{ changed: boolean }> {
  const next = textSettingsFromForm(args.values);
  return db.transaction(async (tx) => {
    const before = await getTextSettings(tx);
    const changed = before.enabled !== next.enabled || before.disabledKinds.join() !== next.disabledKinds.join();
    if (!changed) return { changed: false };
    await saveTextSettings(tx, next, args.now);
    await writeAudit(tx, { actorStaffId: args.actor.staffId, action: 'text_settings_changed', entityType: 'settings', entityId: 'texts', detail: { before, after: next }, meta: args.actor.meta, at: args.now });
    return { changed: true };
  });
}
