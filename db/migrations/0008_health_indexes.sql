CREATE INDEX "email_events_received_idx" ON "email_events" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "email_messages_sent_idx" ON "email_messages" USING btree ("sent_at");