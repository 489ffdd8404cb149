import { readFileSync } from "node:fs";
import type { SimAppConfig } from "../config";

interface TomlSubscription {
  topics: string[];
  uri: string;
}

type TomlValue = string | number | boolean | string[];

function parseValue(raw: string): TomlValue {
  const value = raw.trim();
  if (value.startsWith("[")) {
    return [...value.matchAll(/"([^"]*)"|'([^']*)'/g)].map((m) => m[1] ?? m[2] ?? "");
  }
  if (/^".*"$/.test(value) || /^'.*'$/.test(value)) return value.slice(1, -1);
  if (value === "true" || value === "false") return value === "true";
  const n = Number(value);
  return Number.isNaN(n) ? value : n;
}

/**
 * Reads the parts of shopify.app.toml the simulator needs: application_url and the
 * [[webhooks.subscriptions]] tables (topics, compliance_topics, uri). Not a general TOML parser:
 * it handles one-line values and arrays that may span lines.
 */
export interface ParsedAppToml {
  clientId?: string;
  name?: string;
  handle?: string;
  applicationUrl?: string;
  scopes?: string[];
  /** [webhooks] api_version: the version webhooks are sent with. */
  apiVersion?: string;
  subscriptions: TomlSubscription[];
}

export function parseAppToml(text: string): ParsedAppToml {
  const subscriptions: TomlSubscription[] = [];
  let table = "";
  let current: { topics: string[]; uri?: string } | null = null;
  const result: ParsedAppToml = { subscriptions };
  const lines = text.replace(/\r/g, "").split("\n");
  const flush = () => {
    if (current?.uri) subscriptions.push({ topics: current.topics, uri: current.uri });
    current = null;
  };
  for (let i = 0; i < lines.length; i++) {
    let line = (lines[i] ?? "").replace(/\s+#.*$/, "").trim();
    if (line === "" || line.startsWith("#")) continue;
    const arrayTable = /^\[\[([^\]]+)\]\]$/.exec(line);
    const plainTable = /^\[([^\]]+)\]$/.exec(line);
    if (arrayTable || plainTable) {
      flush();
      table = (arrayTable?.[1] ?? plainTable?.[1] ?? "").trim();
      if (arrayTable && table === "webhooks.subscriptions") current = { topics: [] };
      continue;
    }
    const eq = line.indexOf("=");
    if (eq === -1) continue;
    // Arrays may continue over several lines until the closing bracket.
    while (line.includes("[") && !line.includes("]") && i + 1 < lines.length) line += ` ${(lines[++i] ?? "").trim()}`;
    const key = line.slice(0, eq).trim();
    const value = parseValue(line.slice(eq + 1));
    if (typeof value === "string") {
      if (table === "" && key === "application_url") result.applicationUrl = value;
      if (table === "" && key === "client_id") result.clientId = value;
      if (table === "" && key === "name") result.name = value;
      if (table === "" && key === "handle") result.handle = value;
      if (table === "access_scopes" && key === "scopes") result.scopes = value.split(",").map((x) => x.trim()).filter(Boolean);
      if (table === "webhooks" && key === "api_version") result.apiVersion = value;
    }
    if (current && (key === "topics" || key === "compliance_topics") && Array.isArray(value)) current.topics.push(...value);
    if (current && key === "uri" && typeof value === "string") current.uri = value;
  }
  flush();
  return result;
}

/** topic -> absolute delivery URL, from the toml (if given) overlaid with explicit targets. */
export function resolveWebhookTargets(app: SimAppConfig): Map<string, string> {
  const targets = new Map<string, string>();
  const absolute = (uri: string) => new URL(uri, app.appUrl.endsWith("/") ? app.appUrl : `${app.appUrl}/`).toString();
  if (app.tomlPath) {
    const parsed = parseAppToml(readFileSync(app.tomlPath, "utf8"));
    for (const subscription of parsed.subscriptions) {
      for (const topic of subscription.topics) targets.set(topic, absolute(subscription.uri));
    }
  }
  for (const [topic, uri] of Object.entries(app.webhookTargets ?? {})) targets.set(topic, absolute(uri));
  return targets;
}
