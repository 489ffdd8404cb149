import type { SimAppConfig } from "../config";
import type { SimShop } from "../shop-runtime";
import type { AccessTokenRegistry } from "./access-tokens";
import { verifySessionToken } from "./jwt";

export const TOKEN_EXCHANGE_GRANT = "urn:ietf:params:oauth:grant-type:token-exchange";
export const ID_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:id_token";
export const ONLINE_TOKEN_TYPE = "urn:shopify:params:oauth:token-type:online-access-token";
export const OFFLINE_TOKEN_TYPE = "urn:shopify:params:oauth:token-type:offline-access-token";

export interface TokenEndpointResult {
  status: number;
  body: Record<string, unknown>;
}

function oauthError(status: number, error: string, description: string): TokenEndpointResult {
  return { status, body: { error, error_description: description } };
}

const text = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

/** POST /admin/oauth/access_token: token exchange and refresh-token grants. */
export function handleAccessTokenRequest(input: {
  params: Record<string, unknown>;
  shop: SimShop;
  app: SimAppConfig;
  tokens: AccessTokenRegistry;
  nowMs: number;
}): TokenEndpointResult {
  const { params, shop, app, tokens, nowMs } = input;
  if (text(params.client_id) !== app.apiKey || text(params.client_secret) !== app.apiSecret) {
    return oauthError(401, "invalid_client", "Client authentication failed: the client id or secret is invalid.");
  }
  const grantType = text(params.grant_type);
  if (grantType === "refresh_token") {
    const refreshed = tokens.refresh(text(params.refresh_token) ?? "", nowMs);
    return refreshed ? { status: 200, body: refreshed } : oauthError(400, "invalid_grant", "The refresh token is invalid or expired.");
  }
  if (grantType !== TOKEN_EXCHANGE_GRANT) return oauthError(400, "unsupported_grant_type", `Unsupported grant type: ${grantType ?? "none"}`);

  const subjectTokenType = text(params.subject_token_type);
  if (subjectTokenType !== undefined && subjectTokenType !== ID_TOKEN_TYPE) {
    return oauthError(400, "invalid_request", "subject_token_type must be an id_token");
  }
  const verified = verifySessionToken(text(params.subject_token) ?? "", { apiKey: app.apiKey, apiSecret: app.apiSecret, shop: shop.domain, nowMs });
  if (!verified.ok) return oauthError(400, "invalid_subject_token", `The subject token is invalid: ${verified.reason}.`);

  // Opening the app from the admin installs it (Shopify managed installation).
  shop.installed = true;
  const requested = text(params.requested_token_type) ?? OFFLINE_TOKEN_TYPE;
  if (requested === ONLINE_TOKEN_TYPE) {
    return { status: 200, body: tokens.issueOnline(shop.domain, shop.grantedScopes, verified.claims.sub, nowMs) };
  }
  if (requested !== OFFLINE_TOKEN_TYPE) return oauthError(400, "invalid_request", `Unsupported requested_token_type: ${requested}`);
  const expiring = text(params.expiring) === "1" || params.expiring === true;
  return { status: 200, body: tokens.issueOffline(shop.domain, shop.grantedScopes, expiring, nowMs) };
}
