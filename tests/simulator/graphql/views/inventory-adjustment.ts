import type { InventoryAdjustmentGroupRecord, InventoryChangeRecord } from "../../inventory/adjust-quantities";
import type { SimContext } from "../context";
import { parseGid, toGid } from "../ids";
import { appView } from "./app";
import { InventoryItemView, LocationView } from "./catalog";

interface ChangesArgs {
  inventoryItemIds?: string[] | null;
  locationIds?: string[] | null;
  quantityNames?: string[] | null;
}

const idsOf = (gids: string[] | null | undefined) => (gids ? new Set(gids.map((gid) => parseGid(gid)?.id)) : null);

function changeView(change: InventoryChangeRecord, ctx: SimContext) {
  const store = ctx.shop.store;
  const item = store.itemsById.get(change.inventoryItemId);
  const location = store.locationsById.get(change.locationId);
  return {
    __typename: "InventoryChange",
    name: change.name,
    delta: change.delta,
    quantityAfterChange: change.quantityAfterChange,
    ledgerDocumentUri: change.ledgerDocumentUri,
    item: item ? new InventoryItemView(item, ctx) : null,
    location: location ? new LocationView(location, ctx) : null,
  };
}

/** An InventoryAdjustmentGroup made by this app (so `app` is the app and `staffMember` is null). */
export function inventoryAdjustmentGroupView(record: InventoryAdjustmentGroupRecord, ctx: SimContext) {
  return {
    __typename: "InventoryAdjustmentGroup",
    id: toGid("InventoryAdjustmentGroup", record.id),
    createdAt: record.createdAt,
    reason: record.reason,
    referenceDocumentUri: record.referenceDocumentUri,
    app: appView(ctx),
    staffMember: null,
    changes: (args: ChangesArgs) => {
      const items = idsOf(args.inventoryItemIds);
      const locations = idsOf(args.locationIds);
      const names = args.quantityNames ? new Set(args.quantityNames) : null;
      return record.changes
        .filter((c) => (!items || items.has(c.inventoryItemId)) && (!locations || locations.has(c.locationId)) && (!names || names.has(c.name)))
        .map((c) => changeView(c, ctx));
    },
  };
}
