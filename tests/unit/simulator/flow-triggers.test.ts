import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tinyShop } from "../../simulator/fixtures/tiny-shop";
import { loadAppExtensions } from "../../simulator/extensions/app-extensions";
import { flowTriggerDefinitions } from "../../simulator/flow/trigger-definitions";
import { FLOW_TRIGGER_PAYLOAD_LIMIT_BYTES } from "../../simulator/flow/trigger-receive";
import { startSimulator, type RunningSimulator } from "../../simulator/server";
import { adminGraphql, TEST_APP } from "./helpers";

const MUTATION = `mutation($handle: String, $payload: JSON) { flowTriggerReceive(handle: $handle, payload: $payload) { userErrors { field message } } }`;

const AUCTION_TOML = `
[[extensions]]
name = "Auction bid placed"
type = "flow_trigger"
handle = "auction-bid"

[settings]
  [[settings.fields]]
  type = "product_reference"

  [[settings.fields]]
  type = "single_line_text_field"
  key = "Bidder name"

  [[settings.fields]]
  type = "number_decimal"
  key = "Bid amount"

  [[settings.fields]]
  type = "url"
  key = "Auction link"

  [[settings.fields]]
  type = "boolean"
  key = "Reserve met"
`;

function extensionsFolder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "sim-extensions-"));
  for (const [folder, toml] of Object.entries(files)) {
    mkdirSync(join(dir, folder));
    writeFileSync(join(dir, folder, "shopify.extension.toml"), toml);
  }
  return dir;
}

