import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";

/** The claims of a Shopify session token (App Bridge id_token). */
export interface SessionTokenClaims {
  iss: string;
  dest: string;
  aud: string;
  sub: string;
  exp: number;
  nbf: number;
  iat: number;
  jti: string;
  sid: string;
  sig?: string;
}

const base64url = (input: Buffer | string) => Buffer.from(input).toString("base64url");

export function signHs256(payload: object, secret: string): string {
  const header = base64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const body = base64url(JSON.stringify(payload));
  const signature = createHmac("sha256", secret).update(`${header}.${body}`).digest("base64url");
  return `${header}.${body}.${signature}`;
}

/** A fresh session token as Shopify admin would hand to an embedded app (valid for one minute). */
export function issueSessionToken(options: { shop: string; apiKey: string; apiSecret: string; userId?: string; nowMs?: number }): string {
  const now = Math.floor((options.nowMs ?? Date.now()) / 1000);
  const claims: SessionTokenClaims = {
    iss: `https://${options.shop}/admin`,
    dest: `https://${options.shop}`,
    aud: options.apiKey,
    sub: options.userId ?? "1",
    exp: now + 60,
    nbf: now,
    iat: now,
    jti: randomUUID(),
    sid: randomUUID(),
  };
  return signHs256(claims, options.apiSecret);
}

export type VerifyResult = { ok: true; claims: SessionTokenClaims } | { ok: false; reason: string };

/** Checks signature, algorithm, audience, destination shop and time window (5 s clock skew). */
export function verifySessionToken(token: string, options: { apiKey: string; apiSecret: string; shop?: string; nowMs?: number }): VerifyResult {
  const parts = token.split(".");
  if (parts.length !== 3) return { ok: false, reason: "malformed token" };
  const [headerPart, bodyPart, signaturePart] = parts as [string, string, string];
  let header: { alg?: string };
  let claims: SessionTokenClaims;
  try {
    header = JSON.parse(Buffer.from(headerPart, "base64url").toString("utf8")) as { alg?: string };
    claims = JSON.parse(Buffer.from(bodyPart, "base64url").toString("utf8")) as SessionTokenClaims;
  } catch {
    return { ok: false, reason: "malformed token" };
  }
  if (header.alg !== "HS256") return { ok: false, reason: "unsupported algorithm" };
  const expected = createHmac("sha256", options.apiSecret).update(`${headerPart}.${bodyPart}`).digest();
  const given = Buffer.from(signaturePart, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "signature mismatch" };
  if (claims.aud !== options.apiKey) return { ok: false, reason: "audience mismatch" };
  if (typeof claims.dest !== "string" || !/^https:\/\/[a-z0-9][a-z0-9-]*\.myshopify\.com$/.test(claims.dest)) {
    return { ok: false, reason: "invalid destination" };
  }
  if (options.shop && claims.dest !== `https://${options.shop}`) return { ok: false, reason: "destination does not match the shop" };
  const now = Math.floor((options.nowMs ?? Date.now()) / 1000);
  const skew = 5;
  if (typeof claims.exp !== "number" || claims.exp + skew < now) return { ok: false, reason: "token expired" };
  if (typeof claims.nbf === "number" && claims.nbf - skew > now) return { ok: false, reason: "token not yet valid" };
  return { ok: true, claims };
}
