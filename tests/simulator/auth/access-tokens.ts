import { randomBytes } from "node:crypto";

export interface IssuedToken {
  shop: string;
  kind: "offline" | "online";
  scope: string[];
  userId: string | null;
  /** Epoch ms; null for non-expiring offline tokens. */
  expiresAtMs: number | null;
}

const OFFLINE_EXPIRING_SECONDS = 3600;
const ONLINE_SECONDS = 86_399;
const REFRESH_TOKEN_SECONDS = 90 * 86_400;

/** Tokens the simulator issued, shared by all shops (tokens carry their shop). */
export class AccessTokenRegistry {
  private readonly accessTokens = new Map<string, IssuedToken>();
  private readonly refreshTokens = new Map<string, { shop: string; scope: string[]; expiresAtMs: number }>();

  issueOffline(shop: string, scope: string[], expiring: boolean, nowMs = Date.now()) {
    const accessToken = `shpat_${randomBytes(16).toString("hex")}`;
    const expiresAtMs = expiring ? nowMs + OFFLINE_EXPIRING_SECONDS * 1000 : null;
    this.accessTokens.set(accessToken, { shop, kind: "offline", scope, userId: null, expiresAtMs });
    if (!expiring) return { access_token: accessToken, scope: scope.join(",") };
    const refreshToken = `shprt_${randomBytes(16).toString("hex")}`;
    this.refreshTokens.set(refreshToken, { shop, scope, expiresAtMs: nowMs + REFRESH_TOKEN_SECONDS * 1000 });
    return {
      access_token: accessToken,
      scope: scope.join(","),
      expires_in: OFFLINE_EXPIRING_SECONDS,
      refresh_token: refreshToken,
      refresh_token_expires_in: REFRESH_TOKEN_SECONDS,
    };
  }

  issueOnline(shop: string, scope: string[], userId: string, nowMs = Date.now()) {
    const accessToken = `shpua_${randomBytes(16).toString("hex")}`;
    this.accessTokens.set(accessToken, { shop, kind: "online", scope, userId, expiresAtMs: nowMs + ONLINE_SECONDS * 1000 });
    return {
      access_token: accessToken,
      scope: scope.join(","),
      expires_in: ONLINE_SECONDS,
      associated_user_scope: scope.join(","),
      associated_user: {
        id: Number(userId),
        first_name: "Sim",
        last_name: "Merchant",
        email: `merchant+${userId}@example.com`,
        account_owner: true,
        locale: "en",
        collaborator: false,
        email_verified: true,
      },
    };
  }

  /** Trades a refresh token for a new expiring offline token (the old refresh token is spent). */
  refresh(refreshToken: string, nowMs = Date.now()) {
    const entry = this.refreshTokens.get(refreshToken);
    if (!entry || entry.expiresAtMs < nowMs) return null;
    this.refreshTokens.delete(refreshToken);
    return this.issueOffline(entry.shop, entry.scope, true, nowMs);
  }

  /** The token's record if it is valid for this shop right now. */
  check(accessToken: string | null | undefined, shop: string, nowMs = Date.now()): IssuedToken | null {
    if (!accessToken) return null;
    const token = this.accessTokens.get(accessToken);
    if (!token || token.shop !== shop) return null;
    if (token.expiresAtMs !== null && token.expiresAtMs < nowMs) return null;
    return token;
  }

  revokeShop(shop: string): void {
    for (const [value, token] of this.accessTokens) if (token.shop === shop) this.accessTokens.delete(value);
    for (const [value, token] of this.refreshTokens) if (token.shop === shop) this.refreshTokens.delete(value);
  }
}