describe("flow trigger definitions read from the extensions folder", () => {
  it("reads the app's own stockout-risk trigger: product reference as product_id, keyed custom fields", () => {
    const definitions = flowTriggerDefinitions(loadAppExtensions("extensions"));
    const trigger = definitions.get("stockout-risk");
    expect(trigger?.name).toBe("Stockout risk detected");
    const fields = Object.fromEntries((trigger?.fields ?? []).map((f) => [f.payloadKey, f.type]));
    expect(fields).toMatchObject({
      product_id: "product_reference",
      "Variant ID": "single_line_text_field",
      "Projected stockout date": "single_line_text_field",
      "Weeks of supply": "number_decimal",
      "Tempo link": "url",
    });
  });

  it("refuses what Shopify CLI refuses: keys with other characters, variant references, unknown types", () => {
    const withField = (field: string) => `[[extensions]]\nname = "X"\ntype = "flow_trigger"\nhandle = "x"\n[settings]\n[[settings.fields]]\n${field}\n`;
    const cases: [string, RegExp][] = [
      ['type = "single_line_text_field"\nkey = "weeks_of_supply"', /must contain only letters and spaces/],
      ['type = "product_variant_reference"', /commerce object product_variant_reference is not supported for Flow triggers/],
      ['type = "date"\nkey = "Stockout date"', /field type date is not supported on Flow triggers/],
      ['type = "number_decimal"', /needs a key/],
    ];
    for (const [field, message] of cases) {
      const dir = extensionsFolder({ x: withField(field) });
      try {
        expect(() => flowTriggerDefinitions(loadAppExtensions(dir))).toThrow(message);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  });

  it("names the file of a toml that does not parse", () => {
    const dir = extensionsFolder({ broken: "[[extensions]\nname = " });
    try {
      expect(() => loadAppExtensions(dir)).toThrow(/broken[/\\]shopify\.extension\.toml/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("flowTriggerReceive", () => {
  let sim: RunningSimulator;
  let token: string;
  let extensionsDir: string;
  let productId: string;
  const shop = tinyShop();

  beforeAll(async () => {
    extensionsDir = extensionsFolder({ "auction-bid": AUCTION_TOML });
    sim = await startSimulator({ app: { ...TEST_APP, appUrl: "http://127.0.0.1:9", extensionsDir }, shops: [shop] });
    token = sim.issueOfflineToken();
    productId = shop.products[0]?.id ?? "";
  });
  afterAll(async () => {
    await sim.close();
    rmSync(extensionsDir, { recursive: true, force: true });
  });

  const send = (handle: string | null, payload: unknown) => adminGraphql(sim, token, MUTATION, { handle, payload });
  const goodPayload = () => ({ product_id: `gid://shopify/Product/${productId}`, "Bidder name": "Ada", "Bid amount": 120.5, "Auction link": "https://example.com/a/1", "Reserve met": true });

  it("accepts a payload that matches the declared fields and records it for the shop", async () => {
    const before = sim.flowTriggers().length;
    const { body } = await send("auction-bid", goodPayload());
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({ flowTriggerReceive: { userErrors: [] } });
    const recorded = sim.flowTriggers().slice(before);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ shop: shop.shop.domain, handle: "auction-bid", payload: goodPayload() });
    const listed = (await (await fetch(`${sim.url}/_sim/flow-triggers?shop=${shop.shop.domain}`)).json()) as unknown[];
    expect(listed.at(-1)).toEqual(recorded[0]);
  });

  it("accepts a numeric product id and leaves optional fields out", async () => {
    const { body } = await send("auction-bid", { product_id: Number(productId), "Bidder name": "Grace" });
    expect(body.data).toEqual({ flowTriggerReceive: { userErrors: [] } });
  });

  it("answers an unknown handle with a userError and records nothing", async () => {
    const before = sim.flowTriggers().length;
    const { body } = await send("auction-bids", goodPayload());
    expect(body.data).toEqual({
      flowTriggerReceive: { userErrors: [{ field: ["handle"], message: "Invalid handle 'auction-bids': no Flow trigger with this handle (the app declares auction-bid)" }] },
    });
    expect(sim.flowTriggers()).toHaveLength(before);
  });

  it("names every bad field: unknown keys, wrong types, a missing reference", async () => {
    const { body } = await send("auction-bid", { "Bidder name": "Ada\nLovelace", "Bid amount": "120", "Auction link": "/a/1", "Reserve met": "yes", Colour: "red" });
    const errors = (body.data as { flowTriggerReceive: { userErrors: { field: string[]; message: string }[] } }).flowTriggerReceive.userErrors;
    expect(errors).toEqual([
      { field: ["payload", "Colour"], message: "Invalid field identifier 'Colour': the trigger 'auction-bid' declares no such field" },
      { field: ["payload", "product_id"], message: "Missing expected key 'product_id'" },
      { field: ["payload", "Bidder name"], message: "'Bidder name' must be a single line of text" },
      { field: ["payload", "Bid amount"], message: "'Bid amount' must be a number" },
      { field: ["payload", "Auction link"], message: "'Auction link' must be an absolute http(s) URL" },
      { field: ["payload", "Reserve met"], message: "'Reserve met' must be true or false" },
    ]);
  });

  it("refuses a product of another shop or of the wrong type", async () => {
    const missing = await send("auction-bid", { ...goodPayload(), product_id: "gid://shopify/Product/999999999" });
    expect(JSON.stringify(missing.body.data)).toContain("product 999999999 does not exist");
    const variantGid = await send("auction-bid", { ...goodPayload(), product_id: `gid://shopify/ProductVariant/${shop.variants[0]?.id}` });
    expect(JSON.stringify(variantGid.body.data)).toContain("'product_id' must be a Product id or gid://shopify/Product/<id>");
  });

  it("refuses a payload over Flow's size limit and a payload that is not an object", async () => {
    const big = await send("auction-bid", { ...goodPayload(), "Bidder name": "x".repeat(FLOW_TRIGGER_PAYLOAD_LIMIT_BYTES) });
    expect(JSON.stringify(big.body.data)).toMatch(/over Flow's limit of 51200 bytes/);
    const list = await send("auction-bid", [goodPayload()]);
    expect(list.body.data).toEqual({ flowTriggerReceive: { userErrors: [{ field: ["payload"], message: "Payload must be a JSON object" }] } });
  });

  it("needs read_products for a product reference", async () => {
    const target = sim.shop();
    const granted = target.grantedScopes;
    target.grantedScopes = granted.filter((s) => s !== "read_products");
    try {
      const { body } = await send("auction-bid", goodPayload());
      expect(JSON.stringify(body.data)).toContain("'product_id' needs the `read_products` access scope");
    } finally {
      target.grantedScopes = granted;
    }
  });

  it("validates the mutation against the real schema (payload is JSON, userErrors is required)", async () => {
    const { body } = await adminGraphql(sim, token, `mutation { flowTriggerReceive(handle: "auction-bid", payload: "{}") { userErrors { code } } }`);
    expect(body.errors?.[0]?.message).toBe("Field 'code' doesn't exist on type 'UserError'");
  });
});
