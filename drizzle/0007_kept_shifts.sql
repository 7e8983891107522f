CREATE TABLE `kept_horizons` (
	`schedule_id` text PRIMARY KEY NOT NULL,
	`start` integer NOT NULL,
	`end` integer NOT NULL,
	`engine` integer NOT NULL,
	`longest` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `kept_shifts` (
	`schedule_id` text NOT NULL,
	`start` integer NOT NULL,
	`end` integer NOT NULL,
	`person` text,
	`source` text,
	PRIMARY KEY(`schedule_id`, `start`)
);
--> statement-breakpoint
-- Kept shifts are derived: a change to what defines a schedule forgets its horizon in the
-- same transaction (written by hand; drizzle-kit does not generate triggers).
CREATE TRIGGER `kept_forget_layers_insert` AFTER INSERT ON `layers` BEGIN DELETE FROM `kept_horizons` WHERE `schedule_id` = NEW.`schedule_id`; END;
--> statement-breakpoint
CREATE TRIGGER `kept_forget_layers_update` AFTER UPDATE ON `layers` BEGIN DELETE FROM `kept_horizons` WHERE `schedule_id` = OLD.`schedule_id`; DELETE FROM `kept_horizons` WHERE `schedule_id` = NEW.`schedule_id`; END;
--> statement-breakpoint
CREATE TRIGGER `kept_forget_layers_delete` AFTER DELETE ON `layers` BEGIN DELETE FROM `kept_horizons` WHERE `schedule_id` = OLD.`schedule_id`; END;
--> statement-breakpoint
CREATE TRIGGER `kept_forget_overrides_insert` AFTER INSERT ON `overrides` BEGIN DELETE FROM `kept_horizons` WHERE `schedule_id` = NEW.`schedule_id`; END;
--> statement-breakpoint
CREATE TRIGGER `kept_forget_overrides_update` AFTER UPDATE ON `overrides` BEGIN DELETE FROM `kept_horizons` WHERE `schedule_id` = OLD.`schedule_id`; DELETE FROM `kept_horizons` WHERE `schedule_id` = NEW.`schedule_id`; END;
--> statement-breakpoint
CREATE TRIGGER `kept_forget_overrides_delete` AFTER DELETE ON `overrides` BEGIN DELETE FROM `kept_horizons` WHERE `schedule_id` = OLD.`schedule_id`; END;
--> statement-breakpoint
CREATE TRIGGER `kept_forget_schedules_insert` AFTER INSERT ON `schedules` BEGIN DELETE FROM `kept_horizons` WHERE `schedule_id` = NEW.`id`; END;
--> statement-breakpoint
CREATE TRIGGER `kept_forget_schedules_update` AFTER UPDATE ON `schedules` BEGIN DELETE FROM `kept_horizons` WHERE `schedule_id` = OLD.`id`; DELETE FROM `kept_horizons` WHERE `schedule_id` = NEW.`id`; END;
--> statement-breakpoint
CREATE TRIGGER `kept_forget_schedules_delete` AFTER DELETE ON `schedules` BEGIN DELETE FROM `kept_horizons` WHERE `schedule_id` = OLD.`id`; END;
