CREATE TABLE `product_catalog` (
	`site_id` text NOT NULL,
	`url` text NOT NULL,
	`name` text NOT NULL,
	`sku` text,
	`price` real,
	`currency` text,
	`image` text,
	`last_seen_at` integer NOT NULL,
	PRIMARY KEY(`site_id`, `url`),
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `product_catalog_recent` ON `product_catalog` (`site_id`,`last_seen_at`);