import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../simulator/server";
import { adminGraphql, startReceiver, startTestSimulator, waitFor } from "./helpers";

const PRODUCTS_QUERY = `{ products { edges { node { id title variants { edges { node { id sku inventoryItem { id unitCost { amount } } } } } } } } }`;
const ORDERS_QUERY = `{ orders(query: "created_at:>=2000-01-01") { edges { node { id name lineItems { edges { node { id sku quantity currentQuantity } } } } } } }`;

interface BulkOperation {
  id: string;
  status: string;
  errorCode: string | null;
  objectCount: string;
  rootObjectCount: string;
  fileSize: string | null;
  url: string | null;
  partialDataUrl: string | null;
}

describe("bulk operations", () => {
  let sim: RunningSimulator;
  let token: string;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    receiver = await startReceiver();
    sim = await startTestSimulator({ appUrl: receiver.url, webhookTargets: { "bulk_operations/finish": "/webhooks/bulk" }, bulkChunkSize: 7 });
    token = sim.issueOfflineToken();
  });
  afterAll(async () => {
    await sim.close();
    await receiver.close();
  });
  beforeEach(() => sim.faults.reset());

  async function runBulk(query: string): Promise<BulkOperation> {
    const started = await adminGraphql(sim, token, "mutation($q: String!) { bulkOperationRunQuery(query: $q) { bulkOperation { id status } userErrors { field message code } } }", { q: query });
    const payload = started.body.data?.bulkOperationRunQuery as { bulkOperation: { id: string; status: string } | null; userErrors: unknown[] };
    expect(payload.userErrors).toEqual([]);
    expect(started.body.extensions?.cost.requestedQueryCost).toBe(10);
    const id = payload.bulkOperation?.id ?? "";
    return waitFor(async () => {
      const polled = await adminGraphql(sim, token, `query($id: ID!) { node(id: $id) { ... on BulkOperation { id status errorCode objectCount rootObjectCount fileSize url partialDataUrl } } }`, { id });
      const op = polled.body.data?.node as BulkOperation;
      return op.status === "CREATED" || op.status === "RUNNING" ? undefined : op;
    });
  }

  async function download(url: string | null): Promise<string> {
    expect(url).toBeTruthy();
    return (await fetch(url ?? "")).text();
  }

  it("writes Shopify-format JSONL with __parentId lines that parse back to the store's counts", async () => {
    const op = await runBulk(PRODUCTS_QUERY);
    expect(op.status).toBe("COMPLETED");
    const lines = (await download(op.url)).trimEnd().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    const data = sim.shop().store.data;
    const products = lines.filter((l) => !("__parentId" in l));
    const variants = lines.filter((l) => "__parentId" in l);
    expect(products).toHaveLength(data.products.length);
    expect(variants).toHaveLength(data.variants.length);
    expect(Number(op.objectCount)).toBe(lines.length);
    expect(Number(op.rootObjectCount)).toBe(data.products.length);
    // Nested plain objects stay inline; connections are flattened away from the parent line.
    expect(variants[0]).toHaveProperty("inventoryItem.id");
    expect(products[0]).not.toHaveProperty("variants");
    const productIds = new Set(products.map((p) => p.id));
    expect(variants.every((v) => productIds.has(v.__parentId))).toBe(true);

    const finish = await waitFor(() => receiver.received.find((r) => (JSON.parse(r.rawBody) as { admin_graphql_api_id: string }).admin_graphql_api_id === op.id));
    expect(JSON.parse(finish.rawBody)).toMatchObject({ status: "completed", type: "query", error_code: null });
  });

  it("flattens orders and their line items", async () => {
    const op = await runBulk(ORDERS_QUERY);
    const lines = (await download(op.url)).trimEnd().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    const orders = sim.shop().store.data.orders;
    expect(lines.filter((l) => !("__parentId" in l))).toHaveLength(orders.length);
    expect(lines.filter((l) => "__parentId" in l)).toHaveLength(orders.reduce((n, o) => n + o.lineItems.length, 0));
  });

  it("rejects an invalid inner query with a userError", async () => {
    const answer = await adminGraphql(sim, token, "mutation($q: String!) { bulkOperationRunQuery(query: $q) { bulkOperation { id } userErrors { field message } } }", {
      q: "{ products { edges { node { id nope } } } }",
    });
    const payload = answer.body.data?.bulkOperationRunQuery as { bulkOperation: null; userErrors: { field: string[]; message: string }[] };
    expect(payload.bulkOperation).toBeNull();
    expect(payload.userErrors[0]?.field).toEqual(["query"]);
    expect(payload.userErrors[0]?.message).toContain("Field 'nope' doesn't exist on type 'Product'");
  });

  it("truncated-file fault cuts the JSONL in the middle of its last line", async () => {
    sim.faults.set({ bulkTruncate: true });
    const op = await runBulk(PRODUCTS_QUERY);
    expect(op.status).toBe("COMPLETED");
    const text = await download(op.url);
    expect(text.endsWith("\n")).toBe(false);
    const lines = text.split("\n");
    expect(() => JSON.parse(lines[0] ?? "")).not.toThrow();
    expect(() => JSON.parse(lines[lines.length - 1] ?? "")).toThrow();
  });

  it("ungrouped fault puts child lines before their parents", async () => {
    sim.faults.set({ bulkUngrouped: true });
    const op = await runBulk(PRODUCTS_QUERY);
    const lines = (await download(op.url)).trimEnd().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    const firstRoot = lines.findIndex((l) => !("__parentId" in l));
    expect(firstRoot).toBeGreaterThan(0);
    expect(lines.filter((l) => "__parentId" in l)).toHaveLength(sim.shop().store.data.variants.length);
  });

  it("failure faults end FAILED with INTERNAL_SERVER_ERROR, with or without partial data", async () => {
    sim.faults.set({ bulkFail: true });
    const failed = await runBulk(PRODUCTS_QUERY);
    expect(failed).toMatchObject({ status: "FAILED", errorCode: "INTERNAL_SERVER_ERROR", url: null, partialDataUrl: null });

    sim.faults.set({ bulkFail: false, bulkPartial: true });
    const partial = await runBulk(PRODUCTS_QUERY);
    expect(partial).toMatchObject({ status: "FAILED", errorCode: "INTERNAL_SERVER_ERROR", url: null });
    const lines = (await download(partial.partialDataUrl)).trimEnd().split("\n");
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.length).toBeLessThan(Number((await runBulkCount()).objectCount));
  });

  async function runBulkCount(): Promise<BulkOperation> {
    sim.faults.reset();
    return runBulk(PRODUCTS_QUERY);
  }

  it("currentBulkOperation and bulkOperations report the latest query operation", async () => {
    const op = await runBulk(PRODUCTS_QUERY);
    const answer = await adminGraphql(sim, token, `{ currentBulkOperation { id status url }
      bulkOperations(first: 1, reverse: true, query: "status:COMPLETED") { nodes { id } } }`);
    expect(answer.body.data?.currentBulkOperation).toMatchObject({ id: op.id, status: "COMPLETED", url: op.url });
    expect(answer.body.data?.bulkOperations).toEqual({ nodes: [{ id: op.id }] });
  });
});
