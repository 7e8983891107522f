ALTER TABLE `layers` ADD `rotation_start` text;--> statement-breakpoint
ALTER TABLE `layers` ADD `rotation_offset` integer;--> statement-breakpoint
ALTER TABLE `overrides` ADD `owner` text DEFAULT 'cli' NOT NULL;--> statement-breakpoint
ALTER TABLE `time_off` ADD `owner` text DEFAULT 'cli' NOT NULL;