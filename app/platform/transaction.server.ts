/**
 * Tempo's transactions, in one place. Use cases write through Prisma (`inTransaction`): the
 * audit trail, re-plan marks and their own rows commit together. Set-based writes that Prisma
 * cannot express (COPY, unnest upserts: sync batches, plan commits) take a raw `pg` connection
 * (`inSqlTransaction`). Both roll back on any error; neither nests in the other.
 */
import type { Prisma } from "@prisma/client";
import type pg from "pg";
import prisma from "./db.server";
import { pgPool } from "./pg-pool.server";

export type TransactionClient = Prisma.TransactionClient;

/** A use case's writes in one Prisma transaction (long enough for a 50,000-row import). */
export async function inTransaction<T>(work: (db: TransactionClient) => Promise<T>): Promise<T> {
  return prisma.$transaction(work, { timeout: 60_000 });
}

/** Runs `work` in one transaction on one connection; rolls back on any error. */
export async function inSqlTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pgPool().connect();
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
