CREATE TABLE "municipality_logos" (
	"municipality" text PRIMARY KEY NOT NULL,
	"content_type" text NOT NULL,
	"bytes" "bytea" NOT NULL,
	"sha256" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "regions" (
	"slug" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "municipality_logos" ADD CONSTRAINT "municipality_logos_municipality_municipalities_slug_fk" FOREIGN KEY ("municipality") REFERENCES "public"."municipalities"("slug") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Regions were a name on each municipality; they become rows, and municipalities refer to them by slug.
INSERT INTO "regions" ("slug", "name")
  SELECT DISTINCT trim(both '-' from regexp_replace(lower("region"), '[^a-z0-9]+', '-', 'g')), "region"
  FROM "municipalities" WHERE "region" IS NOT NULL
  ON CONFLICT DO NOTHING;--> statement-breakpoint
UPDATE "municipalities" SET "region" = trim(both '-' from regexp_replace(lower("region"), '[^a-z0-9]+', '-', 'g')) WHERE "region" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "municipalities" ADD CONSTRAINT "municipalities_region_regions_slug_fk" FOREIGN KEY ("region") REFERENCES "public"."regions"("slug") ON DELETE no action ON UPDATE no action;