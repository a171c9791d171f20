CREATE TABLE "group_setting" (
	"group_id" text PRIMARY KEY NOT NULL,
	"settings" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inspect_sample" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"url" text NOT NULL,
	"scenario" text NOT NULL,
	"client_version" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "link_count" (
	"provider" text NOT NULL,
	"day" date NOT NULL,
	"scenario" text NOT NULL,
	"action" text NOT NULL,
	"category" text NOT NULL,
	"count" bigint NOT NULL,
	CONSTRAINT "link_count_provider_day_scenario_action_category_pk" PRIMARY KEY("provider","day","scenario","action","category")
);
--> statement-breakpoint
CREATE TABLE "policy_version" (
	"id" serial PRIMARY KEY NOT NULL,
	"version" text NOT NULL,
	"document" jsonb NOT NULL,
	"source" text NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"published_by" text NOT NULL,
	"note" text,
	CONSTRAINT "policy_version_version_unique" UNIQUE("version")
);
--> statement-breakpoint
CREATE TABLE "user_preference" (
	"user_id" text PRIMARY KEY NOT NULL,
	"preferences" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "inspect_sample_at_idx" ON "inspect_sample" USING btree ("at");--> statement-breakpoint
CREATE INDEX "policy_version_published_idx" ON "policy_version" USING btree ("published_at");