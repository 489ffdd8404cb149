/**
 * What the benches share: a fresh, migrated database of their own on the server
 * DATABASE_URL names (`<database>_bench_<name>`, so two checkouts on one server never
 * drop each other's), and CPU meters for this process, child processes and PostgreSQL.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import pg from "pg";

export function benchDatabaseUrl(name: string): string {
  const url = new URL(process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres");
  const base = url.pathname.slice(1) || "postgres";
  url.pathname = `/${base.replace(/_test$/, "")}_bench_${name}`;
  return url.toString();
}

/** Drops and re-creates the bench database, then applies the migrations. */
export async function freshBenchDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const database = target.pathname.slice(1);
  const server = new URL(url);
  server.pathname = "/postgres";
  const admin = new pg.Client({ connectionString: server.toString() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${database}"`);
  await admin.end();
  execFileSync("npx", ["prisma", "migrate", "deploy"], { stdio: "pipe", env: { ...process.env, DATABASE_URL: url } });
}

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** utime + stime of a process in seconds, or null once it is gone. */
export function processCpuSeconds(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

export const ownCpuSeconds = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

/**
 * CPU seconds used by one database's PostgreSQL backends, sampled each second from
 * /proc (a backend that exits keeps its last reading). On a shared machine it tells
 * work from waiting for a core.
 */
export async function backendCpuMeter(databaseUrl: string) {
  const server = new URL(databaseUrl);
  const database = server.pathname.slice(1);
  server.pathname = "/postgres";
  const admin = new pg.Client({ connectionString: server.toString() });
  await admin.connect();
  const cpuByPid = new Map<number, { seconds: number; application: string }>();
  const sample = async () => {
    const { rows } = await admin.query<{ pid: number; application: string }>(
      `SELECT pid, application_name AS application FROM pg_stat_activity WHERE datname = $1`,
      [database],
    );
    for (const { pid, application } of rows) {
      const seconds = processCpuSeconds(pid);
      if (seconds !== null) cpuByPid.set(pid, { seconds, application });
    }
  };
  const timer = setInterval(() => void sample().catch(() => undefined), 1000);
  return {
    /** All backends, or those whose connection set this application_name. */
    async seconds(application?: string) {
      await sample();
      return [...cpuByPid.values()].filter((b) => application === undefined || b.application === application).reduce((a, b) => a + b.seconds, 0);
    },
    async stop() {
      clearInterval(timer);
      await admin.end();
    },
  };
}

export const mb = (bytes: number) => (bytes / 1_048_576).toFixed(0);

/** The q-quantile (0..1) of unsorted numbers, nearest rank. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}
