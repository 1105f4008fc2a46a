CREATE TABLE "breakdown_counts" (
	"item_id" uuid NOT NULL,
	"dimension" text NOT NULL,
	"group_key" text NOT NULL,
	"question_id" text NOT NULL,
	"value_key" text NOT NULL,
	"shard" smallint DEFAULT 0 NOT NULL,
	"count" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "breakdown_counts_item_id_dimension_group_key_question_id_value_key_shard_pk" PRIMARY KEY("item_id","dimension","group_key","question_id","value_key","shard")
);
--> statement-breakpoint
ALTER TABLE "result_counts" DROP CONSTRAINT "result_counts_item_id_question_id_value_key_pk";--> statement-breakpoint
ALTER TABLE "result_counts" ADD COLUMN "shard" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "result_counts" ADD CONSTRAINT "result_counts_item_id_question_id_value_key_shard_pk" PRIMARY KEY("item_id","question_id","value_key","shard");--> statement-breakpoint
CREATE INDEX "current_answers_hidden_idx" ON "current_answers" USING btree ("item_id") WHERE "current_answers"."hidden";--> statement-breakpoint
-- hand-written
-- The breakdown tallies of the answers stored before them are counted by the data step
-- `breakdown_counts` (src/server/db/data-migrations.ts), with the question types' own tally keys.
INSERT INTO "pending_data_migrations" ("name") SELECT 'breakdown_counts' WHERE EXISTS (SELECT 1 FROM "current_answers");
