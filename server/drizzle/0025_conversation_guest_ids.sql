ALTER TABLE `conversations` ADD `guest_ids` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
-- Backfill: each conversation's guests, in the order they joined (edited by hand after drizzle-kit generate).
UPDATE `conversations` SET `guest_ids` = (
	SELECT json_group_array(`agent_id`) FROM (
		SELECT `agent_id` FROM `conversation_guests` WHERE `conversation_guests`.`conversation_id` = `conversations`.`id` ORDER BY `joined_at`, `agent_id`
	)
) WHERE `id` IN (SELECT `conversation_id` FROM `conversation_guests`);
