import { failureView, outlookView, productNumericId, type OutlookReply, type OutlookView } from "./outlook-view";

type Fetch = (input: string, init?: { headers?: Record<string, string> }) => Promise<{ ok: boolean; status: number; json(): Promise<unknown>; text(): Promise<string> }>;

/** Where the block asks; admin extensions resolve a relative URL against the app's URL and add the session token. */
export function outlookRequestPath(productId: string): string {
  return `/api/product-stock-outlook/${productId}`;
}

function isReply(value: unknown): value is OutlookReply {
  const state = (value as { state?: unknown } | null)?.state;
  return state === "ready" || state === "no-plan" || state === "unknown-product";
}

/** Asks Tempo's backend for the product's outlook and turns every outcome into something to show. */
export async function loadOutlookView(fetchFn: Fetch, productGid: string | undefined): Promise<OutlookView> {
  const productId = productNumericId(productGid);
  if (!productId) return failureView(null, `the block was opened without a product (${productGid ?? "nothing selected"})`);
  let response: Awaited<ReturnType<Fetch>>;
  try {
    response = await fetchFn(outlookRequestPath(productId), { headers: { Accept: "application/json" } });
  } catch (error) {
    return failureView(null, (error as Error).message);
  }
  if (!response.ok) {
    const body = await response.text().catch(() => "");
    let detail = body.slice(0, 200);
    try {
      detail = String((JSON.parse(body) as { error?: unknown }).error ?? detail);
    } catch {
      // Not JSON: keep the text.
    }
    return failureView(response.status, detail);
  }
  const reply = await response.json().catch(() => null);
  return isReply(reply) ? outlookView(reply) : failureView(response.status, "the answer was not a stock outlook");
}
