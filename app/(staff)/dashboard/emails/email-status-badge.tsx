// An outbox message's status as staff see it: a word, with a tone that only repeats what the word says.
import { Badge } from '@/components/dashboard/ui';
import { EMAIL_STATUS_LABELS, type EmailStatus } from '@/lib/email/staff-view';

const TONES: Record<EmailStatus, 'neutral' | 'info' | 'success' | 'warning' | 'danger'> = {
  pending: 'info',
  sending: 'info',
  sent: 'success',
  delivered: 'success',
  held: 'warning',
  failed: 'danger',
  bounced: 'danger',
  complained: 'danger',
  cancelled: 'neutral',
};

export function EmailStatusBadge({ status }: { status: EmailStatus }) {
  return <Badge tone={TONES[status]}>{EMAIL_STATUS_LABELS[status]}</Badge>;
}
