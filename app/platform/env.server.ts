/**
 * The process environment, read against one schema: every variable Tempo reads is listed here
 * (and in the README's Configuration). The web and worker processes call `loadEnv()` at start-up,
 * so a missing or malformed value stops them with a message naming the variable.
 */
import { z } from "zod";

const positiveInt = z.coerce.number().int().positive();
const flag = z.enum(["0", "1", "true", "false"]).transform((v) => v === "1" || v === "true");
const list = z.string().transform((v) => v.split(/[\s,]+/).filter(Boolean));

export const ENV_SCHEMA = z.object({
  DATABASE_URL: z.url({ message: "must be a PostgreSQL connection URL" }),
  REDIS_URL: z.url().default("redis://127.0.0.1:6379"),
  QUEUE_PREFIX: z.string().min(1).default("tempo"),
  SHOPIFY_API_KEY: z.string().min(1),
  SHOPIFY_API_SECRET: z.string().min(1),
  SHOPIFY_APP_URL: z.url(),
  SCOPES: list.optional(),
  SHOPIFY_APP_HANDLE: z.string().min(1).default("tempo-sop"),
  SHOPIFY_LOG_LEVEL: z.enum(["error", "warning", "info", "debug"]).default("info"),
  SHOP_CUSTOM_DOMAIN: z.string().min(1).optional(),
  APP_BRIDGE_URL: z.url().optional(),
  ADDITIONAL_FRAME_ANCESTORS: list.default([]),
  WEBHOOK_BODY_LIMIT_BYTES: positiveInt.default(5 * 1024 * 1024),
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  PORT: positiveInt.max(65_535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  SHUTDOWN_TIMEOUT_MS: positiveInt.default(10_000),
  TEMPO_BUILD_DIR: z.string().min(1).default("build"),
  LOG_REQUESTS: flag.default(false),
});

export type Env = z.infer<typeof ENV_SCHEMA>;

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`The environment is not valid (README.md, "Configuration"):\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

const KEYS = Object.keys(ENV_SCHEMA.shape) as (keyof Env)[];

/** Empty values count as unset, as a shell's `FOO=` means. */
function rawEnv(source: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(KEYS.flatMap((key) => (source[key] ? [[key, source[key]!]] : [])));
}

export function parseEnv(source: NodeJS.ProcessEnv): Env {
  const parsed = ENV_SCHEMA.safeParse(rawEnv(source));
  if (parsed.success) return parsed.data;
  throw new EnvError(parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.input === undefined ? "is not set" : issue.message}`));
}

// Each variable is parsed once, and again only when its value changes (tests point the app elsewhere
// between cases). A process that needs one variable (a bench, a CLI) is not made to set them all.
const parsedValues = new Map<keyof Env, { raw: string | undefined; value: unknown }>();

export function readEnv<K extends keyof Env>(key: K): Env[K] {
  const raw = process.env[key] || undefined;
  const known = parsedValues.get(key);
  if (known && known.raw === raw) return known.value as Env[K];
  const parsed = ENV_SCHEMA.shape[key].safeParse(raw);
  if (!parsed.success) throw new EnvError([`${key}: ${raw === undefined ? "is not set" : parsed.error.issues[0]?.message ?? "is not valid"}`]);
  parsedValues.set(key, { raw, value: parsed.data });
  return parsed.data as Env[K];
}

/** At a process's start: the environment checked, or the process ends with what is wrong. */
export function loadEnv(processName: string): Env {
  try {
    return parseEnv(process.env);
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    console.error(`[${processName}] ${error.message}`);
    process.exit(1);
  }
}

export const databaseUrl = (): string => readEnv("DATABASE_URL");
/** The app's client secret: it signs webhooks and session tokens. */
export const shopifyApiSecret = (): string => readEnv("SHOPIFY_API_SECRET");
export const shopifyApiKey = (): string => readEnv("SHOPIFY_API_KEY");
export const redisUrl = (): string => readEnv("REDIS_URL");
export const queuePrefix = (): string => readEnv("QUEUE_PREFIX");
/** Where App Bridge loads from when not Shopify's CDN (an offline admin, a test shell). */
export const appBridgeUrl = (): string | undefined => readEnv("APP_BRIDGE_URL");
/** Origins besides Shopify's admin that may frame the app (a staging admin proxy, a local admin). */
export const extraFrameAncestors = (): string[] => readEnv("ADDITIONAL_FRAME_ANCESTORS");
/**
 * Largest webhook body read (default 5 MiB); larger ones get 413. Shopify's largest bodies
 * (an order with hundreds of lines, a product with 2,048 variants) stay well under it.
 */
export const webhookBodyLimitBytes = (): number => readEnv("WEBHOOK_BODY_LIMIT_BYTES");
