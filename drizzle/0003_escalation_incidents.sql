CREATE TABLE `escalation_policies` (
	`row_id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`policy_id` text NOT NULL,
	`team_id` text NOT NULL,
	`name` text NOT NULL,
	`repeat` integer DEFAULT 0 NOT NULL,
	`repeat_after` text,
	`levels` text NOT NULL,
	`valid_from` integer,
	`valid_to` integer
);
--> statement-breakpoint
CREATE INDEX `escalation_policies_id` ON `escalation_policies` (`policy_id`,`valid_to`);--> statement-breakpoint
CREATE TABLE `incidents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`policy_id` text NOT NULL,
	`severity` text NOT NULL,
	`opened_at` integer NOT NULL,
	`opened_by` text NOT NULL,
	`chain` text NOT NULL,
	`acknowledged_at` integer,
	`acknowledged_by` text,
	`resolved_at` integer,
	`resolved_by` text,
	`note` text
);
--> statement-breakpoint
CREATE INDEX `incidents_opened` ON `incidents` (`opened_at`);