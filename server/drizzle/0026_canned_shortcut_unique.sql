-- Before the indexes (edited by hand after drizzle-kit generate): a shortcut taken twice by two writes that raced
-- keeps its oldest reply; each later one gets its place among the duplicates and the end of its id appended.
UPDATE `canned_replies` SET `shortcut` = `shortcut` || (
	SELECT count(*) + 1 FROM `canned_replies` `o`
	WHERE `o`.`site_id` = `canned_replies`.`site_id` AND `o`.`shortcut` = `canned_replies`.`shortcut` AND `o`.`owner_id` IS `canned_replies`.`owner_id`
		AND (`o`.`created_at` < `canned_replies`.`created_at` OR (`o`.`created_at` = `canned_replies`.`created_at` AND `o`.`id` < `canned_replies`.`id`))
) || substr(`id`, -4)
WHERE EXISTS (
	SELECT 1 FROM `canned_replies` `o`
	WHERE `o`.`site_id` = `canned_replies`.`site_id` AND `o`.`shortcut` = `canned_replies`.`shortcut` AND `o`.`owner_id` IS `canned_replies`.`owner_id`
		AND (`o`.`created_at` < `canned_replies`.`created_at` OR (`o`.`created_at` = `canned_replies`.`created_at` AND `o`.`id` < `canned_replies`.`id`))
);--> statement-breakpoint
CREATE UNIQUE INDEX `canned_replies_shared_shortcut` ON `canned_replies` (`site_id`,`shortcut`) WHERE owner_id IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `canned_replies_own_shortcut` ON `canned_replies` (`site_id`,`owner_id`,`shortcut`) WHERE owner_id IS NOT NULL;