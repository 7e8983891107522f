CREATE TABLE `calendar_targets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`provider` text NOT NULL,
	`calendar_id` text NOT NULL,
	`schedule_id` text,
	`person_id` text,
	`days` integer DEFAULT 90 NOT NULL,
	`created_at` integer NOT NULL,
	`last_sync_at` integer,
	`synced_until` integer,
	`created` integer DEFAULT 0 NOT NULL,
	`updated` integer DEFAULT 0 NOT NULL,
	`deleted` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`last_error_at` integer
);
