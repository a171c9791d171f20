CREATE TABLE "card_cache" (
	"key" text PRIMARY KEY NOT NULL,
	"card" jsonb,
	"error_code" text,
	"error_message" text,
	"fetched_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"lease_until" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "card_cache_expires_idx" ON "card_cache" USING btree ("expires_at");