// What the database holds after a fault, read with SQL of the test's own (never through the app): every
// request a patient was shown a confirmation for is stored with its outbox rows; nothing half-written (a
// patient's lead without its request, a request without its emails, a chosen time without its appointment);
// and what became of the emails (queued, sent, delivered to the fake Resend more than once).
import postgres from 'postgres';
import type { FakeResend } from '@/tests/support/fake-resend';
import type { PatientResult } from './patients';

export type StoredRequest = { reference: string; email: string; wantsCall: boolean; appointments: number; outbox: number };

export type Integrity = {
  /** This run's requests in the database. */
  stored: StoredRequest[];
  /** References shown to a patient but not in the database. */
  lost: string[];
  /** Stored requests whose patient never saw a confirmation (told to try again, or no answer): not lost, not shown. */
  storedUnconfirmed: number;
  /** Half-written: this run's leads without a request, requests without both outbox rows, times without an appointment. */
  leadsWithoutRequest: number;
  requestsWithoutOutbox: string[];
  requestsWithoutAppointment: string[];
  /** More than one request for one patient (one form): a retry that was not recognised as the same form. */
  duplicateRequests: number;
};

/** A patient's emails are `pat.<run>.<id>@example.com` (patients.ts): this run's rows are found by that. */
export async function checkIntegrity(databaseUrl: string, run: string, results: PatientResult[]): Promise<Integrity> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const pattern = `pat.${run}.%`;
    const stored = await sql<StoredRequest[]>`
      select r.reference, l.email_normalized as email, r.wants_call_to_arrange as "wantsCall",
        (select count(*)::int from appointments a where a.consultation_request_id = r.id) as appointments,
        (select count(*)::int from email_messages m where m.lead_id = l.id and m.props->>'reference' = r.reference) as outbox
      from consultation_requests r join leads l on l.id = r.lead_id
      where l.email_normalized like ${pattern}`;
    const [{ count: leadsWithoutRequest } = { count: 0 }] = await sql<{ count: number }[]>`
      select count(*)::int as count from leads l
      where l.email_normalized like ${pattern} and not exists (select 1 from consultation_requests r where r.lead_id = l.id)`;
    const byReference = new Set(stored.map((s) => s.reference));
    const confirmed = results.flatMap((r) => (r.outcome.kind === 'confirmed' ? [r.outcome.reference] : []));
    const confirmedSet = new Set(confirmed);
    const perEmail = new Map<string, number>();
    for (const s of stored) perEmail.set(s.email, (perEmail.get(s.email) ?? 0) + 1);
    return {
      stored,
      lost: confirmed.filter((ref) => !byReference.has(ref)),
      storedUnconfirmed: stored.filter((s) => !confirmedSet.has(s.reference)).length,
      leadsWithoutRequest,
      // The patient's email (confirmation or "request received") and staff's alert.
      requestsWithoutOutbox: stored.filter((s) => s.outbox < 2).map((s) => s.reference),
      requestsWithoutAppointment: stored.filter((s) => !s.wantsCall && s.appointments !== 1).map((s) => s.reference),
      duplicateRequests: [...perEmail.values()].filter((n) => n > 1).length,
    };
  } finally {
    await sql.end({ timeout: 5 });
  }
}

export type EmailFigures = {
  /** This run's outbox rows due by now (the patients' and staff's). */
  queued: number;
  /** Rows due later (appointment reminders): not counted anywhere else. */
  scheduled: number;
  /** Claimed by a worker and not yet recorded as sent (a claim left by a crash stays so until it expires). */
  sending: number;
  sent: number;
  /** Still pending or being sent (a claim not yet expired), or failed. */
  pending: number;
  failed: number;
  /** Why the failed ones failed (their last_error), with how many: printed in the scenario's report line. */
  failures: Record<string, number>;
  /** Distinct messages the fake Resend recorded for this run's outbox rows. */
  delivered: number;
  /** Outbox rows the fake Resend recorded more than once (a second send with a new key): must be 0. */
  duplicated: number;
  /** POSTs answered from an earlier one with the same Idempotency-Key (a send repeated after a crash): harmless. */
  repeatedKeys: number;
};

export async function emailFigures(databaseUrl: string, run: string, fake: FakeResend): Promise<EmailFigures> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    // Only messages due by now: reminders before the appointment wait for their day.
    const all = await sql<{ key: string; status: string; due: boolean; error: string | null }[]>`
      select m.idempotency_key::text as key, m.status::text as status, m.send_after <= now() as due, m.last_error as error
      from email_messages m join leads l on l.id = m.lead_id
      where l.email_normalized like ${`pat.${run}.%`}`;
    const rows = all.filter((r) => r.due);
    const keys = new Set(rows.map((r) => r.key));
    const perKey = new Map<string, number>();
    for (const m of fake.messages()) if (m.idempotencyKey && keys.has(m.idempotencyKey)) perKey.set(m.idempotencyKey, (perKey.get(m.idempotencyKey) ?? 0) + 1);
    // Every POST the fake saw, minus the messages it recorded: the rest were answered from a repeated key (or failed on purpose).
    const recorded = fake.messages().length;
    return {
      queued: rows.length,
      scheduled: all.length - rows.length,
      sending: rows.filter((r) => r.status === 'sending').length,
      sent: rows.filter((r) => r.status === 'sent').length,
      pending: rows.filter((r) => r.status === 'pending' || r.status === 'sending').length,
      failed: rows.filter((r) => r.status === 'failed').length,
      failures: rows.filter((r) => r.status === 'failed').reduce<Record<string, number>>((by, r) => ({ ...by, [r.error ?? 'no error']: (by[r.error ?? 'no error'] ?? 0) + 1 }), {}),
      delivered: perKey.size,
      duplicated: [...perKey.values()].filter((n) => n > 1).length,
      repeatedKeys: Math.max(0, fake.requests - recorded),
    };
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** Waits until every one of this run's emails has left the outbox (sent or failed), or the time is up. */
export async function waitForOutbox(databaseUrl: string, run: string, fake: FakeResend, timeoutMs: number): Promise<EmailFigures> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const figures = await emailFigures(databaseUrl, run, fake);
    if (figures.pending === 0 || Date.now() > deadline) return figures;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
