CREATE TABLE `agent_status_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`site_id` text NOT NULL,
	`agent_id` text NOT NULL,
	`status` text NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agent_id`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `agent_status_changes_site_at` ON `agent_status_changes` (`site_id`,`at`);--> statement-breakpoint
CREATE INDEX `agent_status_changes_agent_at` ON `agent_status_changes` (`agent_id`,`at`);