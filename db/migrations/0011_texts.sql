CREATE TYPE "public"."text_status" AS ENUM('pending', 'sending', 'sent', 'delivered', 'undelivered', 'failed', 'cancelled', 'held');--> statement-breakpoint
ALTER TYPE "public"."activity_type" ADD VALUE 'text_queued';--> statement-breakpoint
ALTER TYPE "public"."activity_type" ADD VALUE 'text_sent';--> statement-breakpoint
ALTER TYPE "public"."activity_type" ADD VALUE 'text_delivered';--> statement-breakpoint
ALTER TYPE "public"."activity_type" ADD VALUE 'text_failed';--> statement-breakpoint
ALTER TYPE "public"."activity_type" ADD VALUE 'text_received';--> statement-breakpoint
ALTER TYPE "public"."activity_type" ADD VALUE 'text_opted_out';--> statement-breakpoint
ALTER TYPE "public"."activity_type" ADD VALUE 'text_opted_in';--> statement-breakpoint
ALTER TYPE "public"."activity_type" ADD VALUE 'text_consent_given';--> statement-breakpoint
CREATE TABLE "text_consents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"lead_id" uuid NOT NULL,
	"phone_e164" text NOT NULL,
	"source" text NOT NULL,
	"wording" text NOT NULL,
	"given_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "text_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_key" text NOT NULL,
	"kind" text NOT NULL,
	"text_message_id" uuid,
	"lead_id" uuid,
	"payload" jsonb NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "text_events_event_key_unique" UNIQUE("event_key")
);
--> statement-breakpoint
CREATE TABLE "text_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"lead_id" uuid,
	"appointment_id" uuid,
	"kind" text NOT NULL,
	"to_number" text NOT NULL,
	"time_zone" text NOT NULL,
	"props" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"body" text,
	"status" text_status DEFAULT 'pending' NOT NULL,
	"send_after" timestamp with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer DEFAULT 8 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"locked_until" timestamp with time zone,
	"first_tried_at" timestamp with time zone,
	"last_error" text,
	"error_code" text,
	"dedupe_key" text,
	"provider_sid" text,
	"sent_by_staff_id" uuid,
	"sent_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "text_numbers" (
	"phone_e164" text PRIMARY KEY NOT NULL,
	"opted_out_at" timestamp with time zone,
	"opt_out_keyword" text,
	"undeliverable_at" timestamp with time zone,
	"last_error_code" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "text_settings" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"disabled_kinds" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "text_settings_single_row" CHECK ("text_settings"."id" = 1)
);
--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "text_replied_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "text_consents" ADD CONSTRAINT "text_consents_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "text_events" ADD CONSTRAINT "text_events_text_message_id_text_messages_id_fk" FOREIGN KEY ("text_message_id") REFERENCES "public"."text_messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "text_events" ADD CONSTRAINT "text_events_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "text_messages" ADD CONSTRAINT "text_messages_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "text_messages" ADD CONSTRAINT "text_messages_appointment_id_appointments_id_fk" FOREIGN KEY ("appointment_id") REFERENCES "public"."appointments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "text_messages" ADD CONSTRAINT "text_messages_sent_by_staff_id_staff_users_id_fk" FOREIGN KEY ("sent_by_staff_id") REFERENCES "public"."staff_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "text_consents_lead_idx" ON "text_consents" USING btree ("lead_id","given_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "text_consents_phone_idx" ON "text_consents" USING btree ("phone_e164");--> statement-breakpoint
CREATE INDEX "text_events_message_idx" ON "text_events" USING btree ("text_message_id");--> statement-breakpoint
CREATE INDEX "text_events_lead_idx" ON "text_events" USING btree ("lead_id","received_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "text_messages_due_idx" ON "text_messages" USING btree ("send_after") WHERE "text_messages"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "text_messages_lead_idx" ON "text_messages" USING btree ("lead_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "text_messages_provider_sid_key" ON "text_messages" USING btree ("provider_sid");--> statement-breakpoint
CREATE UNIQUE INDEX "text_messages_dedupe_key" ON "text_messages" USING btree ("dedupe_key") WHERE "text_messages"."status" = 'pending';