ALTER TABLE "items" ADD COLUMN "feedback_delay_reason" text;--> statement-breakpoint
ALTER TABLE "items" ADD COLUMN "feedback_first_due_at" timestamp with time zone;