-- hand-written
-- Device keys were one plain hash of the device id for every purpose. Rows stored that way are
-- re-keyed per purpose by a JavaScript step after the migrations (it needs DEVICE_KEY_SECRET):
-- src/server/db/data-migrations.ts. A database without such rows has nothing to do.
INSERT INTO "pending_data_migrations" ("name")
  SELECT 'device_keys_per_purpose'
  WHERE EXISTS (SELECT 1 FROM "submission_receipts") OR EXISTS (SELECT 1 FROM "current_answers")
     OR EXISTS (SELECT 1 FROM "table_signups") OR EXISTS (SELECT 1 FROM "interests") OR EXISTS (SELECT 1 FROM "device_messages");
