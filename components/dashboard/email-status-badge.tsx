// An outbox message's status as staff see it, on the emails pages and in a lead's timeline: a word, with a
// tone that only repeats what the word says (lib/labels.ts).
import type { EmailStatus } from '@/lib/email/staff-view';
import { EMAIL_STATUS_LABELS, EMAIL_STATUS_TONES } from '@/lib/labels';
import { Badge } from './ui';

export function EmailStatusBadge({ status }: { status: EmailStatus }) {
  return <Badge tone={EMAIL_STATUS_TONES[status]}>{EMAIL_STATUS_LABELS[status]}</Badge>;
}
