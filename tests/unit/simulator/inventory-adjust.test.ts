import { isEnumType } from "graphql";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadAdminSchema } from "../../simulator/graphql/schema";
import type { RunningSimulator } from "../../simulator/server";
import { adminGraphql, startReceiver, startTestSimulator, TEST_APP } from "./helpers";

const ADJUST = `mutation Adjust($input: InventoryAdjustQuantitiesInput!, $key: String!) {
  inventoryAdjustQuantities(input: $input) @idempotent(key: $key) {
    inventoryAdjustmentGroup {
      id createdAt reason referenceDocumentUri
      app { handle }
      staffMember { id }
      changes { name delta quantityAfterChange ledgerDocumentUri item { id } location { id } }
      available: changes(quantityNames: ["available"]) { quantityAfterChange }
    }
    userErrors { field message code }
  }
}`;

const WITHOUT_KEY = `mutation($input: InventoryAdjustQuantitiesInput!) {
  inventoryAdjustQuantities(input: $input) { inventoryAdjustmentGroup { id } userErrors { code } }
}`;

const LEVEL = `query($item: ID!, $location: ID!, $inactive: Boolean) {
  inventoryItem(id: $item) { inventoryLevel(locationId: $location, includeInactive: $inactive) { isActive quantities(names: ["available", "on_hand"]) { name quantity } } }
}`;

interface AdjustAnswer {
  inventoryAdjustQuantities: {
    inventoryAdjustmentGroup: {
      id: string;
      reason: string;
      referenceDocumentUri: string | null;
      app: { handle: string };
      staffMember: null;
      changes: { name: string; delta: number; quantityAfterChange: number; ledgerDocumentUri: string | null; item: { id: string }; location: { id: string } }[];
      available: { quantityAfterChange: number }[];
    } | null;
    userErrors: { field: string[]; message: string; code: string }[];
  } | null;
}

