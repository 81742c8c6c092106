CREATE TABLE `conversation_ratings` (
	`id` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`conversation_id` text NOT NULL,
	`visitor_id` text NOT NULL,
	`round` integer NOT NULL,
	`score` integer NOT NULL,
	`comment` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`visitor_id`) REFERENCES `visitors`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `conversation_ratings_round` ON `conversation_ratings` (`conversation_id`,`round`);--> statement-breakpoint
CREATE INDEX `conversation_ratings_site` ON `conversation_ratings` (`site_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `conversation_ratings_visitor` ON `conversation_ratings` (`visitor_id`);--> statement-breakpoint
CREATE TABLE `nps_responses` (
	`id` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`visitor_id` text NOT NULL,
	`customer_id` text,
	`score` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`visitor_id`) REFERENCES `visitors`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `nps_responses_visitor` ON `nps_responses` (`visitor_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `nps_responses_customer` ON `nps_responses` (`customer_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `nps_responses_site` ON `nps_responses` (`site_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `sites` ADD `rating_enabled` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `sites` ADD `rating_ask_again` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `sites` ADD `nps_enabled` integer DEFAULT false NOT NULL;