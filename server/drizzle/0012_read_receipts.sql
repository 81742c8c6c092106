ALTER TABLE `conversations` ADD `visitor_read_seq` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `conversations` ADD `agent_read_seq` integer DEFAULT 0 NOT NULL;