// The whole data model: staff, leads and their requests, booking, timeline, tasks, email outbox, audit.
// Constraints that Drizzle cannot express (the appointment overlap exclusion, the append-only
// audit trigger) live in the custom migration db/migrations/0001_constraints.sql.
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  index,
  inet,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  time,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  APPOINTMENT_STATUSES,
  CALL_OUTCOMES,
  CONTACT_METHODS,
  LEAD_STATUSES,
  LEAD_URGENCIES,
  CONTACT_TIMES,
  PAIN_AREAS,
  PAIN_DURATIONS,
  RED_FLAGS,
  SURGERY_RECOMMENDED,
  TREATMENTS_TRIED,
} from './enums';

const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const createdAt = () => tstz('created_at').notNull().defaultNow();
const updatedAt = () =>
  tstz('updated_at')
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date());

// ---------------------------------------------------------------- enums

/** Why a staff session ended before its time ran out. */
export const staffSessionEndReason = pgEnum('staff_session_end_reason', [
  'signed_out',
  'ended_by_self', // from the account page: "sign out" of another device
  'ended_by_admin',
  'password_changed',
  'password_reset',
  'account_disabled',
  'role_changed',
]);

export const staffRole = pgEnum('staff_role', ['admin', 'staff']);
export const authTokenPurpose = pgEnum('auth_token_purpose', ['invite', 'password_reset']);
/**
 * Why an account may sign in with its password alone (lib/auth/mfa-rules): an admin waived it for a member of
 * staff, or it is a demo login seeded for local use, which counts only outside production (or when the e2e
 * harness sets DEMO_MFA_WAIVER).
 */
export const mfaWaiver = pgEnum('mfa_waiver', ['waived_by_admin', 'demo_seed']);
/** How a session's second step was done. */
export const secondFactorMethod = pgEnum('second_factor_method', ['passkey', 'totp', 'recovery_code', 'not_required']);

export const leadStatus = pgEnum('lead_status', LEAD_STATUSES);
export const leadUrgency = pgEnum('lead_urgency', LEAD_URGENCIES);
export const contactMethod = pgEnum('contact_method', CONTACT_METHODS);
export const contactTime = pgEnum('contact_time', CONTACT_TIMES);

export const painArea = pgEnum('pain_area', PAIN_AREAS);
export const painDuration = pgEnum('pain_duration', PAIN_DURATIONS);
export const treatmentTried = pgEnum('treatment_tried', TREATMENTS_TRIED);
export const surgeryRecommended = pgEnum('surgery_recommended', SURGERY_RECOMMENDED);
export const redFlag = pgEnum('red_flag', RED_FLAGS);

export const appointmentStatus = pgEnum('appointment_status', APPOINTMENT_STATUSES);
export const appointmentMode = pgEnum('appointment_mode', ['in_person', 'phone', 'video']);
export const actorType = pgEnum('actor_type', ['patient', 'staff', 'system']);

export const activityType = pgEnum('activity_type', [
  'request_submitted',
  'status_changed',
  'urgency_changed',
  'assigned',
  'note_added',
  'call_logged',
  'task_created',
  'task_completed',
  'appointment_booked',
  'appointment_rescheduled',
  'appointment_cancelled',
  'appointment_completed',
  'appointment_no_show',
  'email_queued',
  'email_sent',
  'email_delivered',
  'email_bounced',
  'email_complained',
  'email_failed',
  'unsubscribed',
  'details_updated',
  'erased',
  // Text messages (lib/texts): the outbox's events, the patient's replies and keywords.
  'text_queued',
  'text_sent',
  'text_delivered',
  'text_failed',
  'text_received',
  'text_opted_out',
  'text_opted_in',
  'text_consent_given',
]);

export const taskStatus = pgEnum('task_status', ['open', 'done', 'cancelled']);
export const callOutcome = pgEnum('call_outcome', CALL_OUTCOMES);

