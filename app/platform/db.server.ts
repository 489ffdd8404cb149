import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";
import { databaseUrl, readEnv } from "./env.server";

declare global {
  // Survives Vite's hot reloads in development, so reloads do not leak pools.
  var prismaGlobal: PrismaClient | undefined;
}

function createPrismaClient(): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl() }) });
}

const prisma: PrismaClient = global.prismaGlobal ?? createPrismaClient();
if (readEnv("NODE_ENV") !== "production") global.prismaGlobal = prisma;

export default prisma;
