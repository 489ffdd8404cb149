/**
 * The engine's side of ReorderProposal: reading the live lines of the pairs a run planned and
 * applying the run's changes, inside the run's commit transaction. Scoped by shopId.
 */
import type pg from "pg";
import type { LiveProposal, ProposalChange, ProposalDraft } from "~/engine/proposals/proposal-changes";

export interface LiveProposalRow extends LiveProposal {
  variantId: string;
  locationId: string;
}

/** Live (proposed or approved) lines, optionally only for some variants. */
export async function loadLiveProposals(client: pg.PoolClient, shopId: number, variantIds?: readonly string[]): Promise<LiveProposalRow[]> {
  const result = await client.query<LiveProposalRow>(
    `SELECT "id", "status", "edited", "variantId"::text AS "variantId", "locationId"::text AS "locationId"
     FROM "ReorderProposal" WHERE "shopId" = $1 AND "status" IN ('PROPOSED', 'APPROVED')
       AND ($2::bigint[] IS NULL OR "variantId" = ANY($2::bigint[]))`,
    [shopId, variantIds ? [...variantIds] : null],
  );
  return result.rows;
}

/** "variantId:locationId" of lines rejected since `since` that no live line has replaced. */
export async function loadRecentRejections(client: pg.PoolClient, shopId: number, since: Date): Promise<Set<string>> {
  const result = await client.query<{ key: string }>(
    `SELECT DISTINCT "variantId"::text || ':' || "locationId"::text AS "key" FROM "ReorderProposal"
     WHERE "shopId" = $1 AND "status" = 'REJECTED' AND "decidedAt" >= $2`,
    [shopId, since],
  );
  return new Set(result.rows.map((r) => r.key));
}

/** The columns a draft sets, as parallel arrays for one set-based statement. */
function draftArrays(drafts: readonly ProposalDraft[]): unknown[] {
  return [
    drafts.map((d) => d.variantId),
    drafts.map((d) => d.locationId),
    drafts.map((d) => d.supplierId),
    drafts.map((d) => d.suggestedQuantity),
    drafts.map((d) => d.unitCost),
    drafts.map((d) => d.currencyCode),
    drafts.map((d) => d.orderByDate),
    drafts.map((d) => d.expectedArrivalDate),
    drafts.map((d) => d.reason),
    drafts.map((d) => d.termsSource),
    drafts.map((d) => d.termsNote),
    drafts.map((d) => d.marginAtRisk),
    drafts.map((d) => d.budgetCut),
    drafts.map((d) => d.budgetReason),
  ];
}

/** The drafts as a table ($2..$15), with extra parallel columns after them for refreshes. */
function draftTable(extra: { params: string; names: string } = { params: "", names: "" }): string {
  return `unnest($2::bigint[], $3::bigint[], $4::int[], $5::int[], $6::numeric[], $7::text[], $8::date[], $9::date[], $10::text[], $11::text[], $12::text[], $13::numeric[], $14::boolean[], $15::text[]${extra.params})
  AS t("variantId", "locationId", "supplierId", "suggested", "unitCost", "currencyCode", "orderBy", "arrival", "reason", "termsSource", "termsNote", "margin", "cut", "budgetReason"${extra.names})`;
}

/** Applies a run's changes to the board's lines in a few set-based statements. */
export async function applyProposalChanges(client: pg.PoolClient, shopId: number, runId: number, changes: readonly ProposalChange[]): Promise<{ inserted: number; refreshed: number; deleted: number; unneeded: number }> {
  const inserts = changes.flatMap((c) => (c.kind === "insert" ? [c.draft] : []));
  const refreshes = changes.flatMap((c) => (c.kind === "refresh" ? [c] : []));
  const deletes = changes.flatMap((c) => (c.kind === "delete" ? [c.id] : []));
  const unneeded = changes.flatMap((c) => (c.kind === "mark_unneeded" ? [c.id] : []));
  if (inserts.length > 0) {
    await client.query(
      `INSERT INTO "ReorderProposal" ("shopId", "variantId", "locationId", "supplierId", "suggestedQuantity", "quantity", "unitCost", "currencyCode", "orderByDate",
         "expectedArrivalDate", "reason", "termsSource", "termsNote", "marginAtRisk", "budgetCut", "budgetReason", "planRunId", "updatedAt")
       SELECT $1, t."variantId", t."locationId", t."supplierId", t."suggested", t."suggested", t."unitCost", t."currencyCode", t."orderBy", t."arrival",
              t."reason", t."termsSource", t."termsNote", t."margin", t."cut", t."budgetReason", $16, now()
       FROM ${draftTable()}`,
      [shopId, ...draftArrays(inserts), runId],
    );
  }
  if (refreshes.length > 0) {
    await client.query(
      `UPDATE "ReorderProposal" r SET "supplierId" = t."supplierId", "suggestedQuantity" = t."suggested", "unitCost" = t."unitCost", "currencyCode" = t."currencyCode",
         "orderByDate" = t."orderBy", "expectedArrivalDate" = t."arrival", "reason" = t."reason", "termsSource" = t."termsSource", "termsNote" = t."termsNote",
         "marginAtRisk" = t."margin", "budgetCut" = t."cut", "budgetReason" = t."budgetReason", "planRunId" = $16, "needed" = true, "updatedAt" = now(),
         "quantity" = CASE WHEN t."keep" THEN r."quantity" ELSE t."suggested" END
       FROM ${draftTable({ params: ", $17::int[], $18::boolean[]", names: ', "id", "keep"' })}
       WHERE r."shopId" = $1 AND r."id" = t."id"`,
      [shopId, ...draftArrays(refreshes.map((c) => c.draft)), runId, refreshes.map((c) => c.id), refreshes.map((c) => c.keepQuantity)],
    );
  }
  if (deletes.length > 0) {
    await client.query(`DELETE FROM "ReorderProposal" WHERE "shopId" = $1 AND "id" = ANY($2::int[]) AND "status" = 'PROPOSED'`, [shopId, deletes]);
  }
  if (unneeded.length > 0) {
    await client.query(`UPDATE "ReorderProposal" SET "needed" = false, "planRunId" = $3, "updatedAt" = now() WHERE "shopId" = $1 AND "id" = ANY($2::int[])`, [shopId, unneeded, runId]);
  }
  return { inserted: inserts.length, refreshed: refreshes.length, deleted: deletes.length, unneeded: unneeded.length };
}