export const emailCategory = pgEnum('email_category', ['transactional', 'follow_up', 'marketing', 'staff']);
export const emailStatus = pgEnum('email_status', [
  'pending', // waiting to be sent (or for its send_after time)
  'sending', // claimed by a worker
  'sent', // accepted by Resend
  'delivered',
  'bounced',
  'complained',
  'failed', // gave up after max attempts
  'cancelled', // superseded (e.g. reminder for a moved appointment)
  'held', // no RESEND_API_KEY: rendered and kept for staff to read
]);

export const textStatus = pgEnum('text_status', [
  'pending', // waiting to be sent (or for its send_after / next_attempt_at, quiet hours included)
  'sending', // claimed by a worker
  'sent', // accepted by Twilio (queued or sent there)
  'delivered', // the carrier confirmed delivery (status callback)
  'undelivered', // the carrier could not deliver it (status callback, with its error code)
  'failed', // Twilio refused it, or gave up after max attempts
  'cancelled', // superseded, opted out, turned off, or too late
  'held', // no Twilio credentials: rendered and kept for staff to read
]);

// ---------------------------------------------------------------- staff and authentication

export const staffUsers = pgTable(
  'staff_users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: staffRole('role').notNull().default('staff'),
    // argon2id PHC string; null until an invited user sets a password.
    passwordHash: text('password_hash'),
    disabledAt: tstz('disabled_at'),
    lastLoginAt: tstz('last_login_at'),
    // Null: a second factor is needed (admins always need one, whatever this says).
    mfaWaiver: mfaWaiver('mfa_waiver'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('staff_users_email_key').on(sql`lower(${t.email})`)],
);

export const authTokens = pgTable(
  'auth_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    staffUserId: uuid('staff_user_id')
      .notNull()
      .references(() => staffUsers.id, { onDelete: 'cascade' }),
    purpose: authTokenPurpose('purpose').notNull(),
    // Only a hash is stored: a database leak does not leak usable links.
    tokenHash: text('token_hash').notNull().unique(),
    expiresAt: tstz('expires_at').notNull(),
    usedAt: tstz('used_at'),
    createdAt: createdAt(),
  },
  (t) => [index('auth_tokens_staff_user_idx').on(t.staffUserId)],
);

/**
 * One row per sign-in: the session's id travels inside the (encrypted) session cookie and every use reads
 * this row with the account in one indexed lookup. Signing out, a password change or reset, disabling the
 * account or changing its role revoke rows; a revoked, idle or too-old row ends the session on the server,
 * whatever cookie a browser still holds.
 */
export const staffSessions = pgTable(
  'staff_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    staffUserId: uuid('staff_user_id')
      .notNull()
      .references(() => staffUsers.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    lastSeenAt: tstz('last_seen_at').notNull().defaultNow(),
    ip: inet('ip'),
    userAgent: text('user_agent'),
    revokedAt: tstz('revoked_at'),
    revokedReason: staffSessionEndReason('revoked_reason'),
    // Null while the password alone has been given: the dashboard stays shut until the second step is done.
    secondFactorAt: tstz('second_factor_at'),
    secondFactorMethod: secondFactorMethod('second_factor_method'),
    // The last time the person proved who they are (sign-in, or confirming again before a sensitive change).
    reauthenticatedAt: tstz('reauthenticated_at').notNull().defaultNow(),
    // A passkey ceremony's challenge: single use (cleared when used) and short-lived.
    webauthnChallenge: text('webauthn_challenge'),
    webauthnChallengeExpiresAt: tstz('webauthn_challenge_expires_at'),
  },
  (t) => [index('staff_sessions_staff_user_idx').on(t.staffUserId, t.createdAt.desc())],
);

/** Passkeys (WebAuthn credentials) a member of staff has added. */
export const staffPasskeys = pgTable(
  'staff_passkeys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    staffUserId: uuid('staff_user_id')
      .notNull()
      .references(() => staffUsers.id, { onDelete: 'cascade' }),
    // base64url, as the browser sends it.
    credentialId: text('credential_id').notNull().unique(),
    // base64url COSE public key.
    publicKey: text('public_key').notNull(),
    counter: bigint('counter', { mode: 'number' }).notNull().default(0),
    transports: jsonb('transports').$type<string[]>().notNull().default([]),
    name: text('name').notNull(),
    createdAt: createdAt(),
    lastUsedAt: tstz('last_used_at'),
  },
  (t) => [index('staff_passkeys_staff_user_idx').on(t.staffUserId)],
);

