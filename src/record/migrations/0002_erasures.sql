CREATE TABLE "erasures" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "erasures_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"erased_at" timestamp with time zone DEFAULT now() NOT NULL,
	"conversation_key_hashes" text[] NOT NULL,
	"conversations" integer NOT NULL,
	"messages" integer NOT NULL,
	"tickets" integer NOT NULL,
	"ticket_events" integer NOT NULL,
	"notes" integer NOT NULL
);
