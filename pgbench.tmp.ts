import { execFileSync } from "node:child_process";
import { postgresDatabase } from "./tests/postgres";
const db = await postgresDatabase();
try {
  execFileSync("npm", ["run", "-s", "bench:seminar"], { stdio: "inherit", env: { ...process.env, DATABASE_URL: db.url } });
} finally { await db.stop(); }
