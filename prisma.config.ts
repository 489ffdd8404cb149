import { defineConfig } from "prisma/config";

// Every command needs DATABASE_URL, even `generate`: without it Prisma 6.19 falls back to the
// native engines and fails with a misleading download error from binaries.prisma.sh.
if (!process.env.DATABASE_URL) {
  throw new Error(
    "DATABASE_URL is not set. Run `export $(npx tsx scripts/services.ts env)` first. " +
      "For `prisma generate` alone any PostgreSQL URL works (it does not connect), " +
      "e.g. DATABASE_URL=postgresql://localhost/tempo.",
  );
}

// Prisma 6.19 with the WebAssembly schema engine and a driver adapter: no native engine binary
// is needed (see /work/shared/notes/prisma-offline.md). The adapter is only loaded by the CLI.
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  async adapter() {
    const { MigrationPgAdapterFactory } = await import("./prisma/adapter");
    return new MigrationPgAdapterFactory(process.env.DATABASE_URL ?? "");
  },
});
