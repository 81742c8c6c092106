CREATE TABLE `inbound_webhook_tokens` (
	`token` text PRIMARY KEY NOT NULL,
	`seen_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `inbound_webhook_tokens_seen` ON `inbound_webhook_tokens` (`seen_at`);