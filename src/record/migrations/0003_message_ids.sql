ALTER TABLE "messages" DROP CONSTRAINT "messages_id_unique";--> statement-breakpoint
ALTER TABLE "messages" DROP CONSTRAINT "messages_conversation_key_seq_pk";--> statement-breakpoint
ALTER TABLE "messages" ADD PRIMARY KEY ("id");--> statement-breakpoint
CREATE INDEX "messages_in_order" ON "messages" USING btree ("conversation_key","at","seq");