CREATE TABLE "item_email_alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"item_id" uuid NOT NULL,
	"device_key" text NOT NULL,
	"email" text NOT NULL,
	"language" text NOT NULL,
	"consent_version" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"confirmed_at" timestamp with time zone,
	"confirm_token_hash" text,
	"unsubscribe_token_hash" text NOT NULL,
	CONSTRAINT "item_email_alerts_confirm_token_hash_unique" UNIQUE("confirm_token_hash"),
	CONSTRAINT "item_email_alerts_unsubscribe_token_hash_unique" UNIQUE("unsubscribe_token_hash")
);
--> statement-breakpoint
CREATE TABLE "network_invitations" (
	"item_id" uuid NOT NULL,
	"interest_id" uuid NOT NULL,
	"invited_at" timestamp with time zone NOT NULL,
	CONSTRAINT "network_invitations_item_id_interest_id_pk" PRIMARY KEY("item_id","interest_id")
);
--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "language" text;--> statement-breakpoint
ALTER TABLE "item_email_alerts" ADD CONSTRAINT "item_email_alerts_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_invitations" ADD CONSTRAINT "network_invitations_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "item_email_alerts_device_item_unique" ON "item_email_alerts" USING btree ("device_key","item_id");--> statement-breakpoint
CREATE INDEX "item_email_alerts_item_idx" ON "item_email_alerts" USING btree ("item_id");--> statement-breakpoint
CREATE INDEX "network_invitations_interest_idx" ON "network_invitations" USING btree ("interest_id");