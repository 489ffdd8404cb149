import { readFileSync } from "node:fs";
import type { ConnectionOptions } from "node:tls";
import type { PoolConfig } from "pg";

/** Discrete pg pool settings parsed from a PostgreSQL URL, plus Prisma's `?schema=`. */
export interface ParsedDatabaseUrl {
  host: string;
  port: number;
  user: string;
  password: string | undefined;
  database: string;
  ssl: false | ConnectionOptions;
  schema: string | undefined;
}

const DEFAULT_PORT = 5432;

/**
 * Parses a postgres:// URL into discrete fields. pg lets `connectionString` override `database`,
 * so pools built from these fields are the only way to point one at another database (the shadow).
 */
export function parseDatabaseUrl(url: string): ParsedDatabaseUrl {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error("DATABASE_URL is not a valid URL (expected postgresql://user:password@host:port/database)");
  }
  if (parsed.protocol !== "postgresql:" && parsed.protocol !== "postgres:") {
    throw new Error(`DATABASE_URL must start with postgresql:// or postgres://, got ${parsed.protocol}//`);
  }
  const params = parsed.searchParams;
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ""));
  const user = decodeURIComponent(parsed.username) || params.get("user") || "postgres";
  const password = parsed.password ? decodeURIComponent(parsed.password) : params.get("password") ?? undefined;
  return {
    // `?host=/var/run/postgresql` selects a Unix socket directory, as in libpq.
    host: params.get("host") ?? (decodeURIComponent(parsed.hostname.replace(/^\[|\]$/g, "")) || "localhost"),
    port: parsed.port ? Number(parsed.port) : Number(params.get("port") ?? DEFAULT_PORT),
    user,
    password,
    database: database || user,
    ssl: sslFromParams(params),
    schema: params.get("schema") ?? undefined,
  };
}

/** Maps libpq `sslmode` (and `sslrootcert`) to Node TLS options, keeping libpq's meaning of each mode. */
export function sslFromParams(params: URLSearchParams): false | ConnectionOptions {
  const mode = params.get("sslmode") ?? (params.get("ssl") === "true" ? "require" : "disable");
  const rootCertPath = params.get("sslrootcert");
  const ca = rootCertPath ? readFileSync(rootCertPath, "utf8") : undefined;
  switch (mode) {
    // pg cannot fall back from TLS to plain, so the opportunistic modes connect without TLS.
    case "disable":
    case "allow":
    case "prefer":
      return false;
    case "require":
      return { rejectUnauthorized: false };
    case "verify-ca":
      // Chain is verified, host name is not.
      return { rejectUnauthorized: true, ca, checkServerIdentity: () => undefined };
    case "verify-full":
      return { rejectUnauthorized: true, ca };
    default:
      throw new Error(
        `Unsupported sslmode "${mode}" in DATABASE_URL (use disable, prefer, require, verify-ca or verify-full)`,
      );
  }
}

/** The pg pool config for a parsed URL; `schema` becomes the search path, as with Prisma's native engine. */
export function toPoolConfig(target: ParsedDatabaseUrl): PoolConfig {
  const { host, port, user, password, database, ssl, schema } = target;
  const options = schema === undefined ? undefined : `-c search_path="${schema.replaceAll('"', '""')}"`;
  return { host, port, user, password, database, ssl, ...(options ? { options } : {}) };
}
