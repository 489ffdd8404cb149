/** The app's identity in tests and the demo: what the Partner Dashboard would hold. */
/** Port the built app listens on inside the test process (integration files run one at a time). */
export const TEST_APP_PORT = Number(process.env.TEMPO_TEST_APP_PORT ?? 3457);

export const TEST_APP = {
  apiKey: "tempo-test-api-key",
  apiSecret: "tempo-test-api-secret",
  appUrl: `http://127.0.0.1:${TEST_APP_PORT}`,
  scopes: ["read_products", "read_inventory", "read_locations", "read_orders", "read_all_orders", "read_discounts", "write_inventory"],
  handle: "tempo-sop",
  name: "Tempo",
} as const;
