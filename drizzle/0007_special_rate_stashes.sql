ALTER TABLE "rates" ADD COLUMN "stashed_by_special_rate_id" integer;--> statement-breakpoint
ALTER TABLE "special_rates" ADD COLUMN "stash_future_rates" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "rates" ADD CONSTRAINT "rates_stashed_by_special_rate_id_special_rates_id_fk" FOREIGN KEY ("stashed_by_special_rate_id") REFERENCES "public"."special_rates"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "rates_stashed_by_id_idx" ON "rates" USING btree ("stashed_by_special_rate_id","id") WHERE "rates"."stashed_by_special_rate_id" is not null;--> statement-breakpoint
ALTER TABLE "rates" ADD CONSTRAINT "rates_stash_claim_stashed" CHECK ("rates"."stashed_by_special_rate_id" is null or "rates"."status" = 'stashed');--> statement-breakpoint
ALTER TABLE "rates" ADD CONSTRAINT "rates_stash_claim_regular" CHECK ("rates"."stashed_by_special_rate_id" is null or "rates"."special_rate_id" is null);