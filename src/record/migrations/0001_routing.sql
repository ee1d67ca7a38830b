ALTER TABLE "tickets" ADD COLUMN "team" text;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "first_reply_at" timestamp with time zone;