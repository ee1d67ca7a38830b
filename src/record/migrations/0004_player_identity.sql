ALTER TABLE "conversations" ADD COLUMN "player_id" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "account_data" jsonb;--> statement-breakpoint
CREATE INDEX "conversations_player" ON "conversations" USING btree ("player_id");