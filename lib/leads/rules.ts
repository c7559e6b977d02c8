// Pure rules about leads: request references and where a new request moves a lead's status.
import { randomInt } from 'node:crypto';
import type { Lead } from '@/db/schema';

// No 0/O, 1/I/L: a reference read out over the phone is never ambiguous.
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** "CR-7K3F9Q": short enough to read out, 31^6 ≈ 890 million values (a unique key backs it). */
export function newReference(random: (max: number) => number = randomInt): string {
  let code = '';
  for (let i = 0; i < 6; i++) code += ALPHABET[random(ALPHABET.length)];
  return `CR-${code}`;
}

type Status = Lead['status'];

/**
 * A new request from someone the clinic already knows: a booking makes them scheduled; a closed lead
 * (not a fit, no response) opens again as new; anyone further along keeps their status.
 */
export function statusAfterRequest(current: Status, booked: boolean): Status {
  if (booked && (current === 'new' || current === 'contacted' || current === 'no_response' || current === 'not_a_fit')) {
    return 'scheduled';
  }
  if (!booked && (current === 'no_response' || current === 'not_a_fit')) return 'new';
  return current;
}
