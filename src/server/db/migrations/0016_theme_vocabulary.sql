-- hand-written
-- One vocabulary (issue 10): an item's theme must be one of its municipality's themes. Existing
-- items and Benader mij registrations keep the themes they have: a theme the municipality's list
-- lacks (compared without regard to case, e.g. "jeugd" from the old back-office hint) is added to
-- that list, once and spelled as its first spelling in code-point order, so nothing is lost and invitations still match.
UPDATE "municipalities" m SET "themes" = m."themes" || extra."terms"
FROM (
  SELECT found."municipality", jsonb_agg(found."theme" ORDER BY found."theme" COLLATE "C") AS "terms"
  FROM (
    SELECT u."municipality", min(u."theme" COLLATE "C") AS "theme"
    FROM (
      SELECT "municipality", trim("theme") AS "theme" FROM "items"
      UNION ALL
      SELECT i."municipality", trim(t."theme") FROM "interests" i CROSS JOIN LATERAL jsonb_array_elements_text(i."themes") AS t("theme") WHERE i."status" <> 'withdrawn'
    ) u
    WHERE u."theme" <> '' AND NOT EXISTS (
      SELECT 1 FROM "municipalities" m2 CROSS JOIN LATERAL jsonb_array_elements_text(m2."themes") AS v("term")
      WHERE m2."slug" = u."municipality" AND lower(v."term") = lower(u."theme")
    )
    GROUP BY u."municipality", lower(u."theme")
  ) found
  GROUP BY found."municipality"
) extra
WHERE m."slug" = extra."municipality";--> statement-breakpoint
-- An item whose theme differs from the list only in case takes the list's spelling (and counts as
-- changed, so residents' copies follow).
UPDATE "items" i SET "theme" = v."term", "change_xid" = pg_current_xact_id()
FROM "municipalities" m CROSS JOIN LATERAL jsonb_array_elements_text(m."themes") AS v("term")
WHERE m."slug" = i."municipality" AND lower(v."term") = lower(trim(i."theme")) AND v."term" <> i."theme";
