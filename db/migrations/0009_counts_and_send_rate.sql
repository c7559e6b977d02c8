CREATE TABLE "email_send_rate" (
	"id" smallint PRIMARY KEY NOT NULL,
	"next_at" timestamp with time zone NOT NULL,
	CONSTRAINT "email_send_rate_single_row" CHECK ("email_send_rate"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "lead_status_counts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"status" "lead_status" NOT NULL,
	"urgency" "lead_urgency" NOT NULL,
	"assigned_to_id" uuid,
	"n" bigint NOT NULL
);
