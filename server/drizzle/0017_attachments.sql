CREATE TABLE `attachments` (
	`id` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`uploader_kind` text NOT NULL,
	`uploader_id` text NOT NULL,
	`client_id` text NOT NULL,
	`visitor_id` text,
	`conversation_id` text,
	`seq` integer,
	`name` text NOT NULL,
	`mime` text NOT NULL,
	`type` text NOT NULL,
	`size` integer NOT NULL,
	`storage_key` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `attachments_uploader_client` ON `attachments` (`site_id`,`uploader_id`,`client_id`);--> statement-breakpoint
CREATE INDEX `attachments_conversation` ON `attachments` (`conversation_id`);--> statement-breakpoint
CREATE INDEX `attachments_visitor` ON `attachments` (`site_id`,`visitor_id`);--> statement-breakpoint
ALTER TABLE `sites` ADD `attachment_max_mb` integer DEFAULT 20 NOT NULL;--> statement-breakpoint
ALTER TABLE `sites` ADD `attachment_types` text DEFAULT '["image","pdf","text","office","archive"]' NOT NULL;--> statement-breakpoint
ALTER TABLE `sites` ADD `visitor_uploads` integer DEFAULT true NOT NULL;