/** An authenticator app (TOTP): at most one per account; the secret is sealed with a key derived from AUTH_SECRET. */
export const staffTotp = pgTable('staff_totp', {
  staffUserId: uuid('staff_user_id')
    .primaryKey()
    .references(() => staffUsers.id, { onDelete: 'cascade' }),
  secretSealed: text('secret_sealed').notNull(),
  // Null until the person has typed a first code from the app.
  confirmedAt: tstz('confirmed_at'),
  // The newest 30-second step a code was accepted for: that code, and older ones, are refused from then on.
  lastUsedStep: bigint('last_used_step', { mode: 'number' }),
  createdAt: createdAt(),
});

/** Single-use recovery codes: only a keyed hash is kept. */
export const staffRecoveryCodes = pgTable(
  'staff_recovery_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    staffUserId: uuid('staff_user_id')
      .notNull()
      .references(() => staffUsers.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: tstz('used_at'),
    createdAt: createdAt(),
  },
  (t) => [index('staff_recovery_codes_staff_user_idx').on(t.staffUserId), uniqueIndex('staff_recovery_codes_hash_key').on(t.staffUserId, t.codeHash)],
);

export const loginAttempts = pgTable(
  'login_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    // Hashes of the account name tried and of the address it came from (lib/security/rate-limit `limitKey`):
    // enough to count failures, never a list of who tried from where. The audit log keeps the readable record.
    accountKey: text('account_key').notNull(),
    addressKey: text('address_key').notNull(),
    succeeded: boolean('succeeded').notNull(),
    // Refused without checking the password because of earlier failures: logged, but never counted.
    throttled: boolean('throttled').notNull().default(false),
    at: tstz('at').notNull().defaultNow(),
  },
  (t) => [
    index('login_attempts_account_at_idx').on(t.accountKey, t.at),
    index('login_attempts_address_at_idx').on(t.addressKey, t.at),
    // Pruning deletes by age.
    index('login_attempts_at_idx').on(t.at),
  ],
);

/** Fixed-window counters shared by every app instance (form submissions, sign-ins). */
export const rateLimits = pgTable(
  'rate_limits',
  {
    key: text('key').notNull(),
    windowStart: tstz('window_start').notNull(),
    count: integer('count').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] }), index('rate_limits_window_idx').on(t.windowStart)],
);

/**
 * The consultation form's answers so far (lib/intake/draft-store.ts), until the request is sent, started again or
 * 4 hours have passed. Keyed by a hash of the random token in the person's cookie; the content is encrypted with
 * a key derived from that token (AES-256-GCM, base64url), so this table alone cannot be read (decisions/0013).
 */
export const consultDrafts = pgTable(
  'consult_drafts',
  {
    id: text('id').primaryKey(),
    sealed: text('sealed').notNull(),
    expiresAt: tstz('expires_at').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  // Housekeeping deletes by expiry.
  (t) => [index('consult_drafts_expires_idx').on(t.expiresAt)],
);

// ---------------------------------------------------------------- clinic, providers, availability

export const locations = pgTable('locations', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  address: text('address').notNull(),
  phone: text('phone').notNull(),
  // IANA zone in which the location's opening hours are defined.
  timeZone: text('time_zone').notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const providers = pgTable(
  'providers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    locationId: uuid('location_id')
      .notNull()
      .references(() => locations.id),
    name: text('name').notNull(),
    title: text('title'),
    slotMinutes: integer('slot_minutes').notNull().default(30),
    bufferMinutes: integer('buffer_minutes').notNull().default(0),
    minNoticeMinutes: integer('min_notice_minutes').notNull().default(24 * 60),
    horizonDays: integer('horizon_days').notNull().default(28),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('providers_slot_minutes_check', sql`${t.slotMinutes} between 5 and 240`),
    check('providers_buffer_minutes_check', sql`${t.bufferMinutes} between 0 and 120`),
    check('providers_min_notice_check', sql`${t.minNoticeMinutes} >= 0`),
    check('providers_horizon_days_check', sql`${t.horizonDays} between 1 and 365`),
  ],
);

/** Weekly opening hours of a provider, as wall-clock times in the location's time zone. */
export const availabilityRules = pgTable(
  'availability_rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    providerId: uuid('provider_id')
      .notNull()
      .references(() => providers.id, { onDelete: 'cascade' }),
    // ISO weekday: 1 = Monday … 7 = Sunday.
    weekday: smallint('weekday').notNull(),
    startTime: time('start_time').notNull(),
    endTime: time('end_time').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('availability_rules_provider_idx').on(t.providerId, t.weekday),
    check('availability_rules_weekday_check', sql`${t.weekday} between 1 and 7`),
    check('availability_rules_times_check', sql`${t.endTime} > ${t.startTime}`),
  ],
);

