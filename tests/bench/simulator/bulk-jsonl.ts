/**
 * Bulk operation throughput: generates a brand with ~N order lines, runs the sync's orders+lineItems
 * bulk query through the simulator's HTTP API, and prints time, lines/s, file size and peak RSS.
 *
 *   npx tsx tests/bench/simulator/bulk-jsonl.ts [orderLines=1000000] [variants=2000]
 */
import { loadavg } from "node:os";
import { createInterface } from "node:readline";
import { Readable } from "node:stream";
import type { ReadableStream } from "node:stream/web";
import { generateBrand } from "../../simulator/seed/brand-generator";
import { startSimulator } from "../../simulator/server";

const orderLines = Number(process.argv[2] ?? 1_000_000);
const variants = Number(process.argv[3] ?? 2000);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);

const t0 = performance.now();
const data = generateBrand({ seed: 7, variants, orderLines, shopDomain: "bench.myshopify.com" });
const generatedMs = performance.now() - t0;
const lineCount = data.orders.reduce((n, o) => n + o.lineItems.length, 0);
const rssAfterGenerate = process.memoryUsage().rss;

const sim = await startSimulator({
  app: { apiKey: "k", apiSecret: "s", appUrl: "http://127.0.0.1:9", scopes: ["read_orders", "read_all_orders", "read_products", "read_inventory"] },
  shops: [data],
});
const token = sim.issueOfflineToken();
const graphql = async (query: string, variables: Record<string, unknown> = {}) => {
  const response = await fetch(`${sim.url}/admin/api/2026-10/graphql.json`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-shopify-access-token": token, "x-forwarded-host": "bench.myshopify.com" },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data: Record<string, { bulkOperation?: { id: string }; status?: string; url?: string; objectCount?: string; fileSize?: string }> };
};

const inner = `{ orders(query: "updated_at:>=2000-01-01") { edges { node { id name createdAt processedAt updatedAt cancelledAt sourceName
  channelInformation { displayName } retailLocation { id }
  lineItems { edges { node { id sku quantity currentQuantity variant { id } originalUnitPriceSet { shopMoney { amount currencyCode } }
    discountAllocations { allocatedAmountSet { shopMoney { amount } } } } } } } } } }`;
const t1 = performance.now();
const cpu1 = process.cpuUsage();
const started = await graphql("mutation($q: String!) { bulkOperationRunQuery(query: $q) { bulkOperation { id } userErrors { message } } }", { q: inner });
const id = started.data.bulkOperationRunQuery?.bulkOperation?.id;
let op: { status?: string; url?: string; objectCount?: string; fileSize?: string } = {};
let polls = 0;
const pollLatencies: number[] = [];
for (;;) {
  const p0 = performance.now();
  op = (await graphql("query($id: ID!) { node(id: $id) { ... on BulkOperation { status url objectCount fileSize } } }", { id })).data.node ?? {};
  pollLatencies.push(performance.now() - p0);
  polls++;
  if (op.status !== "RUNNING" && op.status !== "CREATED") break;
  await new Promise((r) => setTimeout(r, 250));
}
const bulkMs = performance.now() - t1;
const cpuDelta = process.cpuUsage(cpu1);
// CPU time is the fairer figure on a shared machine: wall time includes other processes' load.
const bulkCpuSeconds = (cpuDelta.user + cpuDelta.system) / 1e6;

// Read the file back line by line (as a streaming consumer would) and count parent/child lines.
const t2 = performance.now();
const response = await fetch(op.url ?? "");
let roots = 0;
let children = 0;
const rl = createInterface({ input: Readable.fromWeb(response.body as ReadableStream) });
for await (const line of rl) {
  if (line.includes('"__parentId"')) children++;
  else roots++;
}
const readMs = performance.now() - t2;
clearInterval(sampler);

console.log(`generated: ${data.orders.length} orders, ${lineCount} lines in ${(generatedMs / 1000).toFixed(1)} s (RSS ${mb(rssAfterGenerate)})`);
console.log(`bulk op: ${op.status}, ${op.objectCount} objects, ${mb(Number(op.fileSize))} JSONL in ${(bulkMs / 1000).toFixed(1)} s = ${Math.round(Number(op.objectCount) / (bulkMs / 1000))} objects/s`);
console.log(`bulk op CPU: ${bulkCpuSeconds.toFixed(1)} s = ${Math.round(Number(op.objectCount) / bulkCpuSeconds)} objects per CPU-second (load average now ${loadavg()[0]?.toFixed(1)})`);
console.log(`polls: ${polls}, median poll latency while running ${pollLatencies.sort((a, b) => a - b)[Math.floor(pollLatencies.length / 2)]?.toFixed(0)} ms, max ${Math.max(...pollLatencies).toFixed(0)} ms`);
console.log(`download+parse: ${roots} order lines, ${children} lineItem lines in ${(readMs / 1000).toFixed(1)} s; counts match store: ${roots === data.orders.length && children === lineCount}`);
console.log(`peak RSS ${mb(peakRss)} (store itself ~${mb(rssAfterGenerate)})`);
await sim.close();
