/**
 * A fetch for @shopify/shopify-api's `setAbstractFetchFunc` that sends every
 * `https://<shop>.myshopify.com/...` request to the simulator instead, keeping the shop
 * visible in `x-forwarded-host` (fetch may not set Host). Other URLs pass through untouched.
 * Install it from a test/demo preload, never from app code.
 */
const MYSHOPIFY_HOST = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/i;

export function rewriteShopifyUrl(input: string, simulatorUrl: string): { url: string; shop: string } | null {
  const url = new URL(input);
  if (!MYSHOPIFY_HOST.test(url.hostname)) return null;
  const target = new URL(simulatorUrl);
  target.pathname = `${target.pathname.replace(/\/$/, "")}${url.pathname}`;
  target.search = url.search;
  return { url: target.toString(), shop: url.hostname.toLowerCase() };
}

export function createSimulatorFetch(simulatorUrl: string, baseFetch: typeof fetch = globalThis.fetch): typeof fetch {
  const simulatorFetch = async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]): Promise<Response> => {
    const request = input instanceof Request ? input : null;
    const original = request ? request.url : input instanceof URL ? input.toString() : String(input);
    const rewritten = rewriteShopifyUrl(original, simulatorUrl);
    if (!rewritten) return baseFetch(input, init);
    const headers = new Headers(init?.headers ?? request?.headers);
    headers.set("x-forwarded-host", rewritten.shop);
    if (request) {
      return baseFetch(new Request(rewritten.url, { method: request.method, headers, body: request.body, duplex: "half", signal: request.signal } as RequestInit));
    }
    return baseFetch(rewritten.url, { ...init, headers });
  };
  return simulatorFetch as typeof fetch;
}
