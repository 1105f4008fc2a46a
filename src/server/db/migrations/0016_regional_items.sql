ALTER TABLE "current_answers" ADD COLUMN "municipality" text;--> statement-breakpoint
ALTER TABLE "items" ADD COLUMN "region" text;--> statement-breakpoint
ALTER TABLE "officials" ADD COLUMN "region" text;--> statement-breakpoint
ALTER TABLE "items" ADD CONSTRAINT "items_region_regions_slug_fk" FOREIGN KEY ("region") REFERENCES "public"."regions"("slug") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "officials" ADD CONSTRAINT "officials_region_regions_slug_fk" FOREIGN KEY ("region") REFERENCES "public"."regions"("slug") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "items_region_change_idx" ON "items" USING btree ("region","change_xid") WHERE region is not null;