-- The inbox's counts per status (docs/decisions/0016), kept in the same transaction as the change: one statement
-- trigger per kind of change on leads appends signed rows to lead_status_counts, one per (status, urgency,
-- assignee) the statement changed. Erased leads are not counted (the inbox never shows them). Rows are only
-- ever appended, so two transactions changing leads at once never wait on each other here, and never deadlock;
-- housekeeping folds them together (lib/inbox/counts.ts compactStatusCounts).
CREATE FUNCTION lead_status_counts_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO lead_status_counts (status, urgency, assigned_to_id, n)
  SELECT status, urgency, assigned_to_id, count(*) FROM new_leads WHERE erased_at IS NULL GROUP BY 1, 2, 3;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION lead_status_counts_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO lead_status_counts (status, urgency, assigned_to_id, n)
  SELECT status, urgency, assigned_to_id, -count(*) FROM old_leads WHERE erased_at IS NULL GROUP BY 1, 2, 3;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION lead_status_counts_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO lead_status_counts (status, urgency, assigned_to_id, n)
  SELECT status, urgency, assigned_to_id, sum(n) FROM (
    SELECT status, urgency, assigned_to_id, 1 AS n FROM new_leads WHERE erased_at IS NULL
    UNION ALL
    SELECT status, urgency, assigned_to_id, -1 AS n FROM old_leads WHERE erased_at IS NULL
  ) AS changes
  GROUP BY 1, 2, 3
  HAVING sum(n) <> 0;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION lead_status_counts_on_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM lead_status_counts;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER lead_status_counts_insert AFTER INSERT ON leads
  REFERENCING NEW TABLE AS new_leads FOR EACH STATEMENT EXECUTE FUNCTION lead_status_counts_on_insert();
--> statement-breakpoint
CREATE TRIGGER lead_status_counts_delete AFTER DELETE ON leads
  REFERENCING OLD TABLE AS old_leads FOR EACH STATEMENT EXECUTE FUNCTION lead_status_counts_on_delete();
--> statement-breakpoint
CREATE TRIGGER lead_status_counts_update AFTER UPDATE ON leads
  REFERENCING OLD TABLE AS old_leads NEW TABLE AS new_leads FOR EACH STATEMENT EXECUTE FUNCTION lead_status_counts_on_update();
--> statement-breakpoint
CREATE TRIGGER lead_status_counts_truncate AFTER TRUNCATE ON leads
  FOR EACH STATEMENT EXECUTE FUNCTION lead_status_counts_on_truncate();
--> statement-breakpoint
-- The leads already there. CREATE TRIGGER holds a lock that keeps out writes to leads until this migration
-- commits, so nothing is counted twice or missed.
INSERT INTO lead_status_counts (status, urgency, assigned_to_id, n)
SELECT status, urgency, assigned_to_id, count(*) FROM leads WHERE erased_at IS NULL GROUP BY 1, 2, 3;
