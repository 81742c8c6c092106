CREATE TABLE `agent_pictures` (
	`id` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`agent_id` text NOT NULL,
	`content_type` text NOT NULL,
	`bytes` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agent_id`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `agent_pictures_agent` ON `agent_pictures` (`agent_id`);