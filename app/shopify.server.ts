import "@shopify/shopify-app-remix/adapters/node";
import {
  ApiVersion,
  AppDistribution,
  LogSeverity,
  shopifyApp,
} from "@shopify/shopify-app-remix/server";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import prisma from "./db.server";
import { fromRemixAdmin } from "./shopify/admin-client.server";
import { onShopAuthenticated } from "./shopify/after-auth.server";

/** The Admin API version every query, webhook and bulk operation is written against. */
export const ADMIN_API_VERSION = ApiVersion.October26;

function logLevel(name: string | undefined): LogSeverity {
  const levels: Record<string, LogSeverity> = {
    error: LogSeverity.Error,
    warning: LogSeverity.Warning,
    info: LogSeverity.Info,
    debug: LogSeverity.Debug,
  };
  return levels[name ?? "info"] ?? LogSeverity.Info;
}

const shopify = shopifyApp({
  apiKey: process.env.SHOPIFY_API_KEY,
  apiSecretKey: process.env.SHOPIFY_API_SECRET || "",
  apiVersion: ADMIN_API_VERSION,
  scopes: process.env.SCOPES?.split(","),
  appUrl: process.env.SHOPIFY_APP_URL || "",
  authPathPrefix: "/auth",
  sessionStorage: new PrismaSessionStorage(prisma),
  distribution: AppDistribution.AppStore,
  logger: { level: logLevel(process.env.SHOPIFY_LOG_LEVEL) },
  future: {
    unstable_newEmbeddedAuthStrategy: true,
  },
  hooks: {
    afterAuth: async ({ session, admin }) => {
      await onShopAuthenticated(session.shop, fromRemixAdmin(admin));
    },
  },
  ...(process.env.SHOP_CUSTOM_DOMAIN
    ? { customShopDomains: [process.env.SHOP_CUSTOM_DOMAIN] }
    : {}),
});

export default shopify;
export const apiVersion = ADMIN_API_VERSION;
export const addDocumentResponseHeaders = shopify.addDocumentResponseHeaders;
export const authenticate = shopify.authenticate;
export const unauthenticated = shopify.unauthenticated;
export const login = shopify.login;
export const registerWebhooks = shopify.registerWebhooks;
export const sessionStorage = shopify.sessionStorage;
