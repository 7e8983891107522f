CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`actor` text NOT NULL,
	`entity` text NOT NULL,
	`action` text NOT NULL,
	`old_value` text,
	`new_value` text
);
--> statement-breakpoint
CREATE INDEX `audit_entity` ON `audit_log` (`entity`,`at`);--> statement-breakpoint
CREATE TABLE `layers` (
	`row_id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`schedule_id` text NOT NULL,
	`layer_id` text NOT NULL,
	`position` integer NOT NULL,
	`priority` integer,
	`timezone` text NOT NULL,
	`start` text NOT NULL,
	`end` text,
	`shift` text,
	`handoffs` text,
	`members` text NOT NULL,
	`restrictions` text DEFAULT '[]' NOT NULL,
	`disabled` integer DEFAULT false NOT NULL,
	`valid_from` integer,
	`valid_to` integer
);
--> statement-breakpoint
CREATE INDEX `layers_schedule` ON `layers` (`schedule_id`,`valid_to`);--> statement-breakpoint
CREATE TABLE `overrides` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`schedule_id` text NOT NULL,
	`person_id` text NOT NULL,
	`start` integer NOT NULL,
	`end` integer NOT NULL,
	`replaces` text,
	`reason` text,
	`effective_from` integer,
	`created_at` integer NOT NULL,
	`removed_at` integer
);
--> statement-breakpoint
CREATE INDEX `overrides_schedule_end` ON `overrides` (`schedule_id`,`end`);--> statement-breakpoint
CREATE INDEX `overrides_person_end` ON `overrides` (`person_id`,`end`);--> statement-breakpoint
CREATE TABLE `people` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`email` text,
	`timezone` text,
	`color` text,
	`created_at` integer NOT NULL,
	`deleted_at` integer
);
--> statement-breakpoint
CREATE TABLE `schedules` (
	`id` text PRIMARY KEY NOT NULL,
	`team_id` text NOT NULL,
	`name` text NOT NULL,
	`timezone` text NOT NULL,
	`disabled` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`deleted_at` integer
);
--> statement-breakpoint
CREATE TABLE `team_members` (
	`team_id` text NOT NULL,
	`person_id` text NOT NULL,
	`position` integer NOT NULL,
	PRIMARY KEY(`team_id`, `person_id`)
);
--> statement-breakpoint
CREATE TABLE `teams` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`created_at` integer NOT NULL,
	`deleted_at` integer
);
