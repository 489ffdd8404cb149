import { GraphQLError } from "graphql";
import type { SimContext } from "./context";
import { receiveFlowTrigger } from "../flow/trigger-receive";
import { parseGid } from "./ids";
import { bulkOperationView } from "./views/app";

/** The Mutation root: only what the app uses; other mutations answer with a clear error. */
export function mutationRoot(ctx: SimContext) {
  return {
    bulkOperationRunQuery: (args: { query: string; groupObjects: boolean }) => {
      if (!ctx.startBulkQuery) throw new GraphQLError("Bulk operations are not available here");
      const started = ctx.startBulkQuery(args.query);
      if ("userErrors" in started) return { bulkOperation: null, userErrors: started.userErrors };
      const record = ctx.shop.bulkOperations.get(started.operationId);
      return { bulkOperation: record ? bulkOperationView(record) : null, userErrors: [] };
    },
    bulkOperationCancel: (args: { id: string }) => {
      const id = parseGid(args.id)?.id;
      const record = id ? ctx.shop.bulkOperations.get(id) : undefined;
      if (!record) return { bulkOperation: null, userErrors: [{ field: ["id"], message: "Bulk operation does not exist" }] };
      if (record.status === "CREATED" || record.status === "RUNNING") record.status = "CANCELING";
      return { bulkOperation: bulkOperationView(record), userErrors: [] };
    },
    flowTriggerReceive: (args: { handle?: string | null; payload?: unknown; body?: string | null }) => {
      const { userErrors, record } = receiveFlowTrigger(ctx.flowTriggers, ctx.shop, args, new Date(ctx.nowMs).toISOString());
      if (record) ctx.shop.flowTriggers.push(record);
      return { userErrors: userErrors.map((e) => ({ __typename: "UserError", ...e })) };
    },
  };
}

