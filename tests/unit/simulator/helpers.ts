import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tinyShop } from "../../simulator/fixtures/tiny-shop";
import { startSimulator, type RunningSimulator, type SimulatorOptions } from "../../simulator/server";

export const TEST_APP = {
  apiKey: "sim-test-api-key",
  apiSecret: "sim-test-api-secret",
  scopes: ["read_products", "read_orders", "read_all_orders", "read_inventory", "read_locations", "read_discounts"],
  handle: "tempo",
  name: "Tempo",
};

export interface ReceivedWebhook {
  headers: IncomingMessage["headers"];
  rawBody: string;
  request: IncomingMessage;
  response: ServerResponse;
}

/** A stand-in app endpoint that records every request it receives and answers 200. */
export async function startReceiver(): Promise<{ url: string; received: ReceivedWebhook[]; close(): Promise<void> }> {
  const received: ReceivedWebhook[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (c: Buffer) => chunks.push(c));
    request.on("end", () => {
      received.push({ headers: request.headers, rawBody: Buffer.concat(chunks).toString("utf8"), request, response });
      response.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export async function startTestSimulator(overrides: Partial<SimulatorOptions> & { appUrl?: string; webhookTargets?: Record<string, string> } = {}): Promise<RunningSimulator> {
  const { appUrl, webhookTargets, ...rest } = overrides;
  return startSimulator({
    app: { ...TEST_APP, appUrl: appUrl ?? "http://127.0.0.1:9", webhookTargets },
    shops: [tinyShop()],
    ...rest,
  });
}

export interface GraphqlAnswer {
  status: number;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions?: Record<string, unknown>; locations?: unknown }[];
    extensions?: { cost: { requestedQueryCost: number; actualQueryCost: number | null; throttleStatus: { maximumAvailable: number; currentlyAvailable: number; restoreRate: number } } };
  };
}

/** Posts a query the way the Admin API expects, with the shop in x-forwarded-host. */
export async function adminGraphql(sim: RunningSimulator, token: string, query: string, variables: Record<string, unknown> = {}, shop?: string): Promise<GraphqlAnswer> {
  const response = await fetch(`${sim.url}/admin/api/2026-10/graphql.json`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-shopify-access-token": token, "x-forwarded-host": sim.shop(shop).domain },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as GraphqlAnswer["body"] };
}

export async function waitFor<T>(probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 10_000, everyMs = 25): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("waitFor timed out");
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
