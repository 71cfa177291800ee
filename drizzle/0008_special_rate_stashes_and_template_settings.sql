ALTER TABLE "clients" ADD COLUMN "orig_capacity" integer;--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "low_balance_profile_id" integer;--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "low_balance_threshold" numeric(15, 6);--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "low_balance_capacity" integer;--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "client_template_id" integer;--> statement-breakpoint
ALTER TABLE "rates" ADD COLUMN "stashed_by_special_rate_id" integer;--> statement-breakpoint
ALTER TABLE "special_rates" ADD COLUMN "stash_future_rates" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "clients" ADD CONSTRAINT "clients_low_balance_profile_id_low_balance_profiles_id_fk" FOREIGN KEY ("low_balance_profile_id") REFERENCES "public"."low_balance_profiles"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clients" ADD CONSTRAINT "clients_client_template_id_client_templates_id_fk" FOREIGN KEY ("client_template_id") REFERENCES "public"."client_templates"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rates" ADD CONSTRAINT "rates_stashed_by_special_rate_id_special_rates_id_fk" FOREIGN KEY ("stashed_by_special_rate_id") REFERENCES "public"."special_rates"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "clients_low_balance_profile_id_idx" ON "clients" USING btree ("low_balance_profile_id");--> statement-breakpoint
CREATE INDEX "clients_client_template_id_idx" ON "clients" USING btree ("client_template_id");--> statement-breakpoint
CREATE INDEX "rates_stashed_by_id_idx" ON "rates" USING btree ("stashed_by_special_rate_id","id") WHERE "rates"."stashed_by_special_rate_id" is not null;--> statement-breakpoint
ALTER TABLE "clients" ADD CONSTRAINT "clients_orig_capacity_range" CHECK ("clients"."orig_capacity" between 0 and 2147483647);--> statement-breakpoint
ALTER TABLE "clients" ADD CONSTRAINT "clients_low_balance_threshold_range" CHECK ("clients"."low_balance_threshold" between -999999999.999999 and 999999999.999999);--> statement-breakpoint
ALTER TABLE "clients" ADD CONSTRAINT "clients_low_balance_capacity_range" CHECK ("clients"."low_balance_capacity" between 0 and 65535);--> statement-breakpoint
ALTER TABLE "rates" ADD CONSTRAINT "rates_stash_claim_stashed" CHECK ("rates"."stashed_by_special_rate_id" is null or "rates"."status" = 'stashed');--> statement-breakpoint
ALTER TABLE "rates" ADD CONSTRAINT "rates_stash_claim_regular" CHECK ("rates"."stashed_by_special_rate_id" is null or "rates"."special_rate_id" is null);