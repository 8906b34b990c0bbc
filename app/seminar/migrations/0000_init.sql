CREATE TABLE "participants" (
	"seminar_code" text NOT NULL,
	"participant_id" text NOT NULL,
	"joined_at" timestamp with time zone NOT NULL,
	CONSTRAINT "participants_seminar_code_participant_id_pk" PRIMARY KEY("seminar_code","participant_id")
);
--> statement-breakpoint
CREATE TABLE "question_upvotes" (
	"question_id" integer NOT NULL,
	"participant_id" text NOT NULL,
	CONSTRAINT "question_upvotes_question_id_participant_id_pk" PRIMARY KEY("question_id","participant_id")
);
--> statement-breakpoint
CREATE TABLE "room_questions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "room_questions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"seminar_code" text NOT NULL,
	"participant_id" text NOT NULL,
	"text" text NOT NULL,
	"votes" integer DEFAULT 0 NOT NULL,
	"hidden" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "seminars" (
	"code" text PRIMARY KEY NOT NULL,
	"host_secret_hash" text NOT NULL,
	"topic" text NOT NULL,
	"step" integer NOT NULL,
	"paused" boolean DEFAULT false NOT NULL,
	"revealed" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"questions_version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"last_active_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	CONSTRAINT "seminars_step_positive" CHECK ("seminars"."step" >= 1)
);
--> statement-breakpoint
CREATE TABLE "votes" (
	"seminar_code" text NOT NULL,
	"topic" text NOT NULL,
	"poll" text NOT NULL,
	"participant_id" text NOT NULL,
	"choice" text NOT NULL,
	"voted_at" timestamp with time zone NOT NULL,
	CONSTRAINT "votes_seminar_code_topic_poll_participant_id_pk" PRIMARY KEY("seminar_code","topic","poll","participant_id")
);
--> statement-breakpoint
ALTER TABLE "participants" ADD CONSTRAINT "participants_seminar_code_seminars_code_fk" FOREIGN KEY ("seminar_code") REFERENCES "public"."seminars"("code") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "question_upvotes" ADD CONSTRAINT "question_upvotes_question_id_room_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."room_questions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_questions" ADD CONSTRAINT "room_questions_seminar_code_seminars_code_fk" FOREIGN KEY ("seminar_code") REFERENCES "public"."seminars"("code") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_seminar_code_seminars_code_fk" FOREIGN KEY ("seminar_code") REFERENCES "public"."seminars"("code") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "room_questions_seminar" ON "room_questions" USING btree ("seminar_code");--> statement-breakpoint
CREATE INDEX "seminars_last_active_at" ON "seminars" USING btree ("last_active_at");--> statement-breakpoint
CREATE INDEX "seminars_ended_at" ON "seminars" USING btree ("ended_at");