/** Time the clinic (provider_id null) or one provider is closed: holidays, training days. */
export const closures = pgTable(
  'closures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    providerId: uuid('provider_id').references(() => providers.id, { onDelete: 'cascade' }),
    startsAt: tstz('starts_at').notNull(),
    endsAt: tstz('ends_at').notNull(),
    reason: text('reason'),
    createdAt: createdAt(),
  },
  (t) => [
    index('closures_range_idx').on(t.startsAt, t.endsAt),
    check('closures_range_check', sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

// ---------------------------------------------------------------- leads and requests

export const leads = pgTable(
  'leads',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    email: text('email'),
    // Lower-cased, trimmed: the dedupe key for returning people.
    emailNormalized: text('email_normalized'),
    phoneE164: text('phone_e164'),
    preferredContact: contactMethod('preferred_contact').notNull().default('phone'),
    bestTimeToCall: contactTime('best_time_to_call').notNull().default('any'),
    timeZone: text('time_zone').notNull(),
    contactConsentAt: tstz('contact_consent_at'),
    privacyAcknowledgedAt: tstz('privacy_acknowledged_at'),
    marketingConsent: boolean('marketing_consent').notNull().default(false),
    marketingConsentAt: tstz('marketing_consent_at'),
    emailUndeliverable: boolean('email_undeliverable').notNull().default(false),
    // The newest text reply staff have not answered yet (lib/texts/webhooks sets it; a staff text clears it).
    textRepliedAt: tstz('text_replied_at'),
    // First-touch attribution; each request keeps its own too.
    sourcePage: text('source_page'),
    landingPage: text('landing_page'),
    referrer: text('referrer'),
    utmSource: text('utm_source'),
    utmMedium: text('utm_medium'),
    utmCampaign: text('utm_campaign'),
    utmTerm: text('utm_term'),
    utmContent: text('utm_content'),
    status: leadStatus('status').notNull().default('new'),
    urgency: leadUrgency('urgency').notNull().default('routine'),
    assignedToId: uuid('assigned_to_id').references(() => staffUsers.id, { onDelete: 'set null' }),
    nextFollowUpAt: tstz('next_follow_up_at'),
    // Speed to lead: the first logged call, email or status move by staff.
    firstContactedAt: tstz('first_contacted_at'),
    lastActivityAt: tstz('last_activity_at').notNull().defaultNow(),
    // Optimistic concurrency: every staff edit checks and bumps it.
    version: integer('version').notNull().default(1),
    erasedAt: tstz('erased_at'),
    // Lower-cased name, email and phone, for trigram search across a million leads.
    searchText: text('search_text').generatedAlwaysAs(
      sql`lower(coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' ' || coalesce(email, '') || ' ' || coalesce(phone_e164, ''))`,
    ),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('leads_email_normalized_key').on(t.emailNormalized).where(sql`${t.erasedAt} is null`),
    index('leads_phone_idx').on(t.phoneE164),
    // The inbox's order: urgent first, then overdue, then newest (keyset on created_at, id).
    index('leads_inbox_idx').on(t.urgency, t.createdAt.desc(), t.id.desc()),
    index('leads_status_idx').on(t.status, t.createdAt.desc()),
    index('leads_assigned_idx').on(t.assignedToId, t.createdAt.desc()),
    index('leads_source_page_idx').on(t.sourcePage, t.createdAt.desc()),
    index('leads_utm_campaign_idx').on(t.utmCampaign),
    index('leads_created_at_idx').on(t.createdAt.desc(), t.id.desc()),
    index('leads_next_follow_up_idx').on(t.nextFollowUpAt).where(sql`${t.nextFollowUpAt} is not null`),
    index('leads_search_trgm_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
  ],
);

/**
 * The inbox's counts per status, kept by statement triggers on leads (custom migration 0010): each statement
 * that inserts, updates, erases or deletes leads appends one signed row per (status, urgency, assignee) it
 * changed; housekeeping folds the rows together. Reads sum them: a handful of rows instead of a count over
 * the whole table (docs/decisions/0016). Append-only rows, so concurrent changes never wait on a counter row.
 */
export const leadStatusCounts = pgTable('lead_status_counts', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  status: leadStatus('status').notNull(),
  urgency: leadUrgency('urgency').notNull(),
  // No foreign key: removing a member of staff sets their leads' assignee to null, and the trigger moves the count.
  assignedToId: uuid('assigned_to_id'),
  n: bigint('n', { mode: 'number' }).notNull(),
});

export const consultationRequests = pgTable(
  'consultation_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    leadId: uuid('lead_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    // Short reference shown to the patient ("CR-7K3F9Q").
    reference: text('reference').notNull().unique(),
    // One per form: a double click or a retried POST finds the first request.
    idempotencyKey: text('idempotency_key').notNull().unique(),
    painArea: painArea('pain_area').notNull(),
    painDuration: painDuration('pain_duration').notNull(),
    painLevel: smallint('pain_level').notNull(),
    treatmentsTried: treatmentTried('treatments_tried').array().notNull().default(sql`'{}'`),
    surgeryRecommended: surgeryRecommended('surgery_recommended').notNull(),
    redFlags: redFlag('red_flags').array().notNull().default(sql`'{}'`),
    hasRedFlags: boolean('has_red_flags').notNull().default(false),
    message: text('message'),
    preferredContact: contactMethod('preferred_contact').notNull(),
    bestTimeToCall: contactTime('best_time_to_call').notNull(),
    timeZone: text('time_zone').notNull(),
    wantsCallToArrange: boolean('wants_call_to_arrange').notNull().default(false),
    sourcePage: text('source_page'),
    landingPage: text('landing_page'),
    referrer: text('referrer'),
    utmSource: text('utm_source'),
    utmMedium: text('utm_medium'),
    utmCampaign: text('utm_campaign'),
    utmTerm: text('utm_term'),
    utmContent: text('utm_content'),
    submittedAt: tstz('submitted_at').notNull().defaultNow(),
  },
  (t) => [
    index('consultation_requests_lead_idx').on(t.leadId, t.submittedAt.desc()),
    index('consultation_requests_source_idx').on(t.sourcePage, t.submittedAt),
    index('consultation_requests_pain_area_idx').on(t.painArea),
    index('consultation_requests_red_flags_idx').on(t.submittedAt).where(sql`${t.hasRedFlags}`),
    check('consultation_requests_pain_level_check', sql`${t.painLevel} between 0 and 10`),
    check('consultation_requests_message_length_check', sql`char_length(${t.message}) <= 2000`),
  ],
);

