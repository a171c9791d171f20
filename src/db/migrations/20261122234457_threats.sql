CREATE TABLE "threat_entry" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"expression" text NOT NULL,
	"full_hash" "bytea" NOT NULL,
	"prefix" bigint NOT NULL,
	"kind" text NOT NULL,
	"added_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "threat_snapshot" (
	"version" bigserial PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"entries" integer NOT NULL,
	"blob" "bytea" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "threat_source" (
	"name" text PRIMARY KEY NOT NULL,
	"format" text NOT NULL,
	"imported_at" timestamp with time zone NOT NULL,
	"sha256" text NOT NULL,
	"entries" integer NOT NULL,
	"skipped" integer NOT NULL,
	"invalid" integer NOT NULL,
	"imported_by" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "threat_entry_prefix_idx" ON "threat_entry" USING btree ("prefix");--> statement-breakpoint
CREATE INDEX "threat_entry_source_idx" ON "threat_entry" USING btree ("source");