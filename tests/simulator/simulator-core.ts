import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { GraphQLSchema } from "graphql";
import { AccessTokenRegistry } from "./auth/access-tokens";
import { BulkRunner } from "./bulk/bulk-runner";
import type { SimulatorOptions, SimAppConfig } from "./config";
import { StoreActions } from "./control/store-actions";
import { loadAppExtensions, type AppExtensionConfig } from "./extensions/app-extensions";
import { flowTriggerDefinitions, type FlowTriggerDefinition } from "./flow/trigger-definitions";
import type { SimContext } from "./graphql/context";
import { loadAdminSchema, PINNED_API_VERSION } from "./graphql/schema";
import { SimShop } from "./shop-runtime";
import { WebhookDispatcher } from "./webhooks/dispatcher";
import { bulkOperationFinishPayload } from "./webhooks/payloads";
import { parseAppToml, resolveWebhookTargets } from "./webhooks/subscriptions";

/** All simulator state shared by the HTTP routes and the JS API. */
export class SimulatorCore {
  readonly app: SimAppConfig;
  readonly apiVersion: string;
  readonly shops = new Map<string, SimShop>();
  readonly tokens = new AccessTokenRegistry();
  readonly dispatcher: WebhookDispatcher;
  readonly actions: StoreActions;
  readonly bulk: BulkRunner;
  readonly schema: GraphQLSchema;
  readonly bulkDir: string;
  /** True when bulkDir is a temp directory the simulator made (and so removes on close). */
  readonly ownsBulkDir: boolean;
  readonly now: () => Date;
  readonly enforceReadAllOrders: boolean;
  /** The app's extensions (shopify.extension.toml files) and, of them, its Flow triggers by handle. */
  readonly extensions: AppExtensionConfig[];
  readonly flowTriggers: Map<string, FlowTriggerDefinition>;
  /** Set once the server listens. */
  url = "";

  constructor(readonly options: SimulatorOptions) {
    this.app = { handle: "app", name: "App", ...options.app };
    this.apiVersion = options.apiVersion ?? PINNED_API_VERSION;
    this.now = options.now ?? (() => new Date());
    this.enforceReadAllOrders = options.enforceReadAllOrders ?? true;
    this.schema = loadAdminSchema(PINNED_API_VERSION);
    const extensionsDir = this.app.extensionsDir ?? (this.app.tomlPath ? join(dirname(this.app.tomlPath), "extensions") : undefined);
    this.extensions = extensionsDir ? loadAppExtensions(extensionsDir) : [];
    this.flowTriggers = flowTriggerDefinitions(this.extensions);
    for (const data of options.shops) this.addShop(data);
    this.dispatcher = new WebhookDispatcher({
      app: this.app,
      apiVersion: options.webhookApiVersion ?? (this.app.tomlPath ? parseAppToml(readFileSync(this.app.tomlPath, "utf8")).apiVersion : undefined) ?? this.apiVersion,
      targets: resolveWebhookTargets(this.app),
      ...(options.webhookFetch ? { fetchImpl: options.webhookFetch } : {}),
    });
    this.actions = new StoreActions(this.dispatcher, this.tokens, this.now);
    this.ownsBulkDir = options.bulkDir === undefined;
    this.bulkDir = options.bulkDir ?? mkdtempSync(join(tmpdir(), "shopify-sim-bulk-"));
    this.bulk = new BulkRunner({
      schema: this.schema,
      dir: this.bulkDir,
      chunkSize: options.bulkChunkSize ?? 500,
      fileUrl: (shop, fileName) => `${this.url}/_sim/bulk/${encodeURIComponent(shop.domain)}/${fileName}`,
      onFinish: (shop, record) => {
        this.actions.emit(shop, "bulk_operations/finish", bulkOperationFinishPayload(record), { duplicate: false, outOfOrder: false });
      },
    });
  }

  addShop(data: SimulatorOptions["shops"][number]): SimShop {
    const shop = new SimShop(data, this.options.plan ?? "standard", this.app.scopes, this.options.apiVersion ?? PINNED_API_VERSION);
    this.shops.set(shop.domain, shop);
    return shop;
  }

  /** The named shop, or the only one when the simulator hosts a single shop. */
  shop(domain?: string | null): SimShop {
    if (domain) {
      const normalized = domain.includes(".") ? domain : `${domain}.myshopify.com`;
      const shop = this.shops.get(normalized);
      if (!shop) throw new Error(`The simulator hosts no shop ${normalized}`);
      return shop;
    }
    if (this.shops.size === 1) return [...this.shops.values()][0] as SimShop;
    throw new Error(`Several shops are hosted; say which (${[...this.shops.keys()].join(", ")})`);
  }

  contextFor(shop: SimShop): SimContext {
    const ctx: SimContext = {
      shop,
      app: this.app,
      simulatorUrl: this.url,
      nowMs: this.now().getTime(),
      enforceReadAllOrders: this.enforceReadAllOrders,
      flowTriggers: this.flowTriggers,
    };
    ctx.startBulkQuery = (query) => this.bulk.start(ctx, query);
    ctx.applyInventoryChanges = (name, changes) => this.actions.applyInventoryChanges(shop, name, changes);
    return ctx;
  }
}
