CREATE TABLE `canned_reply_uses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`site_id` text NOT NULL,
	`reply_id` text NOT NULL,
	`conversation_id` text NOT NULL,
	`agent_id` text NOT NULL,
	`seq` integer NOT NULL,
	`used_at` integer NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reply_id`) REFERENCES `canned_replies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`agent_id`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `canned_reply_uses_site` ON `canned_reply_uses` (`site_id`,`used_at`);--> statement-breakpoint
CREATE INDEX `canned_reply_uses_conversation` ON `canned_reply_uses` (`conversation_id`);--> statement-breakpoint
CREATE INDEX `canned_reply_uses_reply` ON `canned_reply_uses` (`reply_id`);