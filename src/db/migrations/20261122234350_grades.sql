CREATE TABLE "grade_appeal" (
	"id" text PRIMARY KEY NOT NULL,
	"provider" text NOT NULL,
	"filed_by" text NOT NULL,
	"grade" text NOT NULL,
	"grade_since" text NOT NULL,
	"text" text NOT NULL,
	"state" text NOT NULL,
	"filed_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" text,
	"response" text
);
--> statement-breakpoint
CREATE TABLE "grade_change" (
	"id" text PRIMARY KEY NOT NULL,
	"provider" text NOT NULL,
	"from_grade" text,
	"to_grade" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"card" jsonb NOT NULL,
	"thresholds_hash" text NOT NULL,
	"ledger_seq" bigint NOT NULL,
	"appeal_id" text
);
--> statement-breakpoint
CREATE TABLE "grade_state" (
	"provider" text PRIMARY KEY NOT NULL,
	"grade" text NOT NULL,
	"state" jsonb NOT NULL,
	"card" jsonb NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	"thresholds_hash" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "grade_appeal_state_idx" ON "grade_appeal" USING btree ("state","filed_at");--> statement-breakpoint
CREATE INDEX "grade_appeal_provider_idx" ON "grade_appeal" USING btree ("provider");--> statement-breakpoint
CREATE INDEX "grade_change_provider_idx" ON "grade_change" USING btree ("provider","at");