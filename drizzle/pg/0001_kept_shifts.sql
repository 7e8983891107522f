CREATE TABLE "kept_horizons" (
	"schedule_id" text PRIMARY KEY NOT NULL,
	"start" bigint NOT NULL,
	"end" bigint NOT NULL,
	"engine" integer NOT NULL,
	"longest" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kept_shifts" (
	"schedule_id" text NOT NULL,
	"start" bigint NOT NULL,
	"end" bigint NOT NULL,
	"person" text,
	"source" text,
	CONSTRAINT "kept_shifts_schedule_id_start_pk" PRIMARY KEY("schedule_id","start")
);

--> statement-breakpoint
-- Kept shifts are derived: a change to what defines a schedule forgets its horizon in the
-- same transaction (written by hand; drizzle-kit does not generate triggers).
-- The trigger's argument names the column that holds the schedule id.
CREATE FUNCTION "kept_forget_schedule"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    DELETE FROM "kept_horizons" WHERE "schedule_id" = to_jsonb(OLD) ->> TG_ARGV[0];
  END IF;
  IF TG_OP <> 'DELETE' THEN
    DELETE FROM "kept_horizons" WHERE "schedule_id" = to_jsonb(NEW) ->> TG_ARGV[0];
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "kept_forget_layers" AFTER INSERT OR UPDATE OR DELETE ON "layers" FOR EACH ROW EXECUTE FUNCTION "kept_forget_schedule"('schedule_id');
--> statement-breakpoint
CREATE TRIGGER "kept_forget_overrides" AFTER INSERT OR UPDATE OR DELETE ON "overrides" FOR EACH ROW EXECUTE FUNCTION "kept_forget_schedule"('schedule_id');
--> statement-breakpoint
CREATE TRIGGER "kept_forget_schedules" AFTER INSERT OR UPDATE OR DELETE ON "schedules" FOR EACH ROW EXECUTE FUNCTION "kept_forget_schedule"('id');