// ---------------------------------------------------------------- appointments

export const appointments = pgTable(
  'appointments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    providerId: uuid('provider_id')
      .notNull()
      .references(() => providers.id),
    leadId: uuid('lead_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    consultationRequestId: uuid('consultation_request_id').references(() => consultationRequests.id, {
      onDelete: 'set null',
    }),
    startsAt: tstz('starts_at').notNull(),
    endsAt: tstz('ends_at').notNull(),
    status: appointmentStatus('status').notNull().default('booked'),
    mode: appointmentMode('mode').notNull().default('in_person'),
    bookedByType: actorType('booked_by_type').notNull(),
    bookedByStaffId: uuid('booked_by_staff_id').references(() => staffUsers.id, { onDelete: 'set null' }),
    cancelledAt: tstz('cancelled_at'),
    cancelReason: text('cancel_reason'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // The no-overlap guarantee itself is the EXCLUDE constraint in 0001_constraints.sql.
    index('appointments_provider_starts_idx').on(t.providerId, t.startsAt),
    index('appointments_lead_idx').on(t.leadId, t.startsAt.desc()),
    index('appointments_status_starts_idx').on(t.status, t.startsAt),
    check('appointments_range_check', sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

// ---------------------------------------------------------------- timeline and tasks

export const leadActivities = pgTable(
  'lead_activities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    leadId: uuid('lead_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    type: activityType('type').notNull(),
    actorType: actorType('actor_type').notNull(),
    actorStaffId: uuid('actor_staff_id').references(() => staffUsers.id, { onDelete: 'set null' }),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    occurredAt: tstz('occurred_at').notNull().defaultNow(),
  },
  (t) => [
    index('lead_activities_lead_idx').on(t.leadId, t.occurredAt.desc()),
    index('lead_activities_type_idx').on(t.type, t.occurredAt),
  ],
);

export const followUpTasks = pgTable(
  'follow_up_tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    leadId: uuid('lead_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    assignedToId: uuid('assigned_to_id').references(() => staffUsers.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    dueAt: tstz('due_at').notNull(),
    status: taskStatus('status').notNull().default('open'),
    completedAt: tstz('completed_at'),
    completedById: uuid('completed_by_id').references(() => staffUsers.id, { onDelete: 'set null' }),
    createdById: uuid('created_by_id').references(() => staffUsers.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('follow_up_tasks_assignee_idx').on(t.assignedToId, t.status, t.dueAt),
    index('follow_up_tasks_due_idx').on(t.dueAt).where(sql`${t.status} = 'open'`),
    index('follow_up_tasks_lead_idx').on(t.leadId),
  ],
);

/** Calls staff logged: outcome and next step (the timeline entry points here). */
export const callLogs = pgTable(
  'call_logs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    leadId: uuid('lead_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    staffUserId: uuid('staff_user_id').references(() => staffUsers.id, { onDelete: 'set null' }),
    outcome: callOutcome('outcome').notNull(),
    notes: text('notes'),
    nextStep: text('next_step'),
    calledAt: tstz('called_at').notNull().defaultNow(),
  },
  (t) => [index('call_logs_lead_idx').on(t.leadId, t.calledAt.desc())],
);

// ---------------------------------------------------------------- email outbox

export const emailMessages = pgTable(
  'email_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    leadId: uuid('lead_id').references(() => leads.id, { onDelete: 'cascade' }),
    appointmentId: uuid('appointment_id').references(() => appointments.id, { onDelete: 'set null' }),
    template: text('template').notNull(),
    category: emailCategory('category').notNull(),
    toAddress: text('to_address').notNull(),
    // Template props: never symptoms or other health details.
    props: jsonb('props').$type<Record<string, unknown>>().notNull().default({}),
    subject: text('subject'),
    html: text('html'),
    text: text('text'),
    status: emailStatus('status').notNull().default('pending'),
    sendAfter: tstz('send_after').notNull().defaultNow(),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(8),
    nextAttemptAt: tstz('next_attempt_at'),
    lockedUntil: tstz('locked_until'),
    lastError: text('last_error'),
    // Sent to Resend as the Idempotency-Key.
    idempotencyKey: uuid('idempotency_key').notNull().defaultRandom().unique(),
    // Scheduled messages of one kind for one thing ("reminder:<appointment id>"): at most one alive.
    dedupeKey: text('dedupe_key'),
    providerMessageId: text('provider_message_id'),
    sentAt: tstz('sent_at'),
    deliveredAt: tstz('delivered_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('email_messages_due_idx').on(t.sendAfter).where(sql`${t.status} = 'pending'`),
    index('email_messages_lead_idx').on(t.leadId, t.createdAt.desc()),
    index('email_messages_status_idx').on(t.status, t.createdAt.desc()),
    // The health check's "last successful send" (lib/ops/health): a max() read from the index's end.
    index('email_messages_sent_idx').on(t.sentAt),
    uniqueIndex('email_messages_provider_id_key').on(t.providerMessageId),
    // One waiting message per key; a copy already being sent does not block its replacement.
    uniqueIndex('email_messages_dedupe_key')
      .on(t.dedupeKey)
      .where(sql`${t.status} = 'pending'`),
  ],
);

/**
 * The shared send rate (EMAIL_RATE_PER_SECOND): one row, the earliest instant the next message may go out.
 * Every worker process reserves its slot with one UPDATE before each send (lib/email/rate.ts; decisions/0006).
 */
export const emailSendRate = pgTable(
  'email_send_rate',
  {
    id: smallint('id').primaryKey(),
    nextAt: tstz('next_at').notNull(),
  },
  (t) => [check('email_send_rate_single_row', sql`${t.id} = 1`)],
);

/** Resend webhook deliveries, kept by their svix id so a replay is recognised. */
export const emailEvents = pgTable(
  'email_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    svixId: text('svix_id').notNull().unique(),
    emailMessageId: uuid('email_message_id').references(() => emailMessages.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    receivedAt: tstz('received_at').notNull().defaultNow(),
  },
  // The health check's "last webhook received" reads max(received_at) from the second index's end.
  (t) => [index('email_events_message_idx').on(t.emailMessageId), index('email_events_received_idx').on(t.receivedAt)],
);

/** Addresses that unsubscribed from follow-up and marketing mail (transactional mail still goes). */
export const emailSuppressions = pgTable('email_suppressions', {
  emailNormalized: text('email_normalized').primaryKey(),
  reason: text('reason').notNull(),
  createdAt: createdAt(),
});

// ---------------------------------------------------------------- text messages (lib/texts, decisions/0017)

/** The text outbox: one row per message, written in the transaction of the change that causes it. */
export const textMessages = pgTable(
  'text_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    leadId: uuid('lead_id').references(() => leads.id, { onDelete: 'cascade' }),
    appointmentId: uuid('appointment_id').references(() => appointments.id, { onDelete: 'set null' }),
    kind: text('kind').notNull(),
    toNumber: text('to_number').notNull(),
    // The patient's zone, for quiet hours.
    timeZone: text('time_zone').notNull(),
    // What the body is built from: never symptoms or the reason for the visit; private links sealed.
    props: jsonb('props').$type<Record<string, unknown>>().notNull().default({}),
    // The body as sent (private links hidden), for staff to read.
    body: text('body'),
    status: textStatus('status').notNull().default('pending'),
    sendAfter: tstz('send_after').notNull().defaultNow(),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(8),
    nextAttemptAt: tstz('next_attempt_at'),
    lockedUntil: tstz('locked_until'),
    // When the first request to Twilio was made: a retry first looks for a message it accepted since then.
    firstTriedAt: tstz('first_tried_at'),
    lastError: text('last_error'),
    // The carrier's or Twilio's error code from a failed send or an undelivered status.
    errorCode: text('error_code'),
    dedupeKey: text('dedupe_key'),
    providerSid: text('provider_sid'),
    sentByStaffId: uuid('sent_by_staff_id').references(() => staffUsers.id, { onDelete: 'set null' }),
    sentAt: tstz('sent_at'),
    deliveredAt: tstz('delivered_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('text_messages_due_idx').on(t.sendAfter).where(sql`${t.status} = 'pending'`),
    index('text_messages_lead_idx').on(t.leadId, t.createdAt.desc()),
    uniqueIndex('text_messages_provider_sid_key').on(t.providerSid),
    uniqueIndex('text_messages_dedupe_key')
      .on(t.dedupeKey)
      .where(sql`${t.status} = 'pending'`),
  ],
);

/** What is known about a number: opted out (STOP), or not reachable by text (the carrier said so). */
export const textNumbers = pgTable('text_numbers', {
  phoneE164: text('phone_e164').primaryKey(),
  optedOutAt: tstz('opted_out_at'),
  optOutKeyword: text('opt_out_keyword'),
  undeliverableAt: tstz('undeliverable_at'),
  lastErrorCode: text('last_error_code'),
  updatedAt: updatedAt(),
});

/** Consent to texts, as given: the wording the person saw, how and when. Never updated; STOP is in text_numbers. */
export const textConsents = pgTable(
  'text_consents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    leadId: uuid('lead_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    phoneE164: text('phone_e164').notNull(),
    source: text('source').notNull(),
    wording: text('wording').notNull(),
    givenAt: tstz('given_at').notNull(),
  },
  (t) => [index('text_consents_lead_idx').on(t.leadId, t.givenAt.desc()), index('text_consents_phone_idx').on(t.phoneE164)],
);

