DROP INDEX "items_municipality_seq_idx";--> statement-breakpoint
ALTER TABLE "device_messages" ADD COLUMN "created_xid" "xid8" DEFAULT pg_current_xact_id() NOT NULL;--> statement-breakpoint
ALTER TABLE "feedback" ADD COLUMN "created_xid" "xid8" DEFAULT pg_current_xact_id() NOT NULL;--> statement-breakpoint
ALTER TABLE "items" ADD COLUMN "change_xid" "xid8" DEFAULT pg_current_xact_id() NOT NULL;--> statement-breakpoint
ALTER TABLE "table_details" ADD COLUMN "advice_xid" "xid8";--> statement-breakpoint
CREATE INDEX "items_municipality_change_idx" ON "items" USING btree ("municipality","change_xid");--> statement-breakpoint
ALTER TABLE "items" DROP COLUMN "change_seq";--> statement-breakpoint
DROP SEQUENCE "public"."item_change_seq";