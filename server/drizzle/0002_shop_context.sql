CREATE TABLE `cart_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`visitor_id` text NOT NULL,
	`at` integer NOT NULL,
	`change` text NOT NULL,
	`item_name` text,
	`item_sku` text,
	`qty` integer,
	`total` real NOT NULL,
	`currency` text NOT NULL,
	FOREIGN KEY (`visitor_id`) REFERENCES `visitors`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `cart_events_visitor` ON `cart_events` (`visitor_id`,`at`);--> statement-breakpoint
CREATE TABLE `carts` (
	`visitor_id` text PRIMARY KEY NOT NULL,
	`cart` text NOT NULL,
	`stage` text NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`visitor_id`) REFERENCES `visitors`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `customers` (
	`id` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`external_id` text NOT NULL,
	`name` text,
	`email` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `customers_site_external` ON `customers` (`site_id`,`external_id`);--> statement-breakpoint
CREATE TABLE `page_views` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`visitor_id` text NOT NULL,
	`url` text NOT NULL,
	`title` text NOT NULL,
	`referrer` text NOT NULL,
	`product` text,
	`started_at` integer NOT NULL,
	`seconds` integer NOT NULL,
	FOREIGN KEY (`visitor_id`) REFERENCES `visitors`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `page_views_visitor` ON `page_views` (`visitor_id`,`started_at`);--> statement-breakpoint
ALTER TABLE `conversations` ADD `origin` text DEFAULT 'visitor' NOT NULL;--> statement-breakpoint
ALTER TABLE `sites` ADD `typing_preview` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `sites` ADD `identity_enforced` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `sites` ADD `identity_secret` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `visitors` ADD `visits` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `visitors` ADD `visit_started_at` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `visitors` ADD `customer_id` text REFERENCES customers(id);--> statement-breakpoint
ALTER TABLE `visitors` ADD `claimed_name` text;--> statement-breakpoint
ALTER TABLE `visitors` ADD `claimed_email` text;--> statement-breakpoint
ALTER TABLE `visitors` ADD `device` text;--> statement-breakpoint
ALTER TABLE `visitors` ADD `language` text;--> statement-breakpoint
ALTER TABLE `visitors` ADD `time_zone` text;--> statement-breakpoint
CREATE INDEX `visitors_customer` ON `visitors` (`customer_id`);