CREATE TYPE "public"."auth_type" AS ENUM('name', 'ip', 'ani');--> statement-breakpoint
CREATE TYPE "public"."contact_purpose" AS ENUM('invoices', 'balance_notifications');--> statement-breakpoint
CREATE TYPE "public"."direction" AS ENUM('origination', 'termination');--> statement-breakpoint
CREATE TYPE "public"."invoice_period" AS ENUM('daily', 'weekly', 'biweekly', 'monthly', 'biweekly_split_by_month', 'weekly_split_by_month', 'semimonthly');--> statement-breakpoint
CREATE TYPE "public"."rate_status" AS ENUM('active', 'stashed');--> statement-breakpoint
CREATE TABLE "account_contacts" (
	"account_id" integer NOT NULL,
	"purpose" "contact_purpose" NOT NULL,
	"contact_id" integer NOT NULL,
	CONSTRAINT "account_contacts_account_id_purpose_contact_id_pk" PRIMARY KEY("account_id","purpose","contact_id")
);
--> statement-breakpoint
CREATE TABLE "account_equipment" (
	"account_id" integer NOT NULL,
	"equipment_id" integer NOT NULL,
	CONSTRAINT "account_equipment_account_id_equipment_id_pk" PRIMARY KEY("account_id","equipment_id")
);
--> statement-breakpoint
CREATE TABLE "account_rate_tables" (
	"account_id" integer NOT NULL,
	"direction" "direction" NOT NULL,
	"rate_table_id" integer NOT NULL,
	"position" smallint NOT NULL,
	CONSTRAINT "account_rate_tables_account_id_direction_rate_table_id_pk" PRIMARY KEY("account_id","direction","rate_table_id")
);
--> statement-breakpoint
CREATE TABLE "accounts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "accounts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"uuid" uuid DEFAULT gen_random_uuid() NOT NULL,
	"client_id" integer NOT NULL,
	"name" varchar(64) NOT NULL,
	"notes" text,
	"external_id" varchar(64),
	"timezone" varchar(64) DEFAULT 'UTC' NOT NULL,
	"auth_type" "auth_type" NOT NULL,
	"ani" varchar(64),
	"auth_name" varchar(128),
	"password" varchar(256),
	"ips" "inet"[] DEFAULT '{}'::inet[] NOT NULL,
	"tech_prefix" varchar(64),
	"orig_enabled" boolean DEFAULT false NOT NULL,
	"orig_capacity" integer,
	"orig_tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"orig_routing_plan_id" integer,
	"term_enabled" boolean DEFAULT false NOT NULL,
	"term_capacity" integer,
	"term_tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"term_protocol" varchar(64),
	"term_port" varchar(64),
	"term_proxy_mode" smallint DEFAULT 1 NOT NULL,
	"balance" numeric(15, 6) DEFAULT '0' NOT NULL,
	"min_balance" numeric(15, 6) DEFAULT '0' NOT NULL,
	"max_balance" numeric(15, 6) DEFAULT '0' NOT NULL,
	"vat" numeric(9, 6) DEFAULT '0' NOT NULL,
	"balance_low_threshold" numeric(15, 6),
	"balance_high_threshold" numeric(15, 6),
	"total_capacity" integer,
	"destination_rate_limit" numeric(15, 6),
	"max_call_duration" integer,
	"invoice_period" "invoice_period",
	"invoice_template_id" integer,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "accounts_name_not_blank" CHECK (length(btrim("accounts"."name")) > 0),
	CONSTRAINT "accounts_identity_present" CHECK (case "accounts"."auth_type" when 'name' then "accounts"."auth_name" is not null when 'ani' then "accounts"."ani" is not null else cardinality("accounts"."ips") > 0 end),
	CONSTRAINT "accounts_orig_capacity_range" CHECK ("accounts"."orig_capacity" between 0 and 2147483647),
	CONSTRAINT "accounts_term_capacity_range" CHECK ("accounts"."term_capacity" between 0 and 2147483647),
	CONSTRAINT "accounts_total_capacity_range" CHECK ("accounts"."total_capacity" between 0 and 2147483647),
	CONSTRAINT "accounts_term_proxy_mode_range" CHECK ("accounts"."term_proxy_mode" between 0 and 7),
	CONSTRAINT "accounts_balance_range" CHECK ("accounts"."balance" between -999999999.999999 and 999999999.999999),
	CONSTRAINT "accounts_min_balance_range" CHECK ("accounts"."min_balance" between -999999999.999999 and 999999999.999999),
	CONSTRAINT "accounts_max_balance_range" CHECK ("accounts"."max_balance" between -999999999.999999 and 999999999.999999),
	CONSTRAINT "accounts_balance_limits_order" CHECK ("accounts"."max_balance" >= "accounts"."min_balance"),
	CONSTRAINT "accounts_vat_range" CHECK ("accounts"."vat" between 0 and 100),
	CONSTRAINT "accounts_balance_low_threshold_range" CHECK ("accounts"."balance_low_threshold" between -999999999.999999 and 999999999.999999),
	CONSTRAINT "accounts_balance_high_threshold_range" CHECK ("accounts"."balance_high_threshold" between -999999999.999999 and 999999999.999999),
	CONSTRAINT "accounts_thresholds_order" CHECK ("accounts"."balance_low_threshold" < "accounts"."balance_high_threshold"),
	CONSTRAINT "accounts_destination_rate_limit_range" CHECK ("accounts"."destination_rate_limit" between 0 and 999999999.999999),
	CONSTRAINT "accounts_max_call_duration_range" CHECK ("accounts"."max_call_duration" between 1 and 2147483647)
);
--> statement-breakpoint
CREATE TABLE "client_rate_tables" (
	"client_id" integer NOT NULL,
	"direction" "direction" NOT NULL,
	"rate_table_id" integer NOT NULL,
	"position" smallint NOT NULL,
	CONSTRAINT "client_rate_tables_client_id_direction_rate_table_id_pk" PRIMARY KEY("client_id","direction","rate_table_id")
);
--> statement-breakpoint
CREATE TABLE "client_template_rate_tables" (
	"client_template_id" integer NOT NULL,
	"rate_table_id" integer NOT NULL,
	"position" smallint NOT NULL,
	CONSTRAINT "client_template_rate_tables_client_template_id_rate_table_id_pk" PRIMARY KEY("client_template_id","rate_table_id")
);
--> statement-breakpoint
CREATE TABLE "client_templates" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "client_templates_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"partition_id" integer NOT NULL,
	"name" varchar(255) NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"credit_limit" numeric(15, 6) NOT NULL,
	"routing_plan_id" integer,
	"capacity" integer,
	"low_balance_profile_id" integer,
	"low_balance_threshold" numeric(15, 6),
	"low_balance_capacity" integer,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "client_templates_name_not_blank" CHECK (length(btrim("client_templates"."name")) > 0),
	CONSTRAINT "client_templates_credit_limit_range" CHECK ("client_templates"."credit_limit" between -999999999.999999 and 999999999.999999),
	CONSTRAINT "client_templates_low_balance_threshold_range" CHECK ("client_templates"."low_balance_threshold" between -999999999.999999 and 999999999.999999),
	CONSTRAINT "client_templates_capacity_range" CHECK ("client_templates"."capacity" between 0 and 2147483647),
	CONSTRAINT "client_templates_low_balance_capacity_range" CHECK ("client_templates"."low_balance_capacity" between 0 and 65535)
);
--> statement-breakpoint
CREATE TABLE "code_decks" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "code_decks_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" varchar(128) NOT NULL,
	"notes" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "code_decks_name_not_blank" CHECK (length(btrim("code_decks"."name")) > 0)
);
--> statement-breakpoint
CREATE TABLE "codes" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "codes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code_deck_id" integer NOT NULL,
	"code" varchar(32) NOT NULL,
	"name" varchar(128) NOT NULL,
	"country" varchar(64),
	CONSTRAINT "codes_code_format" CHECK ("codes"."code" ~ '^[0-9A-Za-z_#*+]+$'),
	CONSTRAINT "codes_name_not_blank" CHECK (length(btrim("codes"."name")) > 0)
);
--> statement-breakpoint
CREATE TABLE "contacts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "contacts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"client_id" integer NOT NULL,
	"name" varchar(128) NOT NULL,
	"email" varchar(255) NOT NULL,
	"notes" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contacts_name_not_blank" CHECK (length(btrim("contacts"."name")) > 0),
	CONSTRAINT "contacts_email_format" CHECK ("contacts"."email" ~ '^[^@s]+@[^@s]+$')
);
--> statement-breakpoint
CREATE TABLE "equipment" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "equipment_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" varchar(128) NOT NULL,
	"notes" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "equipment_name_not_blank" CHECK (length(btrim("equipment"."name")) > 0)
);
--> statement-breakpoint
CREATE TABLE "invoice_templates" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "invoice_templates_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" varchar(128) NOT NULL,
	"notes" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "invoice_templates_name_not_blank" CHECK (length(btrim("invoice_templates"."name")) > 0)
);
--> statement-breakpoint
CREATE TABLE "low_balance_profiles" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "low_balance_profiles_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"partition_id" integer NOT NULL,
	"name" varchar(128) NOT NULL,
	"threshold" numeric(15, 6),
	"max_notifications" integer DEFAULT 1 NOT NULL,
	"check_period_hours" integer DEFAULT 24 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "low_balance_profiles_name_not_blank" CHECK (length(btrim("low_balance_profiles"."name")) > 0),
	CONSTRAINT "low_balance_profiles_threshold_range" CHECK ("low_balance_profiles"."threshold" between -999999999.999999 and 999999999.999999),
	CONSTRAINT "low_balance_profiles_max_notifications_range" CHECK ("low_balance_profiles"."max_notifications" between 0 and 1000),
	CONSTRAINT "low_balance_profiles_check_period_hours_range" CHECK ("low_balance_profiles"."check_period_hours" between 1 and 8760)
);
--> statement-breakpoint
CREATE TABLE "payment_terms" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "payment_terms_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" varchar(128) NOT NULL,
	"period_days" integer DEFAULT 30 NOT NULL,
	"grace_period_days" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payment_terms_name_not_blank" CHECK (length(btrim("payment_terms"."name")) > 0),
	CONSTRAINT "payment_terms_period_days_range" CHECK ("payment_terms"."period_days" between 1 and 366),
	CONSTRAINT "payment_terms_grace_period_days_range" CHECK ("payment_terms"."grace_period_days" between 0 and 366)
);
--> statement-breakpoint
CREATE TABLE "rate_tables" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "rate_tables_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"partition_id" integer NOT NULL,
	"currency_id" integer NOT NULL,
	"name" varchar(128) NOT NULL,
	"code_deck_id" integer,
	"parent_rate_table_id" integer,
	"tag" varchar(64) DEFAULT '@' NOT NULL,
	"with_taxes" boolean DEFAULT false NOT NULL,
	"notes" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rate_tables_name_not_blank" CHECK (length(btrim("rate_tables"."name")) > 0),
	CONSTRAINT "rate_tables_not_own_parent" CHECK ("rate_tables"."parent_rate_table_id" <> "rate_tables"."id")
);
--> statement-breakpoint
CREATE TABLE "rates" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "rates_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"rate_table_id" integer NOT NULL,
	"code" varchar(32) NOT NULL,
	"special_rate_id" integer,
	"effective_from" timestamp (3) with time zone NOT NULL,
	"end_date" timestamp (3) with time zone,
	"value" numeric(15, 6) NOT NULL,
	"min_volume" integer DEFAULT 1 NOT NULL,
	"pay_interval" integer DEFAULT 1 NOT NULL,
	"setup_fee" numeric(15, 6) DEFAULT '0' NOT NULL,
	"grace_volume" integer DEFAULT 0 NOT NULL,
	"time_profile_id" integer NOT NULL,
	"tag" varchar(64) DEFAULT '@' NOT NULL,
	"min_dst_length" smallint,
	"max_dst_length" smallint,
	"notes" text,
	"status" "rate_status" DEFAULT 'active' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rates_code_format" CHECK ("rates"."code" ~ '^[0-9A-Za-z_#*+]+$'),
	CONSTRAINT "rates_value_range" CHECK ("rates"."value" between -999999999.999999 and 999999999.999999),
	CONSTRAINT "rates_setup_fee_range" CHECK ("rates"."setup_fee" between -999999999.999999 and 999999999.999999),
	CONSTRAINT "rates_min_volume_range" CHECK ("rates"."min_volume" between 1 and 2147483647),
	CONSTRAINT "rates_pay_interval_range" CHECK ("rates"."pay_interval" between 1 and 2147483647),
	CONSTRAINT "rates_grace_volume_range" CHECK ("rates"."grace_volume" between 0 and 2147483647),
	CONSTRAINT "rates_min_dst_length_range" CHECK ("rates"."min_dst_length" between 1 and 100),
	CONSTRAINT "rates_max_dst_length_range" CHECK ("rates"."max_dst_length" between 1 and 100),
	CONSTRAINT "rates_dst_length_order" CHECK ("rates"."min_dst_length" <= "rates"."max_dst_length"),
	CONSTRAINT "rates_end_after_start" CHECK ("rates"."end_date" > "rates"."effective_from"),
	CONSTRAINT "rates_tag_not_blank" CHECK (length(btrim("rates"."tag")) > 0)
);
--> statement-breakpoint
CREATE TABLE "routing_plans" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "routing_plans_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" varchar(128) NOT NULL,
	"notes" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "routing_plans_name_not_blank" CHECK (length(btrim("routing_plans"."name")) > 0)
);
--> statement-breakpoint
CREATE TABLE "special_rates" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "special_rates_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"rate_table_id" integer NOT NULL,
	"code_name" varchar(128) NOT NULL,
	"effective_from" timestamp (3) with time zone NOT NULL,
	"end_date" timestamp (3) with time zone,
	"value" numeric(15, 6) NOT NULL,
	"min_volume" integer DEFAULT 1 NOT NULL,
	"pay_interval" integer DEFAULT 1 NOT NULL,
	"setup_fee" numeric(15, 6) DEFAULT '0' NOT NULL,
	"grace_volume" integer DEFAULT 0 NOT NULL,
	"time_profile_id" integer NOT NULL,
	"tag" varchar(64) DEFAULT '@' NOT NULL,
	"min_dst_length" smallint,
	"max_dst_length" smallint,
	"notes" text,
	"status" "rate_status" DEFAULT 'active' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "special_rates_code_name_not_blank" CHECK (length(btrim("special_rates"."code_name")) > 0),
	CONSTRAINT "special_rates_value_range" CHECK ("special_rates"."value" between -999999999.999999 and 999999999.999999),
	CONSTRAINT "special_rates_setup_fee_range" CHECK ("special_rates"."setup_fee" between -999999999.999999 and 999999999.999999),
	CONSTRAINT "special_rates_min_volume_range" CHECK ("special_rates"."min_volume" between 1 and 2147483647),
	CONSTRAINT "special_rates_pay_interval_range" CHECK ("special_rates"."pay_interval" between 1 and 2147483647),
	CONSTRAINT "special_rates_grace_volume_range" CHECK ("special_rates"."grace_volume" between 0 and 2147483647),
	CONSTRAINT "special_rates_min_dst_length_range" CHECK ("special_rates"."min_dst_length" between 1 and 100),
	CONSTRAINT "special_rates_max_dst_length_range" CHECK ("special_rates"."max_dst_length" between 1 and 100),
	CONSTRAINT "special_rates_dst_length_order" CHECK ("special_rates"."min_dst_length" <= "special_rates"."max_dst_length"),
	CONSTRAINT "special_rates_end_after_start" CHECK ("special_rates"."end_date" > "special_rates"."effective_from"),
	CONSTRAINT "special_rates_tag_not_blank" CHECK (length(btrim("special_rates"."tag")) > 0)
);
--> statement-breakpoint
CREATE TABLE "time_profile_periods" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "time_profile_periods_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"time_profile_id" integer NOT NULL,
	"weekday_from" smallint NOT NULL,
	"weekday_till" smallint NOT NULL,
	"time_from" time NOT NULL,
	"time_till" time NOT NULL,
	CONSTRAINT "time_profile_periods_weekday_from_range" CHECK ("time_profile_periods"."weekday_from" between 1 and 7),
	CONSTRAINT "time_profile_periods_weekday_till_range" CHECK ("time_profile_periods"."weekday_till" between 1 and 7),
	CONSTRAINT "time_profile_periods_order" CHECK ("time_profile_periods"."weekday_from" <= "time_profile_periods"."weekday_till" and "time_profile_periods"."time_from" <= "time_profile_periods"."time_till")
);
--> statement-breakpoint
CREATE TABLE "time_profiles" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "time_profiles_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" varchar(128) NOT NULL,
	"timezone" varchar(64) DEFAULT 'UTC' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "time_profiles_name_not_blank" CHECK (length(btrim("time_profiles"."name")) > 0)
);
--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "routing_plan_id" integer;--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "payment_term_id" integer;--> statement-breakpoint
ALTER TABLE "account_contacts" ADD CONSTRAINT "account_contacts_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_contacts" ADD CONSTRAINT "account_contacts_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_equipment" ADD CONSTRAINT "account_equipment_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_equipment" ADD CONSTRAINT "account_equipment_equipment_id_equipment_id_fk" FOREIGN KEY ("equipment_id") REFERENCES "public"."equipment"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_rate_tables" ADD CONSTRAINT "account_rate_tables_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_rate_tables" ADD CONSTRAINT "account_rate_tables_rate_table_id_rate_tables_id_fk" FOREIGN KEY ("rate_table_id") REFERENCES "public"."rate_tables"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_orig_routing_plan_id_routing_plans_id_fk" FOREIGN KEY ("orig_routing_plan_id") REFERENCES "public"."routing_plans"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_invoice_template_id_invoice_templates_id_fk" FOREIGN KEY ("invoice_template_id") REFERENCES "public"."invoice_templates"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_rate_tables" ADD CONSTRAINT "client_rate_tables_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_rate_tables" ADD CONSTRAINT "client_rate_tables_rate_table_id_rate_tables_id_fk" FOREIGN KEY ("rate_table_id") REFERENCES "public"."rate_tables"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_template_rate_tables" ADD CONSTRAINT "client_template_rate_tables_client_template_id_client_templates_id_fk" FOREIGN KEY ("client_template_id") REFERENCES "public"."client_templates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_template_rate_tables" ADD CONSTRAINT "client_template_rate_tables_rate_table_id_rate_tables_id_fk" FOREIGN KEY ("rate_table_id") REFERENCES "public"."rate_tables"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_templates" ADD CONSTRAINT "client_templates_partition_id_partitions_id_fk" FOREIGN KEY ("partition_id") REFERENCES "public"."partitions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_templates" ADD CONSTRAINT "client_templates_routing_plan_id_routing_plans_id_fk" FOREIGN KEY ("routing_plan_id") REFERENCES "public"."routing_plans"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_templates" ADD CONSTRAINT "client_templates_low_balance_profile_id_low_balance_profiles_id_fk" FOREIGN KEY ("low_balance_profile_id") REFERENCES "public"."low_balance_profiles"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "codes" ADD CONSTRAINT "codes_code_deck_id_code_decks_id_fk" FOREIGN KEY ("code_deck_id") REFERENCES "public"."code_decks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "low_balance_profiles" ADD CONSTRAINT "low_balance_profiles_partition_id_partitions_id_fk" FOREIGN KEY ("partition_id") REFERENCES "public"."partitions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rate_tables" ADD CONSTRAINT "rate_tables_partition_id_partitions_id_fk" FOREIGN KEY ("partition_id") REFERENCES "public"."partitions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rate_tables" ADD CONSTRAINT "rate_tables_currency_id_currencies_id_fk" FOREIGN KEY ("currency_id") REFERENCES "public"."currencies"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rate_tables" ADD CONSTRAINT "rate_tables_code_deck_id_code_decks_id_fk" FOREIGN KEY ("code_deck_id") REFERENCES "public"."code_decks"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rate_tables" ADD CONSTRAINT "rate_tables_parent_rate_table_id_rate_tables_id_fk" FOREIGN KEY ("parent_rate_table_id") REFERENCES "public"."rate_tables"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rates" ADD CONSTRAINT "rates_rate_table_id_rate_tables_id_fk" FOREIGN KEY ("rate_table_id") REFERENCES "public"."rate_tables"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rates" ADD CONSTRAINT "rates_special_rate_id_special_rates_id_fk" FOREIGN KEY ("special_rate_id") REFERENCES "public"."special_rates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rates" ADD CONSTRAINT "rates_time_profile_id_time_profiles_id_fk" FOREIGN KEY ("time_profile_id") REFERENCES "public"."time_profiles"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "special_rates" ADD CONSTRAINT "special_rates_rate_table_id_rate_tables_id_fk" FOREIGN KEY ("rate_table_id") REFERENCES "public"."rate_tables"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "special_rates" ADD CONSTRAINT "special_rates_time_profile_id_time_profiles_id_fk" FOREIGN KEY ("time_profile_id") REFERENCES "public"."time_profiles"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "time_profile_periods" ADD CONSTRAINT "time_profile_periods_time_profile_id_time_profiles_id_fk" FOREIGN KEY ("time_profile_id") REFERENCES "public"."time_profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "account_contacts_contact_idx" ON "account_contacts" USING btree ("contact_id");--> statement-breakpoint
CREATE INDEX "account_equipment_equipment_idx" ON "account_equipment" USING btree ("equipment_id");--> statement-breakpoint
CREATE INDEX "account_rate_tables_rate_table_idx" ON "account_rate_tables" USING btree ("rate_table_id");--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_uuid_key" ON "accounts" USING btree ("uuid");--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_client_name_key" ON "accounts" USING btree ("client_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_external_id_key" ON "accounts" USING btree ("external_id");--> statement-breakpoint
CREATE INDEX "accounts_client_id_idx" ON "accounts" USING btree ("client_id","id");--> statement-breakpoint
CREATE INDEX "accounts_name_id_idx" ON "accounts" USING btree ("name","id");--> statement-breakpoint
CREATE INDEX "accounts_auth_type_idx" ON "accounts" USING btree ("auth_type");--> statement-breakpoint
CREATE INDEX "accounts_orig_routing_plan_id_idx" ON "accounts" USING btree ("orig_routing_plan_id");--> statement-breakpoint
CREATE INDEX "accounts_invoice_template_id_idx" ON "accounts" USING btree ("invoice_template_id");--> statement-breakpoint
CREATE INDEX "client_rate_tables_rate_table_idx" ON "client_rate_tables" USING btree ("rate_table_id");--> statement-breakpoint
CREATE INDEX "client_template_rate_tables_rate_table_idx" ON "client_template_rate_tables" USING btree ("rate_table_id");--> statement-breakpoint
CREATE UNIQUE INDEX "client_templates_partition_name_key" ON "client_templates" USING btree ("partition_id","name");--> statement-breakpoint
CREATE INDEX "client_templates_name_id_idx" ON "client_templates" USING btree ("name","id");--> statement-breakpoint
CREATE INDEX "client_templates_routing_plan_id_idx" ON "client_templates" USING btree ("routing_plan_id");--> statement-breakpoint
CREATE INDEX "client_templates_low_balance_profile_id_idx" ON "client_templates" USING btree ("low_balance_profile_id");--> statement-breakpoint
CREATE UNIQUE INDEX "code_decks_name_key" ON "code_decks" USING btree ("name");--> statement-breakpoint
CREATE UNIQUE INDEX "codes_deck_code_key" ON "codes" USING btree ("code_deck_id","code" varchar_pattern_ops);--> statement-breakpoint
CREATE INDEX "codes_deck_name_idx" ON "codes" USING btree ("code_deck_id","name","code");--> statement-breakpoint
CREATE INDEX "contacts_client_id_idx" ON "contacts" USING btree ("client_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "equipment_name_key" ON "equipment" USING btree ("name");--> statement-breakpoint
CREATE UNIQUE INDEX "invoice_templates_name_key" ON "invoice_templates" USING btree ("name");--> statement-breakpoint
CREATE UNIQUE INDEX "low_balance_profiles_partition_name_key" ON "low_balance_profiles" USING btree ("partition_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_terms_name_key" ON "payment_terms" USING btree ("name");--> statement-breakpoint
CREATE UNIQUE INDEX "rate_tables_partition_name_key" ON "rate_tables" USING btree ("partition_id","name");--> statement-breakpoint
CREATE INDEX "rate_tables_name_id_idx" ON "rate_tables" USING btree ("name","id");--> statement-breakpoint
CREATE INDEX "rate_tables_currency_id_idx" ON "rate_tables" USING btree ("currency_id");--> statement-breakpoint
CREATE INDEX "rate_tables_code_deck_id_idx" ON "rate_tables" USING btree ("code_deck_id");--> statement-breakpoint
CREATE INDEX "rate_tables_parent_id_idx" ON "rate_tables" USING btree ("parent_rate_table_id");--> statement-breakpoint
CREATE UNIQUE INDEX "rates_version_key" ON "rates" USING btree ("rate_table_id","code","tag","time_profile_id","effective_from");--> statement-breakpoint
CREATE INDEX "rates_table_id_idx" ON "rates" USING btree ("rate_table_id","id");--> statement-breakpoint
CREATE INDEX "rates_table_code_id_idx" ON "rates" USING btree ("rate_table_id","code" varchar_pattern_ops,"id");--> statement-breakpoint
CREATE INDEX "rates_table_effective_from_id_idx" ON "rates" USING btree ("rate_table_id","effective_from","id");--> statement-breakpoint
CREATE INDEX "rates_special_rate_id_idx" ON "rates" USING btree ("special_rate_id","id");--> statement-breakpoint
CREATE INDEX "rates_time_profile_id_idx" ON "rates" USING btree ("time_profile_id");--> statement-breakpoint
CREATE UNIQUE INDEX "routing_plans_name_key" ON "routing_plans" USING btree ("name");--> statement-breakpoint
CREATE INDEX "special_rates_table_id_idx" ON "special_rates" USING btree ("rate_table_id","id");--> statement-breakpoint
CREATE INDEX "special_rates_table_code_name_idx" ON "special_rates" USING btree ("rate_table_id","code_name");--> statement-breakpoint
CREATE INDEX "special_rates_time_profile_id_idx" ON "special_rates" USING btree ("time_profile_id");--> statement-breakpoint
CREATE INDEX "time_profile_periods_profile_idx" ON "time_profile_periods" USING btree ("time_profile_id");--> statement-breakpoint
CREATE UNIQUE INDEX "time_profiles_name_key" ON "time_profiles" USING btree ("name");--> statement-breakpoint
ALTER TABLE "clients" ADD CONSTRAINT "clients_routing_plan_id_routing_plans_id_fk" FOREIGN KEY ("routing_plan_id") REFERENCES "public"."routing_plans"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clients" ADD CONSTRAINT "clients_payment_term_id_payment_terms_id_fk" FOREIGN KEY ("payment_term_id") REFERENCES "public"."payment_terms"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "clients_routing_plan_id_idx" ON "clients" USING btree ("routing_plan_id");--> statement-breakpoint
CREATE INDEX "clients_payment_term_id_idx" ON "clients" USING btree ("payment_term_id");