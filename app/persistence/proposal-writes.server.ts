/**
 * The engine's side of ReorderProposal: reading the live lines of the pairs a run planned and
 * applying the run's changes, inside the run's commit transaction. Scoped by shopId.
 */
import type pg from "pg";
import type { LiveProposal, ProposalChange, ProposalDraft } from "~/plan/proposal-refresh";

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

const DRAFT_COLUMNS = `"supplierId" = $3, "suggestedQuantity" = $4, "unitCost" = $5, "currencyCode" = $6, "orderByDate" = $7::date, "expectedArrivalDate" = $8::date,
  "reason" = $9, "termsSource" = $10, "termsNote" = $11, "marginAtRisk" = $12, "budgetCut" = $13, "budgetReason" = $14, "planRunId" = $15, "needed" = true, "updatedAt" = now()`;

function draftParams(draft: ProposalDraft, runId: number): unknown[] {
  return [
    draft.supplierId, draft.suggestedQuantity, draft.unitCost, draft.currencyCode, draft.orderByDate, draft.expectedArrivalDate,
    draft.reason, draft.termsSource, draft.termsNote, draft.marginAtRisk, draft.budgetCut, draft.budgetReason, runId,
  ];
}

export async function applyProposalChanges(client: pg.PoolClient, shopId: number, runId: number, changes: readonly ProposalChange[]): Promise<{ inserted: number; refreshed: number; deleted: number; unneeded: number }> {
  const counts = { inserted: 0, refreshed: 0, deleted: 0, unneeded: 0 };
  const deletes: number[] = [];
  const unneeded: number[] = [];
  for (const change of changes) {
    if (change.kind === "insert") {
      const d = change.draft;
      await client.query(
        `INSERT INTO "ReorderProposal" ("shopId", "variantId", "locationId", "supplierId", "suggestedQuantity", "quantity", "unitCost", "currencyCode", "orderByDate",
           "expectedArrivalDate", "reason", "termsSource", "termsNote", "marginAtRisk", "budgetCut", "budgetReason", "planRunId", "updatedAt")
         VALUES ($1, $2, $16, $3, $4, $4, $5, $6, $7::date, $8::date, $9, $10, $11, $12, $13, $14, $15, now())`,
        [shopId, d.variantId, ...draftParams(d, runId), d.locationId],
      );
      counts.inserted++;
    } else if (change.kind === "refresh") {
      await client.query(
        `UPDATE "ReorderProposal" SET ${DRAFT_COLUMNS}${change.keepQuantity ? "" : `, "quantity" = $4`} WHERE "shopId" = $1 AND "id" = $2`,
        [shopId, change.id, ...draftParams(change.draft, runId)],
      );
      counts.refreshed++;
    } else if (change.kind === "delete") deletes.push(change.id);
    else if (change.kind === "mark_unneeded") unneeded.push(change.id);
  }
  if (deletes.length > 0) {
    await client.query(`DELETE FROM "ReorderProposal" WHERE "shopId" = $1 AND "id" = ANY($2::int[]) AND "status" = 'PROPOSED'`, [shopId, deletes]);
    counts.deleted = deletes.length;
  }
  if (unneeded.length > 0) {
    await client.query(`UPDATE "ReorderProposal" SET "needed" = false, "planRunId" = $3, "updatedAt" = now() WHERE "shopId" = $1 AND "id" = ANY($2::int[])`, [shopId, unneeded, runId]);
    counts.unneeded = unneeded.length;
  }
  return counts;
}
