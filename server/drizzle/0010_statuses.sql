ALTER TABLE `conversations` ADD `hold` text;--> statement-breakpoint
ALTER TABLE `conversations` ADD `snoozed_until` integer;--> statement-breakpoint
ALTER TABLE `conversations` ADD `missed_at` integer;--> statement-breakpoint
ALTER TABLE `conversations` ADD `visitor_left_at` integer;--> statement-breakpoint
CREATE INDEX `conversations_snoozed` ON `conversations` (`snoozed_until`) WHERE status = 'open' AND hold = 'snoozed';--> statement-breakpoint
CREATE INDEX `conversations_missed` ON `conversations` (`site_id`,`missed_at`) WHERE missed_at IS NOT NULL;