ALTER TABLE "feedback" ADD COLUMN "reason" text;--> statement-breakpoint
ALTER TABLE "feedback" ADD COLUMN "recommendations" jsonb;--> statement-breakpoint
ALTER TABLE "feedback" ADD COLUMN "corrects_id" uuid;--> statement-breakpoint
ALTER TABLE "feedback" ADD COLUMN "official_id" uuid;--> statement-breakpoint
CREATE INDEX "current_answers_device_idx" ON "current_answers" USING btree ("device_key");