import "@shopify/shopify-app-remix/adapters/node";
import {
  ApiVersion,
  AppDistribution,
  LogSeverity,
  shopifyApp,
} from "@shopify/shopify-app-remix/server";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import prisma from "./platform/db.server";
import { fromRemixAdmin } from "./shopify/admin-client.server";
import { onShopAuthenticated } from "./sync/after-auth.server";
import { readEnv } from "./platform/env.server";

/** The Admin API version every query, webhook and bulk operation is written against. */
export const ADMIN_API_VERSION = ApiVersion.October26;

const LOG_LEVELS = { error: LogSeverity.Error, warning: LogSeverity.Warning, info: LogSeverity.Info, debug: LogSeverity.Debug } as const;
const customShopDomain = readEnv("SHOP_CUSTOM_DOMAIN");

const shopify = shopifyApp({
  apiKey: readEnv("SHOPIFY_API_KEY"),
  apiSecretKey: readEnv("SHOPIFY_API_SECRET"),
  apiVersion: ADMIN_API_VERSION,
  scopes: readEnv("SCOPES"),
  appUrl: readEnv("SHOPIFY_APP_URL"),
  authPathPrefix: "/auth",
  sessionStorage: new PrismaSessionStorage(prisma),
  distribution: AppDistribution.AppStore,
  logger: { level: LOG_LEVELS[readEnv("SHOPIFY_LOG_LEVEL")] },
  future: {
    unstable_newEmbeddedAuthStrategy: true,
  },
  hooks: {
    afterAuth: async ({ session, admin }) => {
      await onShopAuthenticated(session.shop, fromRemixAdmin(admin));
    },
  },
  ...(customShopDomain ? { customShopDomains: [customShopDomain] } : {}),
});

export default shopify;
export const apiVersion = ADMIN_API_VERSION;
export const addDocumentResponseHeaders = shopify.addDocumentResponseHeaders;
export const authenticate = shopify.authenticate;
export const unauthenticated = shopify.unauthenticated;
export const login = shopify.login;
export const registerWebhooks = shopify.registerWebhooks;
export const sessionStorage = shopify.sessionStorage;
