CREATE TABLE `agent_recovery_codes` (
	`code_hash` text PRIMARY KEY NOT NULL,
	`agent_id` text NOT NULL,
	`used_at` integer,
	FOREIGN KEY (`agent_id`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `agent_recovery_codes_agent` ON `agent_recovery_codes` (`agent_id`);--> statement-breakpoint
ALTER TABLE `agent_sessions` ADD `last_seen_at` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `agent_sessions` ADD `user_agent` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `agents` ADD `active` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `agents` ADD `totp_secret` text;--> statement-breakpoint
ALTER TABLE `agents` ADD `totp_last_step` integer;