describe("inventoryAdjustQuantities (2026-10)", () => {
  let sim: RunningSimulator;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let token: string;
  let keyCounter = 0;
  const newKey = () => `receipt-${++keyCounter}`;
  const shop = () => sim.shop();
  const item = (i = 0) => shop().store.data.inventoryItems[i]!;
  const warehouse = () => shop().store.data.locations[0]!;
  const gid = (type: string, id: string) => `gid://shopify/${type}/${id}`;
  const available = (itemId: string, locationId: string) => shop().store.activeLevel(itemId, locationId)?.quantities.available;
  const levelUpdates = () => sim.webhooks.log.filter((d) => d.topic === "inventory_levels/update");

  const change = (itemId: string, locationId: string, delta: number, extra: Record<string, unknown> = {}) => ({
    inventoryItemId: gid("InventoryItem", itemId),
    locationId: gid("Location", locationId),
    delta,
    changeFromQuantity: null,
    ...extra,
  });
  const receive = (changes: unknown[], extra: Record<string, unknown> = {}) => ({
    name: "available",
    reason: "received",
    referenceDocumentUri: "gid://tempo-sop/PurchaseOrder/42",
    changes,
    ...extra,
  });
  const adjust = async (input: unknown, key = newKey()) => {
    const answer = await adminGraphql(sim, token, ADJUST, { input, key });
    return { ...answer, data: answer.body.data as AdjustAnswer | undefined, key };
  };

  beforeAll(async () => {
    receiver = await startReceiver();
    sim = await startTestSimulator({ appUrl: receiver.url, webhookTargets: { "inventory_levels/update": "/webhooks/sync" } });
    token = sim.issueOfflineToken();
  });

  beforeEach(() => {
    shop().grantedScopes = [...TEST_APP.scopes, "write_inventory"];
  });

  afterAll(async () => {
    await sim.close();
    await receiver.close();
  });

  it("adds the units to available and on_hand, answers the group and sends inventory_levels/update", async () => {
    const { id: itemId } = item(0);
    const locationId = warehouse().id;
    const level = shop().store.activeLevel(itemId, locationId)!;
    const [before, onHandBefore] = [level.quantities.available, level.quantities.on_hand];
    const webhooksBefore = levelUpdates().length;

    const answer = await adjust(receive([change(itemId, locationId, 24)]));

    expect(answer.body.errors).toBeUndefined();
    const group = answer.data?.inventoryAdjustQuantities?.inventoryAdjustmentGroup;
    expect(answer.data?.inventoryAdjustQuantities?.userErrors).toEqual([]);
    expect(group?.id).toMatch(/^gid:\/\/shopify\/InventoryAdjustmentGroup\/\d+$/);
    expect(group).toMatchObject({ reason: "received", referenceDocumentUri: "gid://tempo-sop/PurchaseOrder/42", app: { handle: TEST_APP.handle }, staffMember: null });
    expect(group?.changes).toEqual([
      { name: "available", delta: 24, quantityAfterChange: before + 24, ledgerDocumentUri: null, item: { id: gid("InventoryItem", itemId) }, location: { id: gid("Location", locationId) } },
      { name: "on_hand", delta: 24, quantityAfterChange: onHandBefore + 24, ledgerDocumentUri: null, item: { id: gid("InventoryItem", itemId) }, location: { id: gid("Location", locationId) } },
    ]);
    expect(group?.available).toEqual([{ quantityAfterChange: before + 24 }]);
    expect(available(itemId, locationId)).toBe(before + 24);
    expect(level.quantities.on_hand).toBe(onHandBefore + 24);

    const sent = levelUpdates().slice(webhooksBefore);
    expect(sent).toHaveLength(1);
    expect(JSON.parse(sent[0]!.body)).toMatchObject({ inventory_item_id: Number(itemId), location_id: Number(locationId), available: before + 24 });
    expect(answer.body.extensions?.cost.requestedQueryCost).toBe(10);
  });

  it("answers a retry with the same key and input with the same group, changing nothing", async () => {
    const { id: itemId } = item(1);
    const locationId = warehouse().id;
    const input = receive([change(itemId, locationId, 5)]);
    const first = await adjust(input);
    const after = available(itemId, locationId);
    const webhooks = levelUpdates().length;
    const groups = shop().inventoryAdjustmentGroups.length;

    const retry = await adjust(input, first.key);

    expect(retry.data?.inventoryAdjustQuantities?.inventoryAdjustmentGroup?.id).toBe(first.data?.inventoryAdjustQuantities?.inventoryAdjustmentGroup?.id);
    expect(retry.data?.inventoryAdjustQuantities?.inventoryAdjustmentGroup?.changes).toEqual(first.data?.inventoryAdjustQuantities?.inventoryAdjustmentGroup?.changes);
    expect(available(itemId, locationId)).toBe(after);
    expect(levelUpdates()).toHaveLength(webhooks);
    expect(shop().inventoryAdjustmentGroups).toHaveLength(groups);
  });

  it("refuses a key reused with other parameters, and a key whose first request failed", async () => {
    const { id: itemId } = item(2);
    const locationId = warehouse().id;
    const first = await adjust(receive([change(itemId, locationId, 5)]));
    const after = available(itemId, locationId);
    const reused = await adjust(receive([change(itemId, locationId, 6)]), first.key);
    expect(reused.data?.inventoryAdjustQuantities).toEqual({
      inventoryAdjustmentGroup: null,
      userErrors: [{ field: [], code: "IDEMPOTENCY_KEY_PARAMETER_MISMATCH", message: "The same idempotency key cannot be used with different operation parameters." }],
    });

    const failing = receive([change("999999999", locationId, 5)]);
    const failed = await adjust(failing);
    expect(failed.data?.inventoryAdjustQuantities?.userErrors.map((e) => e.code)).toEqual(["INVALID_INVENTORY_ITEM"]);
    const again = await adjust(failing, failed.key);
    expect(again.data?.inventoryAdjustQuantities?.userErrors.map((e) => e.code)).toEqual(["IDEMPOTENCY_PREVIOUS_ATTEMPT_FAILED"]);
    expect(available(itemId, locationId)).toBe(after);
  });

  it("answers unknown items and locations with Shopify's codes and applies none of the changes", async () => {
    const { id: itemId } = item(3);
    const locationId = warehouse().id;
    const before = available(itemId, locationId);
    const webhooks = levelUpdates().length;
    const answer = await adjust(receive([change(itemId, locationId, 3), change("999999999", locationId, 1), change(itemId, "888888888", 1)]));
    expect(answer.data?.inventoryAdjustQuantities).toEqual({
      inventoryAdjustmentGroup: null,
      userErrors: [
        { field: ["input", "changes", "1", "inventoryItemId"], code: "INVALID_INVENTORY_ITEM", message: "The specified inventory item could not be found." },
        { field: ["input", "changes", "2", "locationId"], code: "INVALID_LOCATION", message: "The specified location could not be found." },
      ],
    });
    expect(available(itemId, locationId)).toBe(before);
    expect(levelUpdates()).toHaveLength(webhooks);
  });

  it("adjusts an item where it is not stocked onto an inactive level, as 2026-10 does (no ITEM_NOT_STOCKED_AT_LOCATION)", async () => {
    const codeEnum = loadAdminSchema().getType("InventoryAdjustQuantitiesUserErrorCode");
    const enumValues = isEnumType(codeEnum) ? codeEnum.getValues().map((v) => v.name) : [];
    expect(enumValues).toContain("INVALID_LOCATION");
    expect(enumValues).not.toContain("ITEM_NOT_STOCKED_AT_LOCATION");
    const popUp = sim.actions.createLocation(shop(), { name: "Pop-up" });
    const { id: itemId } = item(4);

    const answer = await adjust(receive([change(itemId, popUp.id, 7)]));

    expect(answer.data?.inventoryAdjustQuantities?.userErrors).toEqual([]);
    const variables = { item: gid("InventoryItem", itemId), location: gid("Location", popUp.id) };
    const hidden = await adminGraphql(sim, token, LEVEL, variables);
    expect(hidden.body.data).toEqual({ inventoryItem: { inventoryLevel: null } });
    const shown = await adminGraphql(sim, token, LEVEL, { ...variables, inactive: true });
    expect(shown.body.data).toEqual({
      inventoryItem: { inventoryLevel: { isActive: false, quantities: [{ name: "available", quantity: 7 }, { name: "on_hand", quantity: 7 }] } },
    });
  });

  it("requires write_inventory", async () => {
    shop().grantedScopes = [...TEST_APP.scopes];
    const { id: itemId } = item(5);
    const before = available(itemId, warehouse().id);
    const answer = await adjust(receive([change(itemId, warehouse().id, 2)]));
    expect(answer.data).toEqual({ inventoryAdjustQuantities: null });
    expect(answer.body.errors?.[0]).toMatchObject({
      message: "Access denied for inventoryAdjustQuantities field. Required access: `write_inventory` access scope.",
      extensions: { code: "ACCESS_DENIED" },
    });
    expect(available(itemId, warehouse().id)).toBe(before);
  });

  it("requires the @idempotent key and an explicit changeFromQuantity, as 2026-04 and later do", async () => {
    const { id: itemId } = item(6);
    const before = available(itemId, warehouse().id);
    const noKey = await adminGraphql(sim, token, WITHOUT_KEY, { input: receive([change(itemId, warehouse().id, 2)]) });
    expect(noKey.body.errors?.[0]).toMatchObject({ message: "The @idempotent directive is required for this mutation but was not provided.", extensions: { code: "BAD_REQUEST" } });
    const blankKey = await adjust(receive([change(itemId, warehouse().id, 2)]), "  ");
    expect(blankKey.body.errors?.[0]?.extensions?.code).toBe("BAD_REQUEST");
    const { changeFromQuantity: _omitted, ...withoutCas } = change(itemId, warehouse().id, 2);
    const noCas = await adjust(receive([withoutCas]));
    expect(noCas.body.errors?.[0]).toMatchObject({
      message: "InventoryChangeInput must include the following argument: changeFromQuantity.",
      extensions: { code: "INVALID_FIELD_ARGUMENTS" },
    });
    expect(available(itemId, warehouse().id)).toBe(before);
  });

  it("checks changeFromQuantity against the stored quantity", async () => {
    const { id: itemId } = item(7);
    const before = available(itemId, warehouse().id)!;
    const stale = await adjust(receive([change(itemId, warehouse().id, 2, { changeFromQuantity: before + 1 })]));
    expect(stale.data?.inventoryAdjustQuantities?.userErrors).toEqual([
      { field: ["input", "changes", "0", "changeFromQuantity"], code: "CHANGE_FROM_QUANTITY_STALE", message: "The changeFromQuantity argument no longer matches the persisted quantity." },
    ]);
    const current = await adjust(receive([change(itemId, warehouse().id, 2, { changeFromQuantity: before })]));
    expect(current.data?.inventoryAdjustQuantities?.userErrors).toEqual([]);
    expect(available(itemId, warehouse().id)).toBe(before + 2);
  });

  it("applies the rules on names, reasons and documents", async () => {
    const { id: itemId } = item(8);
    const here = warehouse().id;
    const codes = async (input: unknown) => (await adjust(input)).data?.inventoryAdjustQuantities?.userErrors.map((e) => e.code);
    expect(await codes(receive([change(itemId, here, 1)], { name: "on_hand" }))).toEqual(["INVALID_QUANTITY_NAME"]);
    expect(await codes(receive([change(itemId, here, 1)], { reason: "delivered" }))).toEqual(["INVALID_REASON"]);
    expect(await codes(receive([change(itemId, here, 1)], { referenceDocumentUri: "gid://tempo-sop/PurchaseOrder" }))).toEqual(["INVALID_REFERENCE_DOCUMENT"]);
    expect(await codes(receive([change(itemId, here, 1, { ledgerDocumentUri: "gid://tempo-sop/Receipt/1" })]))).toEqual(["INVALID_AVAILABLE_DOCUMENT"]);
    expect(await codes(receive([change(itemId, here, 1)], { name: "damaged", reason: "damaged" }))).toEqual(["INVALID_QUANTITY_DOCUMENT"]);
    expect(await codes(receive([change(itemId, here, 2_000_000_000)]))).toEqual(["INVALID_QUANTITY_TOO_HIGH"]);

    const level = shop().store.activeLevel(itemId, here)!;
    const [damaged, onHand, sellable] = [level.quantities.damaged, level.quantities.on_hand, level.quantities.available];
    expect(await codes(receive([change(itemId, here, 2, { ledgerDocumentUri: "gid://tempo-sop/Inspection/9" })], { name: "damaged", reason: "damaged" }))).toEqual([]);
    expect(level.quantities).toMatchObject({ damaged: damaged + 2, on_hand: onHand + 2, available: sellable });
  });
});
