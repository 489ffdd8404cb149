import type { BulkOperationRecord } from "../../bulk/bulk-operation";
import type { SimContext } from "../context";
import { toGid } from "../ids";

const APP_ID = "1";

export function appView(ctx: SimContext) {
  const { app } = ctx;
  return {
    __typename: "App",
    id: toGid("App", APP_ID),
    apiKey: app.apiKey,
    title: app.name ?? app.handle ?? "App",
    handle: app.handle ?? null,
    embedded: true,
    description: null,
    developerName: "Simulator",
    launchUrl: app.appUrl,
    installUrl: null,
    previouslyInstalled: false,
    published: false,
    shopifyDeveloped: false,
    webhookApiVersion: ctx.shop.apiVersion,
    features: [],
    requestedAccessScopes: app.scopes.map(scopeView),
    availableAccessScopes: app.scopes.map(scopeView),
    optionalAccessScopes: [],
    installation: () => appInstallationView(ctx),
  };
}

function scopeView(handle: string) {
  return { handle, description: handle.replace(/_/g, " ") };
}

export function appInstallationView(ctx: SimContext) {
  return {
    __typename: "AppInstallation",
    id: toGid("AppInstallation", APP_ID),
    accessScopes: ctx.shop.grantedScopes.map(scopeView),
    app: appView(ctx),
    launchUrl: ctx.app.appUrl,
    uninstallUrl: null,
    activeSubscriptions: [],
    subscriptions: [],
    channel: null,
  };
}

export function bulkOperationView(record: BulkOperationRecord) {
  return {
    __typename: "BulkOperation",
    id: toGid("BulkOperation", record.id),
    status: record.status,
    errorCode: record.errorCode,
    createdAt: record.createdAt,
    completedAt: record.completedAt,
    objectCount: String(record.objectCount),
    rootObjectCount: String(record.rootObjectCount),
    fileSize: record.fileSize === null ? null : String(record.fileSize),
    url: record.url,
    partialDataUrl: record.partialDataUrl,
    query: record.query,
    type: record.type,
  };
}
