CREATE TYPE "public"."balance_transaction_kind" AS ENUM('payment', 'correction');--> statement-breakpoint
CREATE TABLE "account_ips" (
	"account_id" integer NOT NULL,
	"net" "inet" NOT NULL,
	"tech_prefix" varchar(64) NOT NULL,
	"ip_auth" boolean NOT NULL,
	CONSTRAINT "account_ips_account_id_net_pk" PRIMARY KEY("account_id","net")
);
--> statement-breakpoint
CREATE TABLE "balance_transactions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "balance_transactions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"account_id" integer NOT NULL,
	"client_id" integer NOT NULL,
	"kind" "balance_transaction_kind" NOT NULL,
	"amount" numeric(15, 6) NOT NULL,
	"balance_after" numeric(15, 6) NOT NULL,
	"notes" text,
	"actor" varchar(64),
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "balance_transactions_amount_range" CHECK ("balance_transactions"."amount" between -999999999.999999 and 999999999.999999),
	CONSTRAINT "balance_transactions_balance_after_range" CHECK ("balance_transactions"."balance_after" between -999999999.999999 and 999999999.999999),
	CONSTRAINT "balance_transactions_amount_not_zero" CHECK ("balance_transactions"."amount" <> 0),
	CONSTRAINT "balance_transactions_payment_positive" CHECK ("balance_transactions"."kind" <> 'payment' or "balance_transactions"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"partition_id" integer NOT NULL,
	"key" varchar(255) NOT NULL,
	"fingerprint" char(64) NOT NULL,
	"balance_transaction_id" integer,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_partition_id_key_pk" PRIMARY KEY("partition_id","key")
);
--> statement-breakpoint
ALTER TABLE "account_ips" ADD CONSTRAINT "account_ips_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "balance_transactions" ADD CONSTRAINT "balance_transactions_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "balance_transactions" ADD CONSTRAINT "balance_transactions_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_partition_id_partitions_id_fk" FOREIGN KEY ("partition_id") REFERENCES "public"."partitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_balance_transaction_id_balance_transactions_id_fk" FOREIGN KEY ("balance_transaction_id") REFERENCES "public"."balance_transactions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "account_ips_net_idx" ON "account_ips" USING gist ("net" inet_ops);--> statement-breakpoint
CREATE INDEX "balance_transactions_account_created_idx" ON "balance_transactions" USING btree ("account_id","created_at","id");--> statement-breakpoint
CREATE INDEX "balance_transactions_client_created_idx" ON "balance_transactions" USING btree ("client_id","created_at","id");--> statement-breakpoint
CREATE INDEX "balance_transactions_created_idx" ON "balance_transactions" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "idempotency_keys_created_at_idx" ON "idempotency_keys" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "idempotency_keys_balance_transaction_idx" ON "idempotency_keys" USING btree ("balance_transaction_id");--> statement-breakpoint
CREATE INDEX "accounts_ani_idx" ON "accounts" USING btree ("ani");--> statement-breakpoint
CREATE INDEX "accounts_auth_name_idx" ON "accounts" USING btree ("auth_name");--> statement-breakpoint
CREATE INDEX "accounts_tech_prefix_idx" ON "accounts" USING btree ("tech_prefix");--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_ani_identity_key" ON "accounts" USING btree ("ani") WHERE "accounts"."auth_type" = 'ani';--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_auth_name_identity_key" ON "accounts" USING btree ("auth_name") WHERE "accounts"."auth_type" = 'name';