ALTER TABLE `attachments` ADD `thumb_state` text;--> statement-breakpoint
ALTER TABLE `attachments` ADD `thumb_key` text;--> statement-breakpoint
ALTER TABLE `attachments` ADD `thumb_attempts` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `attachments_thumb_pending` ON `attachments` (`created_at`) WHERE "attachments"."thumb_state" = 'pending';--> statement-breakpoint
UPDATE `attachments` SET `thumb_state` = 'pending' WHERE `type` = 'image';
