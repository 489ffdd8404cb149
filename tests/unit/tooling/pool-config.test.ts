import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseDatabaseUrl, toPoolConfig } from "../../../prisma/adapter/pool-config";

describe("parseDatabaseUrl", () => {
  it("splits a URL into discrete pool fields", () => {
    expect(parseDatabaseUrl("postgresql://tempo:secret@db.internal:6543/tempo_dev")).toEqual({
      host: "db.internal",
      port: 6543,
      user: "tempo",
      password: "secret",
      database: "tempo_dev",
      ssl: false,
      schema: undefined,
    });
  });

  it("decodes a percent-encoded password and user", () => {
    const parsed = parseDatabaseUrl("postgres://app%40shop:p%40ss%2Fw%3Ard%25@localhost/tempo");
    expect(parsed.user).toBe("app@shop");
    expect(parsed.password).toBe("p@ss/w:rd%");
  });

  it("defaults the port, and the database to the user name", () => {
    const parsed = parseDatabaseUrl("postgresql://postgres@127.0.0.1");
    expect(parsed.port).toBe(5432);
    expect(parsed.database).toBe("postgres");
    expect(parsed.password).toBeUndefined();
  });

  it("takes a Unix socket directory from ?host=", () => {
    expect(parseDatabaseUrl("postgresql://postgres@localhost/tempo?host=/var/run/postgresql").host).toBe(
      "/var/run/postgresql",
    );
  });

  it("keeps Prisma's ?schema= and turns it into the search path", () => {
    const parsed = parseDatabaseUrl("postgresql://u:p@h:5432/d?schema=planning&connection_limit=5");
    expect(parsed.schema).toBe("planning");
    expect(toPoolConfig(parsed).options).toBe('-c search_path="planning"');
  });

  it("never passes a connectionString, so `database` can be overridden (shadow database)", () => {
    const config = toPoolConfig({ ...parseDatabaseUrl("postgresql://u:p@h:5432/main"), database: "shadow" });
    expect(config).not.toHaveProperty("connectionString");
    expect(config.database).toBe("shadow");
  });

  it("rejects non-PostgreSQL URLs with a clear message", () => {
    expect(() => parseDatabaseUrl("mysql://u@h/d")).toThrow(/postgresql:\/\//);
    expect(() => parseDatabaseUrl("not a url")).toThrow(/not a valid URL/);
  });
});

describe("sslmode", () => {
  const sslOf = (query: string) => parseDatabaseUrl(`postgresql://u:p@h:5432/d${query}`).ssl;

  it.each(["", "?sslmode=disable", "?sslmode=prefer", "?sslmode=allow"])("%s connects without TLS", (query) => {
    expect(sslOf(query)).toBe(false);
  });

  it("require encrypts without verifying the certificate, as libpq does", () => {
    expect(sslOf("?sslmode=require")).toEqual({ rejectUnauthorized: false });
  });

  it("verify-full verifies chain and host name", () => {
    const ssl = sslOf("?sslmode=verify-full");
    expect(ssl).toMatchObject({ rejectUnauthorized: true });
    expect(ssl && ssl.checkServerIdentity).toBeUndefined();
  });

  it("verify-ca verifies the chain with sslrootcert but skips the host name", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "tempo-ssl-"));
    const caPath = path.join(dir, "root.crt");
    writeFileSync(caPath, "-----BEGIN CERTIFICATE-----\nfake\n-----END CERTIFICATE-----\n");
    const ssl = sslOf(`?sslmode=verify-ca&sslrootcert=${encodeURIComponent(caPath)}`);
    expect(ssl).toMatchObject({ rejectUnauthorized: true, ca: expect.stringContaining("BEGIN CERTIFICATE") });
    expect(ssl && ssl.checkServerIdentity?.("h", {} as never)).toBeUndefined();
  });

  it("rejects an unknown sslmode", () => {
    expect(() => sslOf("?sslmode=sometimes")).toThrow(/Unsupported sslmode "sometimes"/);
  });
});
