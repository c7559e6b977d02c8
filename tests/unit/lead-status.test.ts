import { describe, expect, it } from 'vitest';
import { LEAD_STATUSES } from '@/db/enums';
import { allowedMoves, canMove, CLOSED_STATUSES, FUNNEL, isContactMove, isLeadStatus, STATUS_LABELS, type LeadStatus } from '@/lib/leads/status';

// The whole table, written out: a change to the state machine has to change this test on purpose.
const ALLOWED: Record<LeadStatus, LeadStatus[]> = {
  new: ['contacted', 'scheduled', 'not_a_fit', 'no_response'],
  contacted: ['scheduled', 'not_a_fit', 'no_response'],
  scheduled: ['consulted', 'contacted', 'not_a_fit', 'no_response'],
  consulted: ['became_patient', 'not_a_fit', 'no_response'],
  became_patient: [],
  not_a_fit: ['contacted'],
  no_response: ['contacted', 'scheduled', 'not_a_fit'],
};

const every = LEAD_STATUSES.flatMap((from) => LEAD_STATUSES.map((to) => [from, to] as const));
const allowedPairs = every.filter(([from, to]) => ALLOWED[from].includes(to));
const refusedPairs = every.filter(([from, to]) => !ALLOWED[from].includes(to));

describe('the lead state machine', () => {
  it('has 49 possible moves, of which 18 are allowed', () => {
    expect(every).toHaveLength(49);
    expect(allowedPairs).toHaveLength(18);
    expect(refusedPairs).toHaveLength(31);
  });

  it.each(allowedPairs)('allows %s → %s', (from, to) => {
    expect(canMove(from, to)).toBe(true);
    expect(allowedMoves(from)).toContain(to);
  });

  it.each(refusedPairs)('refuses %s → %s', (from, to) => {
    expect(canMove(from, to)).toBe(false);
    expect(allowedMoves(from)).not.toContain(to);
  });

  it('never allows staying where you are, and nothing goes back to new', () => {
    for (const status of LEAD_STATUSES) {
      expect(canMove(status, status)).toBe(false);
      expect(canMove(status, 'new')).toBe(false);
    }
  });

  it('offers exactly the allowed moves from every status, in a fixed order', () => {
    for (const status of LEAD_STATUSES) expect([...allowedMoves(status)]).toEqual(ALLOWED[status]);
  });

  it('walks the funnel from new to became a patient one step at a time', () => {
    for (let i = 0; i + 1 < FUNNEL.length; i++) expect(canMove(FUNNEL[i]!, FUNNEL[i + 1]!)).toBe(true);
  });

  it('lets a closed lead be reopened except a patient', () => {
    expect(CLOSED_STATUSES).toEqual(['became_patient', 'not_a_fit', 'no_response']);
    expect(allowedMoves('became_patient')).toEqual([]);
    expect(canMove('not_a_fit', 'contacted')).toBe(true);
    expect(canMove('no_response', 'contacted')).toBe(true);
  });

  it('counts every move away from new as the first contact', () => {
    for (const status of LEAD_STATUSES) expect(isContactMove(status)).toBe(status !== 'new');
  });

  it('labels every status and recognises only real statuses', () => {
    for (const status of LEAD_STATUSES) {
      expect(STATUS_LABELS[status]).toMatch(/^[A-Z]/);
      expect(isLeadStatus(status)).toBe(true);
    }
    expect(isLeadStatus('archived')).toBe(false);
    expect(isLeadStatus(undefined)).toBe(false);
  });
});
