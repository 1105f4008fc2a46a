-- Issue 13, small groups: published draw records (version 1) listed each registrant's area, age
-- band and "client or experience expert" flag next to their hash, which in a small neighbourhood
-- points to people who rely on care. Every stored record becomes version 2: the hashes only (in
-- the same order), categories only as counts (a count is kept only when it and the rest of its
-- group are both at least 5 people, otherwise null), shortfall counts likewise, and
-- `perPersonFieldsRemovedAt`. `npm run verify-draw` checks such a record for membership, panel
-- size and counts; its order came from algorithm version 1 with the categories, so it can no
-- longer be re-checked (the command says so). Copies downloaded before remain version 1 files
-- and still verify in full. First-come records had no per-person fields; their shortfall counts
-- are suppressed the same way.
-- hand-written
WITH old AS (
  SELECT item_id, draw_record AS r FROM table_details
  WHERE draw_record->>'version' = '1' AND jsonb_typeof(draw_record->'registrants') = 'array'
), people AS (
  SELECT o.item_id, e.person, e.ord
  FROM old o, jsonb_array_elements(o.r->'registrants') WITH ORDINALITY AS e(person, ord)
), counts AS (
  SELECT o.item_id, c.category,
    (SELECT count(*) FROM people p WHERE p.item_id = o.item_id AND (p.person->'categories') ? c.category) AS registered,
    (SELECT count(*) FROM people p WHERE p.item_id = o.item_id AND (p.person->'categories') ? c.category AND (o.r->'panel') ? (p.person->>'hash')) AS selected,
    jsonb_array_length(o.r->'registrants') AS n,
    jsonb_array_length(o.r->'panel') AS seats
  FROM old o CROSS JOIN (VALUES ('client_or_expert'), ('youth')) AS c(category)
)
UPDATE table_details t SET draw_record = (o.r - 'registrants' - 'shortfalls') || jsonb_build_object(
  'version', 2,
  'registrants', (SELECT coalesce(jsonb_agg(p.person->'hash' ORDER BY p.ord), '[]'::jsonb) FROM people p WHERE p.item_id = o.item_id),
  'categories', (SELECT jsonb_agg(jsonb_build_object(
      'category', c.category,
      'registered', CASE WHEN c.registered >= 5 AND c.n - c.registered >= 5 THEN to_jsonb(c.registered) ELSE 'null'::jsonb END,
      'selected', CASE WHEN c.selected >= 5 AND c.seats - c.selected >= 5 THEN to_jsonb(c.selected) ELSE 'null'::jsonb END
    ) ORDER BY c.category) FROM counts c WHERE c.item_id = o.item_id),
  'shortfalls', (SELECT coalesce(jsonb_agg(CASE
      WHEN (s->>'available')::int >= 5 AND jsonb_array_length(o.r->'registrants') - (s->>'available')::int >= 5 THEN s
      ELSE s || '{"available": null}'::jsonb END), '[]'::jsonb)
    FROM jsonb_array_elements(o.r->'shortfalls') AS s),
  'perPersonFieldsRemovedAt', to_jsonb(to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
)
FROM old o WHERE t.item_id = o.item_id;
--> statement-breakpoint
UPDATE table_details SET draw_record = (draw_record - 'shortfalls') || jsonb_build_object(
  'version', 2,
  'shortfalls', (SELECT coalesce(jsonb_agg(CASE
      WHEN (s->>'available')::int >= 5 AND jsonb_array_length(draw_record->'panel') + jsonb_array_length(draw_record->'waitlist') - (s->>'available')::int >= 5 THEN s
      ELSE s || '{"available": null}'::jsonb END), '[]'::jsonb)
    FROM jsonb_array_elements(draw_record->'shortfalls') AS s)
)
WHERE draw_record->>'version' = '1' AND draw_record->>'algorithmVersion' = 'meepraat-first-come/1';
