ALTER TABLE "conversations" ADD COLUMN "guest_ids" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
-- Backfill: each conversation's guests, in the order they joined (edited by hand after drizzle-kit generate).
UPDATE "conversations" SET "guest_ids" = (
	SELECT jsonb_agg("agent_id" ORDER BY "joined_at", "agent_id") FROM "conversation_guests" WHERE "conversation_guests"."conversation_id" = "conversations"."id"
) WHERE "id" IN (SELECT "conversation_id" FROM "conversation_guests");
