CREATE TABLE "contacts" (
	"owner_id" uuid PRIMARY KEY NOT NULL,
	"owner_kind" text NOT NULL,
	"name" text NOT NULL,
	"channel" text NOT NULL,
	"value" text NOT NULL,
	"guardian_email" text,
	"purpose" text NOT NULL,
	"consent_version" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "device_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"device_key" text NOT NULL,
	"item_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "guardian_tokens" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"owner_id" uuid NOT NULL,
	"owner_kind" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"confirmed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "interests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"municipality" text NOT NULL,
	"device_key" text NOT NULL,
	"revision" integer NOT NULL,
	"status" text NOT NULL,
	"themes" jsonb NOT NULL,
	"age_band" text NOT NULL,
	"area" text,
	"consent_version" text NOT NULL,
	"consented_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "table_details" (
	"item_id" uuid PRIMARY KEY NOT NULL,
	"assignment" jsonb NOT NULL,
	"advice" jsonb,
	"advice_published_at" timestamp with time zone,
	"drawn_at" timestamp with time zone,
	"draw_record" jsonb
);
--> statement-breakpoint
CREATE TABLE "table_signups" (
	"id" uuid PRIMARY KEY NOT NULL,
	"item_id" uuid NOT NULL,
	"device_key" text NOT NULL,
	"revision" integer NOT NULL,
	"status" text NOT NULL,
	"age_band" text NOT NULL,
	"area" text,
	"roles" jsonb NOT NULL,
	"motivation" text,
	"accessibility_needs" text,
	"consent_version" text NOT NULL,
	"consented_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"draw_position" integer
);
--> statement-breakpoint
ALTER TABLE "municipalities" ADD COLUMN "retention_non_selected_days" integer DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE "municipalities" ADD COLUMN "retention_member_days" integer DEFAULT 90 NOT NULL;--> statement-breakpoint
ALTER TABLE "interests" ADD CONSTRAINT "interests_municipality_municipalities_slug_fk" FOREIGN KEY ("municipality") REFERENCES "public"."municipalities"("slug") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "table_details" ADD CONSTRAINT "table_details_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "table_signups" ADD CONSTRAINT "table_signups_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "device_messages_device_idx" ON "device_messages" USING btree ("device_key","at");--> statement-breakpoint
CREATE INDEX "interests_municipality_idx" ON "interests" USING btree ("municipality","status");--> statement-breakpoint
CREATE INDEX "interests_device_idx" ON "interests" USING btree ("device_key");--> statement-breakpoint
CREATE INDEX "table_signups_item_idx" ON "table_signups" USING btree ("item_id","status");--> statement-breakpoint
CREATE INDEX "table_signups_device_idx" ON "table_signups" USING btree ("device_key");