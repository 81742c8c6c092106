CREATE TABLE "report_facts" (
	"conversation_id" text PRIMARY KEY NOT NULL,
	"site_id" text NOT NULL,
	"last_seq" integer NOT NULL,
	"status" text NOT NULL,
	"missed_at" bigint,
	"ticket_since" bigint,
	"rating" jsonb,
	"schedule_key" text NOT NULL,
	"channel" text NOT NULL,
	"clock_start" bigint,
	"first_response_raw" integer,
	"first_response_business" integer,
	"resolution_raw" integer,
	"resolution_business" integer,
	"wait" integer,
	"flags" integer NOT NULL,
	"ratings" text NOT NULL,
	"comments" integer NOT NULL,
	"responses" "bytea" NOT NULL,
	"last_closed_at" bigint,
	"handled" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "report_facts" ADD CONSTRAINT "report_facts_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_facts" ADD CONSTRAINT "report_facts_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;