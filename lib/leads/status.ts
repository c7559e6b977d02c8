// The lead state machine (pure): which status moves staff may make. The inbox's bulk change, the lead
// page's status menu and the services all ask here; the database stores whatever this allows.
import { LEAD_STATUSES } from '@/db/enums';

export type LeadStatus = (typeof LEAD_STATUSES)[number];

const MOVES: Record<LeadStatus, readonly LeadStatus[]> = {
  new: ['contacted', 'scheduled', 'not_a_fit', 'no_response'],
  contacted: ['scheduled', 'not_a_fit', 'no_response'],
  // Back to contacted when the appointment falls through and a new time is being arranged.
  scheduled: ['consulted', 'contacted', 'not_a_fit', 'no_response'],
  consulted: ['became_patient', 'not_a_fit', 'no_response'],
  became_patient: [],
  // Closed leads can be reopened when the person gets back in touch.
  not_a_fit: ['contacted'],
  no_response: ['contacted', 'scheduled', 'not_a_fit'],
};

export const STATUS_LABELS: Record<LeadStatus, string> = {
  new: 'New',
  contacted: 'Contacted',
  scheduled: 'Scheduled',
  consulted: 'Consulted',
  became_patient: 'Became a patient',
  not_a_fit: 'Not a fit',
  no_response: 'No response',
};

/** The funnel's order, for metrics: each status counts everyone who reached it or went beyond. */
export const FUNNEL: readonly LeadStatus[] = ['new', 'contacted', 'scheduled', 'consulted', 'became_patient'];

/** Statuses in which nobody needs to act any more. */
export const CLOSED_STATUSES: readonly LeadStatus[] = ['became_patient', 'not_a_fit', 'no_response'];

export function isLeadStatus(value: unknown): value is LeadStatus {
  return typeof value === 'string' && (LEAD_STATUSES as readonly string[]).includes(value);
}

export function allowedMoves(from: LeadStatus): readonly LeadStatus[] {
  return MOVES[from];
}

export function canMove(from: LeadStatus, to: LeadStatus): boolean {
  return MOVES[from].includes(to);
}

/** Moves that count as the first contact with the person (the "speed to lead" clock stops). */
export function isContactMove(to: LeadStatus): boolean {
  return to !== 'new';
}
