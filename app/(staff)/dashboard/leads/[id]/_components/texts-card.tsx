// A lead's texts: whether texts can reach them and why not, each text with its status (and the carrier's error
// code), the words they agreed to, and the form to send a templated text.
import { ActionForm, Select } from '@/components/dashboard/form';
import { Badge, Card, EmptyState, Notice } from '@/components/dashboard/ui';
import { TEXT_STATUS_LABELS, TEXT_STATUS_TONES, textKindLabel } from '@/lib/texts/labels';
import { STAFF_SENDABLE_TEXTS, TEXT_KINDS } from '@/lib/texts/rules';
import type { TextChannel, TextSummary } from '@/lib/texts/staff-view';
import { sendTextAction } from '../actions';

type Props = {
  lead: { id: string; version: number; textRepliedAt: Date | null };
  channel: TextChannel;
  texts: TextSummary[];
  mayWrite: boolean;
  when: (d: Date | null) => string | null;
};

export function TextsCard({ lead, channel, texts, mayWrite, when }: Props) {
  return (
    <Card title="Texts" id="texts">
      {lead.textRepliedAt ? (
        <Notice tone="warning">They replied by text on {when(lead.textRepliedAt)}: read it on the timeline, then answer.</Notice>
      ) : null}
      {channel.blocked ? <Notice tone={channel.undeliverableAt ? 'danger' : 'info'}>{channel.blocked}</Notice> : null}
      {channel.consent ? (
        <p className="m-0 mb-2 text-sm text-muted">
          Agreed to texts on {when(channel.consent.givenAt)} to {channel.phone ?? 'their number'}
          {channel.consent.source === 'chose_text' ? ' (chose text message)' : ' (ticked the text reminder box)'}.
        </p>
      ) : null}
      {texts.length === 0 ? (
        <EmptyState title="No texts yet" />
      ) : (
        <ol className="m-0 list-none p-0">
          {texts.map((text) => (
            <li key={text.id} className="border-b border-line py-2 last:border-0">
              <p className="m-0">
                <strong>{textKindLabel(text.kind)}</strong> <Badge tone={TEXT_STATUS_TONES[text.status]}>{TEXT_STATUS_LABELS[text.status]}</Badge>
                {text.errorCode ? <span className="text-sm text-danger"> error {text.errorCode}</span> : null}
              </p>
              <p className="m-0 text-sm text-muted">
                {text.sentAt ? `Sent ${when(text.sentAt)}` : text.status === 'pending' ? `Due ${when(text.sendAfter)}` : `Queued ${when(text.createdAt)}`}
                {text.status === 'cancelled' && text.lastError ? ` · ${text.lastError}` : ''}
              </p>
              {text.body ? <p className="m-0 break-words text-sm">{text.body}</p> : null}
            </li>
          ))}
        </ol>
      )}
      {mayWrite && !channel.blocked ? (
        <div className="mt-3 border-t border-line pt-3">
          <ActionForm action={sendTextAction} submitLabel="Send text" idPrefix="text" hidden={{ leadId: lead.id, version: lead.version }}>
            <Select
              name="kind"
              label="Which text?"
              hint="The text names the clinic and says nothing about their health."
              placeholder="Select"
              options={STAFF_SENDABLE_TEXTS.map((k) => ({ value: k, label: TEXT_KINDS[k].label }))}
            />
          </ActionForm>
        </div>
      ) : null}
    </Card>
  );
}
