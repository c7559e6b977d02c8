-- Guarantees that drizzle-kit cannot express; the database, not application code, enforces them.

-- No double booking: two appointments of one provider that are not cancelled may never overlap.
-- Ranges are half-open [starts_at, ends_at), so back-to-back slots are allowed. A violation is SQLSTATE 23P01.
ALTER TABLE "appointments"
  ADD CONSTRAINT "appointments_no_overlap"
  EXCLUDE USING gist ("provider_id" WITH =, tstzrange("starts_at", "ends_at", '[)') WITH &&)
  WHERE ("status" <> 'cancelled');--> statement-breakpoint

-- Overlapping weekly hours of one provider on one weekday are refused too.
ALTER TABLE "availability_rules"
  ADD CONSTRAINT "availability_rules_no_overlap"
  EXCLUDE USING gist (
    "provider_id" WITH =,
    "weekday" WITH =,
    tsrange('2000-01-01'::date + "start_time", '2000-01-01'::date + "end_time", '[)') WITH &&
  );--> statement-breakpoint

-- The audit log is append-only: rows can be added, never changed or removed.
CREATE OR REPLACE FUNCTION "audit_log_refuse_change"() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$;--> statement-breakpoint

CREATE TRIGGER "audit_log_append_only"
  BEFORE UPDATE OR DELETE ON "audit_log"
  FOR EACH ROW EXECUTE FUNCTION "audit_log_refuse_change"();
