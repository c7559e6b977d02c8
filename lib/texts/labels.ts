// How a text's status and kind read to staff (pure: the lead page, its timeline and the admin settings).
import { TEXT_KINDS, isTextKind } from './rules';

export type TextStatusName = 'pending' | 'sending' | 'sent' | 'delivered' | 'undelivered' | 'failed' | 'cancelled' | 'held';
type Tone = 'neutral' | 'info' | 'success' | 'warning' | 'danger';

export const TEXT_STATUS_LABELS: Record<TextStatusName, string> = {
  pending: 'Waiting to send',
  sending: 'Sending',
  sent: 'Sent',
  delivered: 'Delivered',
  undelivered: 'Not delivered',
  failed: 'Failed',
  cancelled: 'Cancelled',
  held: 'Held (not sent)',
};

export const TEXT_STATUS_TONES: Record<TextStatusName, Tone> = {
  pending: 'info',
  sending: 'info',
  sent: 'success',
  delivered: 'success',
  undelivered: 'danger',
  failed: 'danger',
  cancelled: 'neutral',
  held: 'warning',
};

export function textKindLabel(kind: unknown): string {
  return typeof kind === 'string' && isTextKind(kind) ? TEXT_KINDS[kind].label : 'A text';
}
