ALTER TABLE "contacts" DROP CONSTRAINT "contacts_pkey";--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_owner_kind_owner_id_pk" PRIMARY KEY("owner_kind","owner_id");--> statement-breakpoint
CREATE UNIQUE INDEX "feedback_corrects_unique" ON "feedback" USING btree ("corrects_id") WHERE corrects_id is not null;
