ALTER TABLE "guardian_tokens" ADD COLUMN "purpose" text DEFAULT 'guardian' NOT NULL;--> statement-breakpoint
ALTER TABLE "interests" ADD COLUMN "confirmed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "interests" ADD COLUMN "renewal_requested_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "items" ADD COLUMN "answers_anonymised_at" timestamp with time zone;