import { GraphQLError, type GraphQLResolveInfo } from "graphql";
import type { SimContext } from "./context";
import { receiveFlowTrigger } from "../flow/trigger-receive";
import {
  adjustmentUserError,
  checkAdjustment,
  missingChangeFromQuantity,
  type InventoryAdjustmentGroupRecord,
  type InventoryAdjustQuantitiesInput,
  type InventoryAdjustQuantitiesUserError,
} from "../inventory/adjust-quantities";
import type { InventoryQuantityName } from "../store/types";
import { requiredIdempotencyKey } from "./idempotency";
import { parseGid } from "./ids";
import { requireScope } from "./root";
import { bulkOperationView } from "./views/app";
import { inventoryAdjustmentGroupView } from "./views/inventory-adjustment";

const userErrorsOut = (errors: InventoryAdjustQuantitiesUserError[]) => errors.map((e) => ({ __typename: "InventoryAdjustQuantitiesUserError", ...e }));

/**
 * inventoryAdjustQuantities: scope, @idempotent key and changeFromQuantity are checked first (top-level
 * errors, as on Shopify); a key seen before replays its group or refuses; otherwise the input is checked
 * whole and applied whole, with an inventory_levels/update webhook per change.
 */
function inventoryAdjustQuantities(ctx: SimContext, input: InventoryAdjustQuantitiesInput, info: GraphQLResolveInfo) {
  requireScope(ctx, "inventoryAdjustQuantities", "write_inventory");
  const key = requiredIdempotencyKey(info);
  const missing = missingChangeFromQuantity(input);
  if (missing) throw missing;
  if (!ctx.applyInventoryChanges) throw new GraphQLError("Inventory changes are not available here");

  const parameters = JSON.stringify(input);
  const seen = ctx.shop.idempotency.lookup<InventoryAdjustmentGroupRecord>("inventoryAdjustQuantities", key, parameters);
  if (seen.kind === "replay") return { inventoryAdjustmentGroup: inventoryAdjustmentGroupView(seen.result, ctx), userErrors: [] };
  if (seen.kind === "mismatch") return { inventoryAdjustmentGroup: null, userErrors: userErrorsOut([adjustmentUserError("IDEMPOTENCY_KEY_PARAMETER_MISMATCH", [])]) };
  if (seen.kind === "failed") return { inventoryAdjustmentGroup: null, userErrors: userErrorsOut([adjustmentUserError("IDEMPOTENCY_PREVIOUS_ATTEMPT_FAILED", [])]) };

  const { errors, changes } = checkAdjustment(ctx.shop.store, input);
  if (errors.length > 0) {
    ctx.shop.idempotency.record("inventoryAdjustQuantities", key, parameters, null);
    return { inventoryAdjustmentGroup: null, userErrors: userErrorsOut(errors) };
  }
  const name = input.name as InventoryQuantityName;
  const applied = ctx.applyInventoryChanges(name, changes);
  const record: InventoryAdjustmentGroupRecord = {
    id: ctx.shop.store.newId(),
    createdAt: new Date(ctx.nowMs).toISOString().replace(/\.\d{3}Z$/, "Z"),
    reason: input.reason,
    referenceDocumentUri: input.referenceDocumentUri ?? null,
    // Shopify reports the named quantity and on_hand, which moves with it.
    changes: applied.flatMap((change, i) => [
      { inventoryItemId: change.inventoryItemId, locationId: change.locationId, name, delta: change.delta, quantityAfterChange: change.quantityAfterChange, ledgerDocumentUri: changes[i]?.ledgerDocumentUri ?? null },
      { inventoryItemId: change.inventoryItemId, locationId: change.locationId, name: "on_hand" as const, delta: change.delta, quantityAfterChange: change.onHandAfterChange, ledgerDocumentUri: null },
    ]),
  };
  ctx.shop.inventoryAdjustmentGroups.push(record);
  ctx.shop.idempotency.record("inventoryAdjustQuantities", key, parameters, record);
  return { inventoryAdjustmentGroup: inventoryAdjustmentGroupView(record, ctx), userErrors: [] };
}

/** The Mutation root: only what the app uses; other mutations answer with a clear error. */
export function mutationRoot(ctx: SimContext) {
  return {
    bulkOperationRunQuery: (args: { query: string; groupObjects: boolean }) => {
      if (!ctx.startBulkQuery) throw new GraphQLError("Bulk operations are not available here");
      const started = ctx.startBulkQuery(args.query);
      if ("userErrors" in started) return { bulkOperation: null, userErrors: started.userErrors };
      const record = ctx.shop.bulkOperations.get(started.operationId);
      return { bulkOperation: record ? bulkOperationView(record) : null, userErrors: [] };
    },
    bulkOperationCancel: (args: { id: string }) => {
      const id = parseGid(args.id)?.id;
      const record = id ? ctx.shop.bulkOperations.get(id) : undefined;
      if (!record) return { bulkOperation: null, userErrors: [{ field: ["id"], message: "Bulk operation does not exist" }] };
      if (record.status === "CREATED" || record.status === "RUNNING") record.status = "CANCELING";
      return { bulkOperation: bulkOperationView(record), userErrors: [] };
    },
    flowTriggerReceive: (args: { handle?: string | null; payload?: unknown; body?: string | null }) => {
      const { userErrors, record } = receiveFlowTrigger(ctx.flowTriggers, ctx.shop, args, new Date(ctx.nowMs).toISOString());
      if (record) ctx.shop.flowTriggers.push(record);
      return { userErrors: userErrors.map((e) => ({ __typename: "UserError", ...e })) };
    },
    inventoryAdjustQuantities: (args: { input: InventoryAdjustQuantitiesInput }, _ctx: SimContext, info: GraphQLResolveInfo) =>
      inventoryAdjustQuantities(ctx, args.input, info),
  };
}

