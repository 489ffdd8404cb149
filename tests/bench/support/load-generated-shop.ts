/** Bench set-up (child process): installs the simulated shop and backfills it through the real sync code. Run by generated-shop.ts. */
export {};
await import("../../support/app-env");
const shop = process.env.BENCH_SHOP!;
const simulatorUrl = process.env.SHOPIFY_SIMULATOR_URL!;
const { TEST_APP } = await import("../../support/test-app");
const { default: prisma } = await import("~/platform/db.server");
const { runCatalogBackfill } = await import("~/sync/catalog-backfill.server");
const { runOrdersBackfill, startOrdersExportEarly } = await import("~/sync/orders-backfill.server");
const { loadSyncContext } = await import("~/sync/shop-context.server");
const { closePgPool } = await import("~/platform/pg-pool.server");

const { token } = (await (await fetch(`${simulatorUrl}/_sim/session-token?shop=${shop}`)).json()) as { token: string };
const exchange = await fetch(`${simulatorUrl}/admin/oauth/access_token`, {
  method: "POST",
  headers: { "content-type": "application/json", "x-forwarded-host": shop },
  body: JSON.stringify({
    client_id: TEST_APP.apiKey,
    client_secret: TEST_APP.apiSecret,
    grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
    subject_token: token,
    subject_token_type: "urn:ietf:params:oauth:token-type:id_token",
    requested_token_type: "urn:shopify:params:oauth:token-type:offline-access-token",
  }),
});
const { access_token: accessToken } = (await exchange.json()) as { access_token: string };
await prisma.session.create({ data: { id: `offline_${shop}`, shop, state: "", isOnline: false, scope: TEST_APP.scopes.join(","), accessToken } });
const record = await prisma.shop.create({ data: { domain: shop, ianaTimezone: "Etc/UTC", currencyCode: "USD", accessScopes: TEST_APP.scopes.join(",") } });
const ctx = await loadSyncContext(record.id);
const started = performance.now();
await startOrdersExportEarly(ctx);
await runCatalogBackfill(ctx, { batchSize: 5000 });
await runOrdersBackfill(ctx, { batchSize: 5000 });
console.log(`  set-up: backfilled in ${((performance.now() - started) / 1000).toFixed(0)} s`);
await closePgPool();
await prisma.$disconnect();
process.exit(0);
