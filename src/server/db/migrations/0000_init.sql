CREATE SEQUENCE "public"."item_change_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "current_answers" (
	"item_id" uuid NOT NULL,
	"device_key" text NOT NULL,
	"submission_id" uuid NOT NULL,
	"answered_at" timestamp with time zone NOT NULL,
	"answers" jsonb NOT NULL,
	"age_band" text,
	"area" text,
	"hidden" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "current_answers_item_id_device_key_pk" PRIMARY KEY("item_id","device_key")
);
--> statement-breakpoint
CREATE TABLE "feedback" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"item_id" uuid NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"outcome" text NOT NULL,
	"summary" text NOT NULL,
	"body" text,
	"decision_url" text
);
--> statement-breakpoint
CREATE TABLE "items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"body" text,
	"theme" text NOT NULL,
	"ladder" text NOT NULL,
	"phase" text NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"feedback_due_at" timestamp with time zone NOT NULL,
	"results_visibility" text DEFAULT 'direct' NOT NULL,
	"questions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"published_at" timestamp with time zone,
	"change_seq" bigint DEFAULT nextval('item_change_seq') NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "municipalities" (
	"slug" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"region" text,
	"areas" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "result_counts" (
	"item_id" uuid NOT NULL,
	"question_id" text NOT NULL,
	"value_key" text NOT NULL,
	"count" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "result_counts_item_id_question_id_value_key_pk" PRIMARY KEY("item_id","question_id","value_key")
);
--> statement-breakpoint
CREATE TABLE "submission_receipts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"item_id" uuid NOT NULL,
	"device_key" text NOT NULL,
	"answered_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "current_answers" ADD CONSTRAINT "current_answers_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "items" ADD CONSTRAINT "items_municipality_municipalities_slug_fk" FOREIGN KEY ("municipality") REFERENCES "public"."municipalities"("slug") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "feedback_item_idx" ON "feedback" USING btree ("item_id","published_at");--> statement-breakpoint
CREATE INDEX "items_municipality_seq_idx" ON "items" USING btree ("municipality","change_seq");