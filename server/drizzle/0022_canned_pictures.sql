ALTER TABLE `attachments` ADD `canned_reply_id` text;--> statement-breakpoint
CREATE INDEX `attachments_canned_reply` ON `attachments` (`canned_reply_id`) WHERE canned_reply_id IS NOT NULL;