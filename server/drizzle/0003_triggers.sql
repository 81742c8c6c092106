CREATE TABLE `trigger_firings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`site_id` text NOT NULL,
	`rule_id` text NOT NULL,
	`visitor_id` text NOT NULL,
	`firing_id` text NOT NULL,
	`outcome` text NOT NULL,
	`at` integer NOT NULL,
	`opened_at` integer,
	`replied_at` integer,
	`conversation_id` text,
	`answered_at` integer,
	`checkout_at` integer,
	`purchase_at` integer,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`visitor_id`) REFERENCES `visitors`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `trigger_firings_visitor_firing` ON `trigger_firings` (`visitor_id`,`firing_id`);--> statement-breakpoint
CREATE INDEX `trigger_firings_rule_at` ON `trigger_firings` (`rule_id`,`at`);--> statement-breakpoint
CREATE INDEX `trigger_firings_visitor_at` ON `trigger_firings` (`visitor_id`,`at`);--> statement-breakpoint
CREATE INDEX `trigger_firings_conversation` ON `trigger_firings` (`conversation_id`) WHERE conversation_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX `trigger_firings_site_at` ON `trigger_firings` (`site_id`,`at`);--> statement-breakpoint
CREATE TABLE `trigger_rules` (
	`id` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`position` integer NOT NULL,
	`name` text NOT NULL,
	`enabled` integer NOT NULL,
	`conditions` text NOT NULL,
	`action` text NOT NULL,
	`frequency` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `trigger_rules_site` ON `trigger_rules` (`site_id`,`position`);--> statement-breakpoint
ALTER TABLE `conversations` ADD `tags` text DEFAULT '[]' NOT NULL;