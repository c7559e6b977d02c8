// Status and urgency as staff see them: a word, never a colour alone.
import { STATUS_LABELS, type LeadStatus } from '@/lib/leads/status';
import { Badge } from './ui';

const STATUS_TONES: Record<LeadStatus, 'neutral' | 'info' | 'success' | 'warning' | 'danger'> = {
  new: 'info',
  contacted: 'neutral',
  scheduled: 'success',
  consulted: 'success',
  became_patient: 'success',
  not_a_fit: 'neutral',
  no_response: 'warning',
};

export function StatusBadge({ status }: { status: LeadStatus }) {
  return <Badge tone={STATUS_TONES[status]}>{STATUS_LABELS[status]}</Badge>;
}

export function UrgencyBadge({ urgency }: { urgency: 'routine' | 'urgent' }) {
  return urgency === 'urgent' ? <Badge tone="danger">Urgent</Badge> : <span className="text-muted">Routine</span>;
}
