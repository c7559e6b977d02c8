-- Sign-in attempts are counted by hashes of the account name and the address (lib/security/rate-limit
-- `limitKey`), not kept readable. Earlier rows held both in plain text and are only useful for 15 minutes:
-- they go (a lockout in progress at the moment of deployment ends early).
DELETE FROM "login_attempts";--> statement-breakpoint
DROP INDEX "login_attempts_email_at_idx";--> statement-breakpoint
DROP INDEX "login_attempts_ip_at_idx";--> statement-breakpoint
ALTER TABLE "login_attempts" ADD COLUMN "account_key" text NOT NULL;--> statement-breakpoint
ALTER TABLE "login_attempts" ADD COLUMN "address_key" text NOT NULL;--> statement-breakpoint
CREATE INDEX "login_attempts_account_at_idx" ON "login_attempts" USING btree ("account_key","at");--> statement-breakpoint
CREATE INDEX "login_attempts_address_at_idx" ON "login_attempts" USING btree ("address_key","at");--> statement-breakpoint
CREATE INDEX "login_attempts_at_idx" ON "login_attempts" USING btree ("at");--> statement-breakpoint
ALTER TABLE "login_attempts" DROP COLUMN "email";--> statement-breakpoint
ALTER TABLE "login_attempts" DROP COLUMN "ip";--> statement-breakpoint
-- The audit log cannot be emptied either: TRUNCATE skips row triggers, so a statement trigger refuses it
-- (even for the tables' owner, who could otherwise drop the trigger first: see the role below).
CREATE TRIGGER "audit_log_no_truncate"
  BEFORE TRUNCATE ON "audit_log"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_log_refuse_change"();--> statement-breakpoint
-- Least privilege (docs/operations.md): the role that runs these migrations owns the tables; the web app
-- should connect as a login role that is a member of `clinic_app`, which may read and write the data but
-- not change the schema, and may only add to and read the audit log. A migrating role that cannot create
-- roles (CREATEROLE) skips this: the trigger above and the append-only trigger still hold.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'clinic_app') THEN
    BEGIN
      CREATE ROLE clinic_app NOLOGIN;
    EXCEPTION
      WHEN duplicate_object OR unique_violation THEN NULL; -- another database's migration made it just now
      WHEN insufficient_privilege THEN
        RAISE NOTICE 'clinic_app role not created (the migrating role lacks CREATEROLE): grant privileges by hand';
    END;
  END IF;
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'clinic_app') THEN
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO clinic_app', current_database());
    GRANT USAGE ON SCHEMA public TO clinic_app;
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO clinic_app;
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO clinic_app;
    REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON "audit_log" FROM clinic_app;
    -- Tables and sequences later migrations create get the same rights (the audit log keeps its own).
    ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO clinic_app;
    ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO clinic_app;
  END IF;
END
$$;
