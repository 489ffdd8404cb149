import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../simulator/server";
import { adminGraphql, startReceiver, startTestSimulator, waitFor } from "./helpers";

const DISCOUNTS = `query Discounts($query: String) {
  discountNodes(first: 10, query: $query) {
    nodes {
      id
      discount {
        __typename
        ... on DiscountAutomaticBasic { title status startsAt endsAt customerGets { ...Gets } }
        ... on DiscountCodeBasic { title status startsAt endsAt codes(first: 1) { nodes { code } } customerGets { ...Gets } }
      }
    }
  }
}
fragment Gets on DiscountCustomerGets {
  value { __typename ... on DiscountPercentage { percentage } ... on DiscountAmount { amount { amount currencyCode } appliesOnEachItem } }
  items {
    __typename
    ... on AllDiscountItems { allItems }
    ... on DiscountProducts { products(first: 5) { nodes { id } } productVariants(first: 5) { nodes { id } } }
    ... on DiscountCollections { collections(first: 5) { nodes { id title } } }
  }
}`;

describe("collections and discounts", () => {
  let sim: RunningSimulator;
  let token: string;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const topics = ["collections/create", "collections/update", "collections/delete", "discounts/create", "discounts/update", "discounts/delete"];

  beforeAll(async () => {
    receiver = await startReceiver();
    sim = await startTestSimulator({ appUrl: receiver.url, webhookTargets: Object.fromEntries(topics.map((t) => [t, `/webhooks/${t}`])), bulkChunkSize: 1 });
    token = sim.issueOfflineToken();
  });
  afterAll(async () => {
    await sim.close();
    await receiver.close();
  });
  beforeEach(() => {
    receiver.received.length = 0;
    sim.shop().grantedScopes = ["read_products", "read_orders", "read_all_orders", "read_inventory", "read_locations", "read_discounts"];
  });

  const data = () => sim.shop().store.data;

  it("serves automatic and code discounts with their items and value, as the 2026-10 schema shapes them", async () => {
    const { body } = await adminGraphql(sim, token, DISCOUNTS);
    expect(body.errors).toBeUndefined();
    const [shirtWeek, save10] = data().discounts;
    const shirts = data().collections[0]!;
    const nodes = (body.data?.discountNodes as { nodes: unknown[] }).nodes;
    expect(nodes).toEqual([
      {
        id: `gid://shopify/DiscountAutomaticNode/${shirtWeek!.id}`,
        discount: {
          __typename: "DiscountAutomaticBasic",
          title: "Shirt week",
          status: "SCHEDULED",
          startsAt: shirtWeek!.startsAt,
          endsAt: shirtWeek!.endsAt,
          customerGets: {
            value: { __typename: "DiscountPercentage", percentage: 0.2 },
            items: { __typename: "DiscountCollections", collections: { nodes: [{ id: `gid://shopify/Collection/${shirts.id}`, title: "Shirts" }] } },
          },
        },
      },
      {
        id: `gid://shopify/DiscountCodeNode/${save10!.id}`,
        discount: {
          __typename: "DiscountCodeBasic",
          title: "SAVE10",
          status: "ACTIVE",
          startsAt: save10!.startsAt,
          endsAt: save10!.endsAt,
          codes: { nodes: [{ code: "SAVE10" }] },
          customerGets: {
            value: { __typename: "DiscountPercentage", percentage: 0.1 },
            items: {
              __typename: "DiscountProducts",
              products: { nodes: [{ id: `gid://shopify/Product/${data().products[0]!.id}` }, { id: `gid://shopify/Product/${data().products[1]!.id}` }] },
              productVariants: { nodes: [{ id: `gid://shopify/ProductVariant/${data().variants[5]!.id}` }] },
            },
          },
        },
      },
    ]);
  });

  it("derives status from the dates and filters by it, by method and by date", async () => {
    const ids = async (query: string) =>
      ((await adminGraphql(sim, token, DISCOUNTS, { query })).body.data?.discountNodes as { nodes: { id: string }[] }).nodes.map((n) => n.id.split("/").pop());
    const [shirtWeek, save10] = data().discounts;
    expect(await ids("status:scheduled")).toEqual([shirtWeek!.id]);
    expect(await ids("status:active")).toEqual([save10!.id]);
    expect(await ids("method:code")).toEqual([save10!.id]);
    expect(await ids(`starts_at:>=${shirtWeek!.startsAt.slice(0, 10)}`)).toEqual([shirtWeek!.id]);
  });

  it("reads one node by its DiscountAutomaticNode or DiscountCodeNode GID, and answers null once it is gone", async () => {
    const save10 = data().discounts[1]!;
    const query = `query($id: ID!) { discountNode(id: $id) { id discount { ... on DiscountCodeBasic { title } } } }`;
    const found = await adminGraphql(sim, token, query, { id: `gid://shopify/DiscountCodeNode/${save10.id}` });
    expect(found.body.data?.discountNode).toEqual({ id: `gid://shopify/DiscountCodeNode/${save10.id}`, discount: { title: "SAVE10" } });
    const missing = await adminGraphql(sim, token, query, { id: "gid://shopify/DiscountCodeNode/999999" });
    expect(missing.body.data?.discountNode).toBeNull();
  });

  it("refuses discounts without read_discounts with Shopify's ACCESS_DENIED, and still serves collections", async () => {
    sim.shop().grantedScopes = ["read_products", "read_orders", "read_inventory", "read_locations"];
    const { body } = await adminGraphql(sim, token, "{ discountNodes(first: 1) { nodes { id } } }");
    expect(body.data).toBeNull();
    expect(body.errors?.[0]).toMatchObject({
      message: "Access denied for discountNodes field. Required access: `read_discounts` access scope.",
      extensions: { code: "ACCESS_DENIED", requiredAccess: "`read_discounts` access scope." },
    });
    const collections = await adminGraphql(sim, token, "{ collections(first: 5) { nodes { title } } }");
    expect(collections.body.data?.collections).toEqual({ nodes: [{ title: "Shirts" }, { title: "Hats" }] });
  });

  it("costs discount nodes like any connection: 2 + first x (node, discount, its dearest type's fields)", async () => {
    const { body } = await adminGraphql(sim, token, DISCOUNTS);
    // Per node: node 1 + discount 1 + the code branch (the dearer one): codes(first: 1) 2+1, customerGets 1,
    // value 1 + the amount's MoneyV2 1, items 1 + products 2+5 + variants 2+5 = 23; ten nodes and the connection: 232.
    expect(body.extensions?.cost.requestedQueryCost).toBe(232);
    expect(body.extensions?.cost.actualQueryCost).toBeLessThan(232);
  });

  it("serves collections with their products, counts and a product's collections", async () => {
    const shirts = data().collections[0]!;
    const members = data().products.filter((p) => p.collectionIds.includes(shirts.id));
    const { body } = await adminGraphql(
      sim,
      token,
      `query($id: ID!, $product: ID!) {
        collection(id: $id) { title handle productsCount { count } hasProduct(id: $product) products(first: 50) { nodes { id } } }
        product(id: $product) { collections(first: 5) { nodes { title } } }
        collectionsCount { count }
      }`,
      { id: `gid://shopify/Collection/${shirts.id}`, product: `gid://shopify/Product/${members[0]!.id}` },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({
      collection: {
        title: "Shirts",
        handle: "shirts",
        productsCount: { count: members.length },
        hasProduct: true,
        products: { nodes: members.map((p) => ({ id: `gid://shopify/Product/${p.id}` })) },
      },
      product: { collections: { nodes: [{ title: "Shirts" }] } },
      collectionsCount: { count: 2 },
    });
  });

  it("exports collections with their products in a bulk operation", async () => {
    const query = "{ collections { edges { node { id title products { edges { node { id } } } } } } }";
    const started = await adminGraphql(sim, token, "mutation($q: String!) { bulkOperationRunQuery(query: $q) { bulkOperation { id } userErrors { message } } }", { q: query });
    const id = (started.body.data?.bulkOperationRunQuery as { bulkOperation: { id: string } }).bulkOperation.id;
    await sim.bulk.idle();
    const polled = await adminGraphql(sim, token, "query($id: ID!) { node(id: $id) { ... on BulkOperation { status url } } }", { id });
    const op = polled.body.data?.node as { status: string; url: string };
    expect(op.status).toBe("COMPLETED");
    const lines = (await (await fetch(op.url)).text()).trimEnd().split("\n").map((l) => JSON.parse(l) as { id: string; __parentId?: string });
    expect(lines.filter((l) => !l.__parentId).map((l) => l.id)).toEqual(data().collections.map((c) => `gid://shopify/Collection/${c.id}`));
    const children = lines.filter((l) => l.__parentId);
    expect(children).toHaveLength(data().products.reduce((n, p) => n + p.collectionIds.length, 0));
  });

  it("sends collection and discount webhooks with the 2026-10 bodies: no products, only the discount node's GID and title", async () => {
    const shop = sim.shop();
    const product = data().products[2]!;
    const collection = sim.actions.createCollection(shop, { title: "Gift Ideas", productIds: [product.id] });
    sim.actions.updateCollection(shop, collection.id, { removeProductIds: [product.id] });
    sim.actions.deleteCollection(shop, collection.id);
    const discount = sim.actions.createDiscount(shop, {
      method: "automatic",
      title: "Weekend",
      startsAt: "2030-01-01T00:00:00Z",
      endsAt: "2030-01-03T00:00:00Z",
      value: { percentage: 0.15 },
      items: { all: true },
    });
    sim.actions.updateDiscount(shop, discount.id, { title: "Long weekend" });
    sim.actions.deleteDiscount(shop, discount.id);
    await waitFor(() => (receiver.received.length >= 6 ? true : undefined));
    await sim.webhooks.idle();
    const bodies = Object.fromEntries(receiver.received.map((r) => [r.headers["x-shopify-topic"] as string, JSON.parse(r.rawBody) as Record<string, unknown>]));
    expect(Object.keys(bodies).sort()).toEqual([...topics].sort());
    expect(bodies["collections/update"]).toMatchObject({ id: Number(collection.id), title: "Gift Ideas", handle: "gift-ideas", admin_graphql_api_id: `gid://shopify/Collection/${collection.id}` });
    expect(bodies["collections/update"]).not.toHaveProperty("products");
    expect(bodies["collections/delete"]).toEqual({ id: Number(collection.id), published_scope: "web", admin_graphql_api_id: `gid://shopify/Collection/${collection.id}` });
    expect(bodies["discounts/update"]).toEqual({
      admin_graphql_api_id: `gid://shopify/DiscountAutomaticNode/${discount.id}`,
      title: "Long weekend",
      status: "SCHEDULED",
      created_at: discount.createdAt,
      updated_at: discount.updatedAt,
    });
    expect(Object.keys(bodies["discounts/delete"]!).sort()).toEqual(["admin_graphql_api_id", "deleted_at"]);
    expect(data().products[2]!.collectionIds).not.toContain(collection.id);
  });
});
