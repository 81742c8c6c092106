-- Before the indexes (edited by hand after drizzle-kit generate): a shortcut taken twice by two writes that raced
-- keeps its oldest reply; each later one gets its place among the duplicates and the end of its id appended.
UPDATE "canned_replies" AS "c" SET "shortcut" = "c"."shortcut" || "d"."n"::text || right("c"."id", 4)
FROM (
	SELECT "id", row_number() OVER (PARTITION BY "site_id", "owner_id", "shortcut" ORDER BY "created_at", "id") AS "n"
	FROM "canned_replies"
) AS "d"
WHERE "d"."id" = "c"."id" AND "d"."n" > 1;--> statement-breakpoint
CREATE UNIQUE INDEX "canned_replies_shared_shortcut" ON "canned_replies" USING btree ("site_id","shortcut") WHERE owner_id IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "canned_replies_own_shortcut" ON "canned_replies" USING btree ("site_id","owner_id","shortcut") WHERE owner_id IS NOT NULL;