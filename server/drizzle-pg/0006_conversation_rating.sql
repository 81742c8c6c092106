ALTER TABLE "conversations" ADD COLUMN "rating" jsonb;--> statement-breakpoint
-- Backfill: each conversation's latest rating, as the console showed it (edited by hand after drizzle-kit generate).
UPDATE "conversations" SET "rating" = (
	SELECT jsonb_build_object('score', "score", 'comment', "comment", 'createdAt', "created_at") FROM "conversation_ratings"
	WHERE "conversation_ratings"."conversation_id" = "conversations"."id"
	ORDER BY "created_at" DESC, "round" DESC, "id" DESC LIMIT 1
) WHERE "id" IN (SELECT "conversation_id" FROM "conversation_ratings");
