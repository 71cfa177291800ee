CREATE TYPE "public"."rate_notification_state" AS ENUM('pending', 'sent', 'failed');--> statement-breakpoint
CREATE TABLE "rate_notification_contacts" (
	"rate_notification_id" integer NOT NULL,
	"contact_id" integer NOT NULL,
	CONSTRAINT "rate_notification_contacts_rate_notification_id_contact_id_pk" PRIMARY KEY("rate_notification_id","contact_id")
);
--> statement-breakpoint
CREATE TABLE "rate_notifications" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "rate_notifications_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"uuid" uuid DEFAULT gen_random_uuid() NOT NULL,
	"client_id" integer NOT NULL,
	"rate_table_id" integer NOT NULL,
	"special_rate_id" integer,
	"effective_from" timestamp (3) with time zone NOT NULL,
	"end_date" timestamp (3) with time zone,
	"changes" jsonb NOT NULL,
	"state" "rate_notification_state" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"next_attempt_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"last_attempt_at" timestamp (3) with time zone,
	"sent_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rate_notifications_attempts_range" CHECK ("rate_notifications"."attempts" >= 0),
	CONSTRAINT "rate_notifications_sent_has_time" CHECK (("rate_notifications"."state" = 'sent') = ("rate_notifications"."sent_at" is not null))
);
--> statement-breakpoint
ALTER TABLE "rate_notification_contacts" ADD CONSTRAINT "rate_notification_contacts_rate_notification_id_rate_notifications_id_fk" FOREIGN KEY ("rate_notification_id") REFERENCES "public"."rate_notifications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rate_notification_contacts" ADD CONSTRAINT "rate_notification_contacts_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rate_notifications" ADD CONSTRAINT "rate_notifications_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rate_notifications" ADD CONSTRAINT "rate_notifications_rate_table_id_rate_tables_id_fk" FOREIGN KEY ("rate_table_id") REFERENCES "public"."rate_tables"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rate_notifications" ADD CONSTRAINT "rate_notifications_special_rate_id_special_rates_id_fk" FOREIGN KEY ("special_rate_id") REFERENCES "public"."special_rates"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "rate_notification_contacts_contact_idx" ON "rate_notification_contacts" USING btree ("contact_id");--> statement-breakpoint
CREATE UNIQUE INDEX "rate_notifications_uuid_key" ON "rate_notifications" USING btree ("uuid");--> statement-breakpoint
CREATE INDEX "rate_notifications_due_idx" ON "rate_notifications" USING btree ("next_attempt_at","id") WHERE "rate_notifications"."state" = 'pending';--> statement-breakpoint
CREATE INDEX "rate_notifications_client_id_idx" ON "rate_notifications" USING btree ("client_id","id");--> statement-breakpoint
CREATE INDEX "rate_notifications_rate_table_id_idx" ON "rate_notifications" USING btree ("rate_table_id","id");--> statement-breakpoint
CREATE INDEX "rate_notifications_special_rate_id_idx" ON "rate_notifications" USING btree ("special_rate_id","id");