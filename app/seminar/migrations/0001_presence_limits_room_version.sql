CREATE TABLE "seminar_presence" (
	"process_id" text NOT NULL,
	"seminar_code" text NOT NULL,
	"connected" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "seminar_presence_process_id_seminar_code_pk" PRIMARY KEY("process_id","seminar_code")
);
--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"points" integer NOT NULL,
	"expire" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "room_questions" ADD COLUMN "client_key" text;--> statement-breakpoint
ALTER TABLE "seminars" ADD COLUMN "room_version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "seminar_presence" ADD CONSTRAINT "seminar_presence_seminar_code_seminars_code_fk" FOREIGN KEY ("seminar_code") REFERENCES "public"."seminars"("code") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "room_questions_client_key" ON "room_questions" USING btree ("seminar_code","participant_id","client_key");