CREATE TABLE `agent_departments` (
	`agent_id` text NOT NULL,
	`department_id` text NOT NULL,
	PRIMARY KEY(`agent_id`, `department_id`),
	FOREIGN KEY (`agent_id`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `agent_departments_department` ON `agent_departments` (`department_id`);--> statement-breakpoint
CREATE TABLE `conversation_guests` (
	`conversation_id` text NOT NULL,
	`agent_id` text NOT NULL,
	`joined_at` integer NOT NULL,
	PRIMARY KEY(`conversation_id`, `agent_id`),
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agent_id`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `conversation_guests_agent` ON `conversation_guests` (`agent_id`);--> statement-breakpoint
CREATE TABLE `departments` (
	`id` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`routing` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `departments_site_slug` ON `departments` (`site_id`,`slug`);--> statement-breakpoint
ALTER TABLE `agents` ADD `capacity` integer DEFAULT 3 NOT NULL;--> statement-breakpoint
ALTER TABLE `agents` ADD `availability` text DEFAULT 'online' NOT NULL;--> statement-breakpoint
ALTER TABLE `conversation_events` ADD `visitor_seq` integer;--> statement-breakpoint
ALTER TABLE `conversation_events` ADD `data` text;--> statement-breakpoint
CREATE UNIQUE INDEX `conversation_events_visitor_seq` ON `conversation_events` (`conversation_id`,`visitor_seq`) WHERE visitor_seq IS NOT NULL;--> statement-breakpoint
ALTER TABLE `conversations` ADD `department_id` text REFERENCES departments(id);--> statement-breakpoint
ALTER TABLE `conversations` ADD `assignee_id` text REFERENCES agents(id);--> statement-breakpoint
ALTER TABLE `conversations` ADD `queued_at` integer;--> statement-breakpoint
ALTER TABLE `conversations` ADD `queue_priority` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `conversations` ADD `awaiting_reply_since` integer;--> statement-breakpoint
ALTER TABLE `conversations` ADD `first_response_at` integer;--> statement-breakpoint
ALTER TABLE `conversations` ADD `last_visitor_seq` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `conversations_assignee_open` ON `conversations` (`assignee_id`) WHERE status = 'open';--> statement-breakpoint
CREATE INDEX `conversations_queue` ON `conversations` (`site_id`,`queue_priority`,`queued_at`) WHERE status = 'open' AND assignee_id IS NULL;--> statement-breakpoint
ALTER TABLE `sites` ADD `department_choice` integer DEFAULT false NOT NULL;--> statement-breakpoint
-- Before routing every event was the visitor's to see, and every open conversation waited for an agent.
UPDATE `conversation_events` SET `visitor_seq` = `seq`;--> statement-breakpoint
UPDATE `conversations` SET `last_visitor_seq` = `last_seq`;--> statement-breakpoint
UPDATE `conversations` SET `queued_at` = `created_at` WHERE `status` = 'open';
