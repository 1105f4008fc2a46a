CREATE TABLE "advice_recommendations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"advice_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"text" text NOT NULL,
	"decision" text,
	"explanation" text
);
--> statement-breakpoint
CREATE TABLE "agenda_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agenda_id" uuid NOT NULL,
	"municipality" text NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"theme" text NOT NULL,
	"phase" text NOT NULL,
	"ladder" text NOT NULL,
	"forms" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"planned_quarter" integer NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"outcome" text,
	"position" integer DEFAULT 0 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "approach_proposals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agenda_entry_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"forms" jsonb NOT NULL,
	"ladder" text NOT NULL,
	"reach" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "council_advice" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality" text NOT NULL,
	"kind" text NOT NULL,
	"item_id" uuid,
	"agenda_entry_id" uuid,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"author_id" uuid NOT NULL,
	"submitted_at" timestamp with time zone,
	"response_due_at" timestamp with time zone,
	"response_summary" text,
	"responded_at" timestamp with time zone,
	"responded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "council_meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"place" text,
	"online_url" text,
	"minutes" text,
	"agreements" text,
	"published_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_topics" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"documents" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"signal_id" uuid,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "participation_agendas" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality" text NOT NULL,
	"year" integer NOT NULL,
	"intro" text,
	"published_at" timestamp with time zone,
	"published_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "partner_organisations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "signal_comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"signal_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "signal_supports" (
	"signal_id" uuid NOT NULL,
	"device_key" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "signal_supports_signal_id_device_key_pk" PRIMARY KEY("signal_id","device_key")
);
--> statement-breakpoint
CREATE TABLE "signals" (
	"id" uuid PRIMARY KEY NOT NULL,
	"municipality" text NOT NULL,
	"device_key" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"theme" text,
	"area" text,
	"created_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"moderation" text DEFAULT 'pending' NOT NULL,
	"hidden_reason" text,
	"moderated_by" uuid,
	"moderated_at" timestamp with time zone,
	"redacted_at" timestamp with time zone,
	"status" text DEFAULT 'received' NOT NULL,
	"status_reason" text,
	"response" text,
	"responded_at" timestamp with time zone,
	"responded_by" uuid,
	"response_due_at" timestamp with time zone NOT NULL,
	"agenda_id" uuid,
	"agenda_entry_id" uuid,
	"item_id" uuid,
	"meeting_id" uuid,
	"support_count" integer DEFAULT 0 NOT NULL,
	"wants_contact" boolean DEFAULT false NOT NULL,
	"change_xid" "xid8" DEFAULT pg_current_xact_id() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "current_answers" ADD COLUMN "channel" text DEFAULT 'app' NOT NULL;--> statement-breakpoint
ALTER TABLE "current_answers" ADD COLUMN "partner_id" uuid;--> statement-breakpoint
ALTER TABLE "items" ADD COLUMN "agenda_entry_id" uuid;--> statement-breakpoint
ALTER TABLE "advice_recommendations" ADD CONSTRAINT "advice_recommendations_advice_id_council_advice_id_fk" FOREIGN KEY ("advice_id") REFERENCES "public"."council_advice"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_entries" ADD CONSTRAINT "agenda_entries_agenda_id_participation_agendas_id_fk" FOREIGN KEY ("agenda_id") REFERENCES "public"."participation_agendas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_entries" ADD CONSTRAINT "agenda_entries_municipality_municipalities_slug_fk" FOREIGN KEY ("municipality") REFERENCES "public"."municipalities"("slug") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approach_proposals" ADD CONSTRAINT "approach_proposals_agenda_entry_id_agenda_entries_id_fk" FOREIGN KEY ("agenda_entry_id") REFERENCES "public"."agenda_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_advice" ADD CONSTRAINT "council_advice_municipality_municipalities_slug_fk" FOREIGN KEY ("municipality") REFERENCES "public"."municipalities"("slug") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_meetings" ADD CONSTRAINT "council_meetings_municipality_municipalities_slug_fk" FOREIGN KEY ("municipality") REFERENCES "public"."municipalities"("slug") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_topics" ADD CONSTRAINT "meeting_topics_meeting_id_council_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."council_meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_agendas" ADD CONSTRAINT "participation_agendas_municipality_municipalities_slug_fk" FOREIGN KEY ("municipality") REFERENCES "public"."municipalities"("slug") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_organisations" ADD CONSTRAINT "partner_organisations_municipality_municipalities_slug_fk" FOREIGN KEY ("municipality") REFERENCES "public"."municipalities"("slug") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signal_comments" ADD CONSTRAINT "signal_comments_signal_id_signals_id_fk" FOREIGN KEY ("signal_id") REFERENCES "public"."signals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signal_supports" ADD CONSTRAINT "signal_supports_signal_id_signals_id_fk" FOREIGN KEY ("signal_id") REFERENCES "public"."signals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signals" ADD CONSTRAINT "signals_municipality_municipalities_slug_fk" FOREIGN KEY ("municipality") REFERENCES "public"."municipalities"("slug") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "advice_recommendations_position_unique" ON "advice_recommendations" USING btree ("advice_id","position");--> statement-breakpoint
CREATE INDEX "agenda_entries_agenda_idx" ON "agenda_entries" USING btree ("agenda_id","position");--> statement-breakpoint
CREATE INDEX "approach_proposals_entry_idx" ON "approach_proposals" USING btree ("agenda_entry_id");--> statement-breakpoint
CREATE INDEX "council_advice_municipality_idx" ON "council_advice" USING btree ("municipality","submitted_at");--> statement-breakpoint
CREATE INDEX "council_meetings_municipality_idx" ON "council_meetings" USING btree ("municipality","starts_at");--> statement-breakpoint
CREATE INDEX "meeting_topics_meeting_idx" ON "meeting_topics" USING btree ("meeting_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "participation_agendas_year_unique" ON "participation_agendas" USING btree ("municipality","year");--> statement-breakpoint
CREATE UNIQUE INDEX "partner_organisations_name_unique" ON "partner_organisations" USING btree ("municipality","name");--> statement-breakpoint
CREATE INDEX "signal_comments_signal_idx" ON "signal_comments" USING btree ("signal_id","created_at");--> statement-breakpoint
CREATE INDEX "signal_supports_device_idx" ON "signal_supports" USING btree ("device_key");--> statement-breakpoint
CREATE INDEX "signals_municipality_idx" ON "signals" USING btree ("municipality","moderation","status");--> statement-breakpoint
CREATE INDEX "signals_device_idx" ON "signals" USING btree ("device_key","change_xid");--> statement-breakpoint
CREATE INDEX "signals_due_idx" ON "signals" USING btree ("municipality","response_due_at") WHERE responded_at is null;