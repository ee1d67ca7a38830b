CREATE TABLE "article_versions" (
	"id" text NOT NULL,
	"hash" text NOT NULL,
	"locale" text NOT NULL,
	"title" text NOT NULL,
	"sections" jsonb NOT NULL,
	"first_cited_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "article_versions_id_hash_pk" PRIMARY KEY("id","hash")
);
--> statement-breakpoint
CREATE TABLE "conversations" (
	"key" text PRIMARY KEY NOT NULL,
	"channel" text NOT NULL,
	"chat_id" text NOT NULL,
	"locale" text NOT NULL,
	"player_name" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"last_player_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "messages" (
	"conversation_key" text NOT NULL,
	"seq" integer NOT NULL,
	"id" text NOT NULL,
	"from" text NOT NULL,
	"text" text NOT NULL,
	"locale" text NOT NULL,
	"author" text,
	"citations" jsonb,
	"actions" jsonb,
	"handoff" jsonb,
	"at" timestamp with time zone NOT NULL,
	"search" "tsvector",
	CONSTRAINT "messages_conversation_key_seq_pk" PRIMARY KEY("conversation_key","seq"),
	CONSTRAINT "messages_id_unique" UNIQUE("id")
);
--> statement-breakpoint
CREATE TABLE "notes" (
	"id" text PRIMARY KEY NOT NULL,
	"ticket_id" text NOT NULL,
	"agent_id" text NOT NULL,
	"agent_name" text NOT NULL,
	"text" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ticket_events" (
	"id" text PRIMARY KEY NOT NULL,
	"ticket_id" text NOT NULL,
	"type" text NOT NULL,
	"agent_id" text,
	"reason" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tickets" (
	"id" text PRIMARY KEY NOT NULL,
	"conversation_key" text NOT NULL,
	"channel" text NOT NULL,
	"locale" text NOT NULL,
	"reason" text NOT NULL,
	"priority" integer NOT NULL,
	"status" text NOT NULL,
	"facts" jsonb NOT NULL,
	"summary" text NOT NULL,
	"agent_id" text,
	"agent_name" text,
	"rating" integer,
	"created_at" timestamp with time zone NOT NULL,
	"claimed_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"ack_due_at" timestamp with time zone,
	"final_due_at" timestamp with time zone,
	"version" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_conversation_key_conversations_key_fk" FOREIGN KEY ("conversation_key") REFERENCES "conversations"("key") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notes" ADD CONSTRAINT "notes_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_events" ADD CONSTRAINT "ticket_events_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_conversation_key_conversations_key_fk" FOREIGN KEY ("conversation_key") REFERENCES "conversations"("key") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "conversations_updated_at" ON "conversations" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "messages_search" ON "messages" USING gin ("search");--> statement-breakpoint
CREATE INDEX "notes_ticket" ON "notes" USING btree ("ticket_id");--> statement-breakpoint
CREATE INDEX "ticket_events_ticket" ON "ticket_events" USING btree ("ticket_id");--> statement-breakpoint
CREATE INDEX "tickets_conversation" ON "tickets" USING btree ("conversation_key");--> statement-breakpoint
CREATE INDEX "tickets_created_at" ON "tickets" USING btree ("created_at");