CREATE TABLE "appeal" (
	"id" text PRIMARY KEY NOT NULL,
	"case_id" text NOT NULL,
	"decision_id" text NOT NULL,
	"by" text NOT NULL,
	"filed_by" text NOT NULL,
	"provider" text,
	"text" text NOT NULL,
	"state" text NOT NULL,
	"filed_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" text,
	"response" text,
	"new_decision_id" text
);
--> statement-breakpoint
CREATE TABLE "case_decision" (
	"id" text PRIMARY KEY NOT NULL,
	"case_id" text NOT NULL,
	"action" text NOT NULL,
	"scope" text NOT NULL,
	"target" text NOT NULL,
	"domain" text NOT NULL,
	"scenarios" jsonb,
	"duration_hours" integer,
	"ground" text NOT NULL,
	"reason" text NOT NULL,
	"category" text NOT NULL,
	"explanation" text NOT NULL,
	"facts" text,
	"automated" boolean NOT NULL,
	"auto_rule" text,
	"decided_by" text NOT NULL,
	"decided_at" timestamp with time zone NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone,
	"lifted_at" timestamp with time zone,
	"lifted_by" text,
	"lifted_reason" text,
	"statement" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "complaint_case" (
	"id" text PRIMARY KEY NOT NULL,
	"subject_key" text NOT NULL,
	"url" text NOT NULL,
	"host" text NOT NULL,
	"domain" text NOT NULL,
	"provider" text,
	"state" text NOT NULL,
	"held_reason" text,
	"report_count" integer NOT NULL,
	"distinct_reporters" integer NOT NULL,
	"weighted_reporters" real NOT NULL,
	"categories" jsonb NOT NULL,
	"category_weights" jsonb NOT NULL,
	"trusted_flagged" boolean NOT NULL,
	"base_priority" real NOT NULL,
	"reach" integer NOT NULL,
	"first_seen" timestamp with time zone NOT NULL,
	"last_seen" timestamp with time zone NOT NULL,
	"claimed_by" text,
	"claim_until" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"decided_by" text,
	"notice_state" text NOT NULL,
	"noticed_at" timestamp with time zone,
	"acknowledged_at" timestamp with time zone,
	"fixed_at" timestamp with time zone,
	"fix_verified_at" timestamp with time zone,
	CONSTRAINT "complaint_case_subject_key_unique" UNIQUE("subject_key")
);
--> statement-breakpoint
CREATE TABLE "evidence" (
	"id" text PRIMARY KEY NOT NULL,
	"case_id" text NOT NULL,
	"report_id" text NOT NULL,
	"url" text NOT NULL,
	"state" text NOT NULL,
	"attempts" integer NOT NULL,
	"final_url" text,
	"chain" jsonb,
	"http_status" integer,
	"content_sha256" text,
	"title" text,
	"error" text,
	"requested_at" timestamp with time zone NOT NULL,
	"captured_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "report" (
	"id" text PRIMARY KEY NOT NULL,
	"case_id" text NOT NULL,
	"submitted_by" text NOT NULL,
	"reporter_id" text,
	"reporter_hash" text NOT NULL,
	"url" text NOT NULL,
	"scenario" text NOT NULL,
	"category" text NOT NULL,
	"sub_category" text,
	"text" text,
	"evidence" jsonb,
	"idempotency_key" text,
	"request_hash" text NOT NULL,
	"dedup_key" text NOT NULL,
	"counted" boolean NOT NULL,
	"weight" real NOT NULL,
	"held" boolean NOT NULL,
	"storm_key" text NOT NULL,
	"reporter_new" boolean NOT NULL,
	"outcome" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reporter_standing" (
	"reporter_hash" text PRIMARY KEY NOT NULL,
	"upheld" integer NOT NULL,
	"rejected" integer NOT NULL,
	"first_seen" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trusted_flagger" (
	"key_id" text PRIMARY KEY NOT NULL,
	"categories" jsonb NOT NULL,
	"weight" real NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "webhook_delivery" (
	"id" text PRIMARY KEY NOT NULL,
	"endpoint_id" text NOT NULL,
	"event" text NOT NULL,
	"body" jsonb NOT NULL,
	"state" text NOT NULL,
	"attempts" integer NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"last_status" integer,
	"last_error" text,
	"created_at" timestamp with time zone NOT NULL,
	"delivered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "webhook_endpoint" (
	"id" text PRIMARY KEY NOT NULL,
	"owner" text NOT NULL,
	"url" text NOT NULL,
	"secret" text NOT NULL,
	"events" jsonb NOT NULL,
	"active" boolean NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "webhook_endpoint_owner_unique" UNIQUE("owner")
);
--> statement-breakpoint
CREATE INDEX "appeal_state_idx" ON "appeal" USING btree ("state","filed_at");--> statement-breakpoint
CREATE INDEX "appeal_case_idx" ON "appeal" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_decision_case_idx" ON "case_decision" USING btree ("case_id","decided_at");--> statement-breakpoint
CREATE INDEX "case_decision_active_idx" ON "case_decision" USING btree ("domain") WHERE "case_decision"."lifted_at" IS NULL AND "case_decision"."action" <> 'dismiss';--> statement-breakpoint
CREATE INDEX "complaint_case_state_idx" ON "complaint_case" USING btree ("state","base_priority");--> statement-breakpoint
CREATE INDEX "complaint_case_provider_idx" ON "complaint_case" USING btree ("provider");--> statement-breakpoint
CREATE INDEX "complaint_case_domain_idx" ON "complaint_case" USING btree ("domain");--> statement-breakpoint
CREATE INDEX "evidence_case_idx" ON "evidence" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "evidence_state_idx" ON "evidence" USING btree ("state","requested_at");--> statement-breakpoint
CREATE UNIQUE INDEX "report_idempotency_idx" ON "report" USING btree ("submitted_by","idempotency_key") WHERE "report"."idempotency_key" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "report_dedup_idx" ON "report" USING btree ("dedup_key") WHERE "report"."counted";--> statement-breakpoint
CREATE INDEX "report_reporter_idx" ON "report" USING btree ("reporter_hash","created_at");--> statement-breakpoint
CREATE INDEX "report_case_idx" ON "report" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "report_storm_idx" ON "report" USING btree ("storm_key","created_at");--> statement-breakpoint
CREATE INDEX "webhook_delivery_due_idx" ON "webhook_delivery" USING btree ("state","next_attempt_at");--> statement-breakpoint
CREATE INDEX "webhook_delivery_endpoint_idx" ON "webhook_delivery" USING btree ("endpoint_id");