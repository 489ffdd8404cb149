import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { ensureDatabase } from "../../../scripts/lib/database-service";

// README, "The two commands": DATABASE_URL when set; else the local server on 127.0.0.1:5432 when it answers; else embedded.
const probeDatabase = `${new URL(process.env.DATABASE_URL!).pathname.slice(1)}_local_choice`;

afterAll(async () => {
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${probeDatabase}" WITH (FORCE)`);
  await admin.end();
});

describe("which PostgreSQL the demo and the test command use", () => {
  it("takes DATABASE_URL when it is set, and says so", async () => {
    const database = await ensureDatabase(() => undefined);
    expect(database).toMatchObject({ url: process.env.DATABASE_URL, description: "DATABASE_URL" });
  });

  it("takes the local server on 127.0.0.1:5432 when DATABASE_URL is unset and it answers, not an embedded one", async () => {
    const saved = process.env.DATABASE_URL;
    delete process.env.DATABASE_URL;
    const logged: string[] = [];
    try {
      const database = await ensureDatabase((message) => logged.push(message), { localDatabase: probeDatabase });
      expect(database.url).toBe(`postgresql://postgres@127.0.0.1:5432/${probeDatabase}`);
      expect(database.description).toBe("the local PostgreSQL on 127.0.0.1:5432");
      expect(logged.join("\n")).not.toMatch(/embedded/i);
      // It created the database it names.
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      expect((await client.query("SELECT current_database() AS name")).rows[0].name).toBe(probeDatabase);
      await client.end();
      await database.stop();
    } finally {
      process.env.DATABASE_URL = saved;
    }
  });
});
