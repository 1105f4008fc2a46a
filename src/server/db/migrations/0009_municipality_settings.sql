ALTER TABLE "municipalities" ADD COLUMN "themes" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "municipalities" ADD COLUMN "settings" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
-- Existing municipalities start with the four themes of the social domain, so their officials can publish at once.
UPDATE "municipalities" SET "themes" = '["opgroeien","meedoen","rondkomen","wonen en vervoer"]'::jsonb WHERE "themes" = '[]'::jsonb;
