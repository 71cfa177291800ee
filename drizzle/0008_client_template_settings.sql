ALTER TABLE "clients" ADD COLUMN "orig_capacity" integer;--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "low_balance_profile_id" integer;--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "low_balance_threshold" numeric(15, 6);--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "low_balance_capacity" integer;--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "client_template_id" integer;--> statement-breakpoint
ALTER TABLE "clients" ADD CONSTRAINT "clients_low_balance_profile_id_low_balance_profiles_id_fk" FOREIGN KEY ("low_balance_profile_id") REFERENCES "public"."low_balance_profiles"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clients" ADD CONSTRAINT "clients_client_template_id_client_templates_id_fk" FOREIGN KEY ("client_template_id") REFERENCES "public"."client_templates"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "clients_low_balance_profile_id_idx" ON "clients" USING btree ("low_balance_profile_id");--> statement-breakpoint
CREATE INDEX "clients_client_template_id_idx" ON "clients" USING btree ("client_template_id");--> statement-breakpoint
ALTER TABLE "clients" ADD CONSTRAINT "clients_orig_capacity_range" CHECK ("clients"."orig_capacity" between 0 and 2147483647);--> statement-breakpoint
ALTER TABLE "clients" ADD CONSTRAINT "clients_low_balance_threshold_range" CHECK ("clients"."low_balance_threshold" between -999999999.999999 and 999999999.999999);--> statement-breakpoint
ALTER TABLE "clients" ADD CONSTRAINT "clients_low_balance_capacity_range" CHECK ("clients"."low_balance_capacity" between 0 and 65535);