-- The e-mail CHECK lost the backslashes of "\s" on its way from a template literal (it refused every
-- address containing the letter "s"); it now uses the same pattern as the input validator.
ALTER TABLE "contacts" DROP CONSTRAINT "contacts_email_format";--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_email_format" CHECK ("contacts"."email" ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$');--> statement-breakpoint
-- External ids are unique per partition, not across partitions: a global unique index told a key of one
-- partition whether another partition used a value. Accounts carry their client's partition for it.
DROP INDEX "accounts_external_id_key";--> statement-breakpoint
CREATE UNIQUE INDEX "clients_id_partition_key" ON "clients" USING btree ("id","partition_id");--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "partition_id" integer;--> statement-breakpoint
UPDATE "accounts" SET "partition_id" = "clients"."partition_id" FROM "clients" WHERE "clients"."id" = "accounts"."client_id";--> statement-breakpoint
ALTER TABLE "accounts" ALTER COLUMN "partition_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_client_partition_fkey" FOREIGN KEY ("client_id","partition_id") REFERENCES "public"."clients"("id","partition_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_partition_external_id_key" ON "accounts" USING btree ("partition_id","external_id");
