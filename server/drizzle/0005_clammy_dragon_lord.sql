CREATE TABLE `business_hours` (
	`site_id` text NOT NULL,
	`scope` text NOT NULL,
	`schedule` text NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`site_id`, `scope`),
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action
);
