import type { SimAppConfig } from "../config";
import type { AppliedInventoryChange, InventoryChangeToApply } from "../control/store-actions";
import type { InventoryQuantityName } from "../store/types";
import type { FlowTriggerDefinition } from "../flow/trigger-definitions";
import type { SimShop } from "../shop-runtime";
import type { BulkScope } from "./connection";

/** What every resolver receives as graphql-js contextValue. */
export interface SimContext {
  shop: SimShop;
  app: SimAppConfig;
  /** Base URL of the simulator, for URLs it hands out (bulk files). */
  simulatorUrl: string;
  nowMs: number;
  enforceReadAllOrders: boolean;
  /** Present while executing a chunk of a bulk operation. */
  bulk?: BulkScope;
  /** The app's flow_trigger extensions by handle, read from its extensions folder. */
  flowTriggers: ReadonlyMap<string, FlowTriggerDefinition>;
  /** Starts a bulk operation; provided by the server so resolvers stay free of I/O. */
  startBulkQuery?: (query: string) => { operationId: string } | { userErrors: { code: string; message: string; field: string[] }[] };
  /** Applies checked inventory changes and sends their webhooks; provided by the server, like startBulkQuery. */
  applyInventoryChanges?: (name: InventoryQuantityName, changes: InventoryChangeToApply[]) => AppliedInventoryChange[];
}
