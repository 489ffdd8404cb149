import { describe, expect, it } from "vitest";
import { loadOutlookView, outlookRequestPath } from "../../../extensions/product-stock-outlook/src/load-outlook";

function answer(status: number, body: unknown) {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  return { ok: status >= 200 && status < 300, status, json: async () => JSON.parse(text) as unknown, text: async () => text };
}

describe("loadOutlookView", () => {
  it("asks the product's path relative to the app and shows the answer", async () => {
    const asked: string[] = [];
    const view = await loadOutlookView(async (url) => {
      asked.push(url);
      return answer(200, { state: "no-plan", productId: "3001" });
    }, "gid://shopify/Product/3001");
    expect(asked).toEqual([outlookRequestPath("3001")]);
    expect(asked[0]).toBe("/api/product-stock-outlook/3001");
    expect(view).toMatchObject({ kind: "message", title: "Tempo is still building the first plan" });
  });

  it("shows the backend's error text, a network failure, or an answer that is not an outlook", async () => {
    expect(await loadOutlookView(async () => answer(400, { error: '"x" is not a numeric product id' }), "gid://shopify/Product/1")).toMatchObject({
      body: 'Tempo answered 400: "x" is not a numeric product id',
    });
    expect(await loadOutlookView(async () => Promise.reject(new TypeError("Failed to fetch")), "gid://shopify/Product/1")).toMatchObject({
      body: "Tempo could not be reached: Failed to fetch",
    });
    expect(await loadOutlookView(async () => answer(200, "<html>login</html>"), "gid://shopify/Product/1")).toMatchObject({
      body: "Tempo answered 200: the answer was not a stock outlook",
    });
  });

  it("does not ask at all without a selected product", async () => {
    let asked = false;
    const view = await loadOutlookView(async () => {
      asked = true;
      return answer(200, {});
    }, undefined);
    expect(asked).toBe(false);
    expect(view).toMatchObject({ kind: "message", tone: "critical" });
  });
});
