import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "postgresql",
  schema: "./app/seminar/schema.server.ts",
  out: "./app/seminar/migrations",
});