/** Twilio webhook deliveries (replies and status callbacks), kept by a key so a replay is recognised. */
export const textEvents = pgTable(
  'text_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventKey: text('event_key').notNull().unique(),
    kind: text('kind').notNull(),
    textMessageId: uuid('text_message_id').references(() => textMessages.id, { onDelete: 'cascade' }),
    leadId: uuid('lead_id').references(() => leads.id, { onDelete: 'cascade' }),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    receivedAt: tstz('received_at').notNull().defaultNow(),
  },
  (t) => [index('text_events_message_idx').on(t.textMessageId), index('text_events_lead_idx').on(t.leadId, t.receivedAt.desc())],
);

/** The admin's switches for the text channel: one row (id 1). Missing row: everything on. */
export const textSettings = pgTable(
  'text_settings',
  {
    id: smallint('id').primaryKey().default(1),
    enabled: boolean('enabled').notNull().default(true),
    // Kinds turned off (lib/texts/rules TEXT_KINDS); empty: all on.
    disabledKinds: jsonb('disabled_kinds').$type<string[]>().notNull().default([]),
    updatedAt: updatedAt(),
  },
  (t) => [check('text_settings_single_row', sql`${t.id} = 1`)],
);

// ---------------------------------------------------------------- audit

/** Append-only (a trigger refuses UPDATE and DELETE): who saw or changed what, when, from where. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    actorStaffId: uuid('actor_staff_id').references(() => staffUsers.id, { onDelete: 'no action' }),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    ip: inet('ip'),
    userAgent: text('user_agent'),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
    at: tstz('at').notNull().defaultNow(),
  },
  (t) => [
    index('audit_log_at_idx').on(t.at.desc()),
    index('audit_log_actor_idx').on(t.actorStaffId, t.at.desc()),
    index('audit_log_entity_idx').on(t.entityType, t.entityId, t.at.desc()),
  ],
);

// ---------------------------------------------------------------- inferred types

export type StaffUser = typeof staffUsers.$inferSelect;
export type StaffSession = typeof staffSessions.$inferSelect;
export type StaffPasskey = typeof staffPasskeys.$inferSelect;
export type NewStaffUser = typeof staffUsers.$inferInsert;
export type Location = typeof locations.$inferSelect;
export type NewLocation = typeof locations.$inferInsert;
export type Provider = typeof providers.$inferSelect;
export type NewProvider = typeof providers.$inferInsert;
export type AvailabilityRule = typeof availabilityRules.$inferSelect;
export type NewAvailabilityRule = typeof availabilityRules.$inferInsert;
export type Closure = typeof closures.$inferSelect;
export type NewClosure = typeof closures.$inferInsert;
export type Lead = typeof leads.$inferSelect;
export type NewLead = typeof leads.$inferInsert;
export type ConsultationRequest = typeof consultationRequests.$inferSelect;
export type NewConsultationRequest = typeof consultationRequests.$inferInsert;
export type Appointment = typeof appointments.$inferSelect;
export type NewAppointment = typeof appointments.$inferInsert;
export type LeadActivity = typeof leadActivities.$inferSelect;
export type NewLeadActivity = typeof leadActivities.$inferInsert;
export type FollowUpTask = typeof followUpTasks.$inferSelect;
export type NewFollowUpTask = typeof followUpTasks.$inferInsert;
export type CallLog = typeof callLogs.$inferSelect;
export type EmailMessage = typeof emailMessages.$inferSelect;
export type NewEmailMessage = typeof emailMessages.$inferInsert;
export type TextMessage = typeof textMessages.$inferSelect;
export type NewTextMessage = typeof textMessages.$inferInsert;
export type AuditEntry = typeof auditLog.$inferSelect;
export type NewAuditEntry = typeof auditLog.$inferInsert;
