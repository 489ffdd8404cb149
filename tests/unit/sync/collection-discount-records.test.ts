import { describe, expect, it } from "vitest";
import { parseBulkLine } from "~/shopify/bulk-records.server";
import { discountItemsPage, parseDiscountNode, percentFromFraction } from "~/shopify/discount-records";
import { grantAllowsDiscounts } from "~/shopify/discounts.server";
import {
  parseCollectionDeletePayload,
  parseCollectionPayload,
  parseDiscountDeletePayload,
  parseDiscountPayload,
  WebhookPayloadError,
} from "~/shopify/webhook-payloads.server";

const page = (ids: string[], next: string | null = null) => ({ nodes: ids.map((id) => ({ id })), pageInfo: { hasNextPage: next !== null, endCursor: next } });

function node(discount: Record<string, unknown>, id = "gid://shopify/DiscountAutomaticNode/77") {
  return {
    id,
    discount: { __typename: "DiscountAutomaticBasic", title: "Holiday Sale", status: "SCHEDULED", startsAt: "2026-12-01T05:00:00Z", endsAt: "2026-12-24T05:00:00Z", updatedAt: "2026-11-20T10:00:00Z", ...discount },
  };
}

describe("discount nodes", () => {
  it("maps a percentage on collections: Shopify's 0-1 fraction becomes percent", () => {
    const parsed = parseDiscountNode(
      node({ customerGets: { value: { __typename: "DiscountPercentage", percentage: 0.25 }, items: { __typename: "DiscountCollections", collections: page(["gid://shopify/Collection/9"]) } } }),
    );
    expect(parsed).toEqual({
      record: {
        id: 77n,
        title: "Holiday Sale",
        method: "automatic",
        status: "SCHEDULED",
        startsAt: new Date("2026-12-01T05:00:00Z"),
        endsAt: new Date("2026-12-24T05:00:00Z"),
        percentage: 25,
        appliesToAll: false,
        productIds: [],
        variantIds: [],
        collectionIds: [9n],
        updatedAt: new Date("2026-11-20T10:00:00Z"),
      },
      morePages: {},
    });
    expect(percentFromFraction(0.15)).toBe(15);
    expect(percentFromFraction(0.333)).toBe(33.3);
  });

  it("maps a code discount on products and variants, an amount off as no percentage, and notes the lists with more pages", () => {
    const parsed = parseDiscountNode(
      node(
        {
          __typename: "DiscountCodeBasic",
          customerGets: {
            value: { __typename: "DiscountAmount" },
            items: { __typename: "DiscountProducts", products: page(["gid://shopify/Product/1", "gid://shopify/Product/2"], "c2"), productVariants: page(["gid://shopify/ProductVariant/5"]) },
          },
        },
        "gid://shopify/DiscountCodeNode/78",
      ),
    );
    expect(parsed.record).toMatchObject({ id: 78n, method: "code", percentage: null, productIds: [1n, 2n], variantIds: [5n] });
    expect(parsed.morePages).toEqual({ products: "c2" });
    const next = discountItemsPage({ discount: { customerGets: { items: { products: page(["gid://shopify/Product/3"]) } } } }, "products");
    expect(next).toEqual({ ids: [3n], next: null });
  });

  it("marks a discount on everything, and leaves free shipping and buy X get Y aside", () => {
    expect(parseDiscountNode(node({ customerGets: { value: { __typename: "DiscountPercentage", percentage: 0.3 }, items: { __typename: "AllDiscountItems", allItems: true } } })).record).toMatchObject({
      appliesToAll: true,
      endsAt: new Date("2026-12-24T05:00:00Z"),
    });
    expect(parseDiscountNode(node({ __typename: "DiscountAutomaticFreeShipping" })).record).toBeNull();
    expect(parseDiscountNode(node({ __typename: "DiscountCodeBxgy" })).record).toBeNull();
    expect(parseDiscountNode(node({ startsAt: null })).record).toBeNull();
  });

  it("reads write_discounts as a grant to read them too", () => {
    expect(grantAllowsDiscounts("read_products,read_discounts")).toBe(true);
    expect(grantAllowsDiscounts("read_products, write_discounts")).toBe(true);
    expect(grantAllowsDiscounts("read_products")).toBe(false);
    expect(grantAllowsDiscounts(null)).toBe(false);
  });
});

describe("collection and discount webhook bodies", () => {
  it("takes a collection's id from its GID, exact where REST's JSON number already lost digits", () => {
    const body = { id: 408372092144951400, handle: "mynewcollection", title: "My New Collection", updated_at: "2021-12-31T19:00:00-05:00", admin_graphql_api_id: "gid://shopify/Collection/408372092144951419" };
    expect(parseCollectionPayload(body)).toEqual({ id: 408372092144951419n, title: "My New Collection", handle: "mynewcollection", updatedAt: new Date("2022-01-01T00:00:00Z") });
    expect(parseCollectionDeletePayload({ id: 12, published_scope: "web" })).toBe(12n);
    expect(() => parseCollectionPayload({ ...body, updated_at: undefined })).toThrow(WebhookPayloadError);
    expect(() => parseCollectionPayload({ ...body, admin_graphql_api_id: "gid://shopify/Product/1" })).toThrow(/Collection GID/);
  });

  it("reads a discount's node GID (automatic or code) and refuses bodies without one", () => {
    const body = { admin_graphql_api_id: "gid://shopify/DiscountCodeNode/1", title: "Code", status: "ACTIVE", created_at: "2016-08-29T13:00:00-04:00", updated_at: "2016-08-29T13:00:00-04:00" };
    expect(parseDiscountPayload(body)).toEqual({ id: 1n, gid: "gid://shopify/DiscountCodeNode/1", updatedAt: new Date("2016-08-29T17:00:00Z") });
    expect(parseDiscountDeletePayload({ admin_graphql_api_id: "gid://shopify/DiscountAutomaticNode/2", deleted_at: "2018-08-29T13:00:00-04:00" })).toEqual({ id: 2n, deletedAt: new Date("2018-08-29T17:00:00Z") });
    expect(() => parseDiscountPayload({ ...body, admin_graphql_api_id: undefined, id: 1 })).toThrow(/admin_graphql_api_id/);
    expect(() => parseDiscountPayload({ ...body, admin_graphql_api_id: "gid://shopify/PriceRule/1" })).toThrow(WebhookPayloadError);
    expect(() => parseDiscountPayload({ ...body, updated_at: "soon" })).toThrow(/updated_at/);
  });
});

describe("collection lines of the catalogue export", () => {
  it("are a product's memberships; a collection line without a parent is not", () => {
    const line = JSON.stringify({ id: "gid://shopify/Collection/5", title: "Sale", handle: "sale", updatedAt: "2026-10-01T00:00:00Z", __parentId: "gid://shopify/Product/9" });
    expect(parseBulkLine(line)).toEqual({
      kind: "membership",
      root: false,
      record: { productId: 9n, collection: { id: 5n, title: "Sale", handle: "sale", updatedAt: new Date("2026-10-01T00:00:00Z") } },
    });
    expect(parseBulkLine(JSON.stringify({ id: "gid://shopify/Collection/5", title: "Sale" }))).toEqual({ kind: "other", root: true });
  });
});
