import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseToml } from "smol-toml";

/** One `[[extensions]]` entry of an extension folder's shopify.extension.toml, as Shopify CLI reads it. */
export interface AppExtensionConfig {
  /** The folder under extensions/ that holds the toml. */
  directory: string;
  type: string;
  handle: string;
  name: string;
  description?: string;
  /** The whole toml, for the extension kinds that read more (settings, targeting, api_version). */
  toml: Record<string, unknown>;
  /** The `[[extensions]]` entry itself. */
  entry: Record<string, unknown>;
}

const HANDLE_PATTERN = /^[a-z0-9][a-z0-9-]*$/i;

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/**
 * Reads every `<dir>/<extension>/shopify.extension.toml`, as `shopify app build` does with the
 * default `extension_directories`. A malformed toml throws with its path: the app would not build.
 */
export function loadAppExtensions(extensionsDir: string): AppExtensionConfig[] {
  if (!existsSync(extensionsDir)) return [];
  const extensions: AppExtensionConfig[] = [];
  for (const directory of readdirSync(extensionsDir, { withFileTypes: true })) {
    if (!directory.isDirectory()) continue;
    const tomlPath = join(extensionsDir, directory.name, "shopify.extension.toml");
    if (!existsSync(tomlPath)) continue;
    let toml: Record<string, unknown>;
    try {
      toml = parseToml(readFileSync(tomlPath, "utf8")) as Record<string, unknown>;
    } catch (error) {
      throw new Error(`${tomlPath}: ${(error as Error).message}`);
    }
    const entries = Array.isArray(toml.extensions) ? toml.extensions.map(asRecord) : [];
    if (entries.length === 0) throw new Error(`${tomlPath}: no [[extensions]] entry`);
    for (const entry of entries) {
      const { type, handle, name } = entry;
      if (typeof type !== "string" || typeof handle !== "string" || typeof name !== "string") {
        throw new Error(`${tomlPath}: every [[extensions]] entry needs a type, a handle and a name`);
      }
      if (!HANDLE_PATTERN.test(handle) || handle.length > 30) {
        throw new Error(`${tomlPath}: handle "${handle}" must be at most 30 letters, digits and hyphens`);
      }
      extensions.push({
        directory: join(extensionsDir, directory.name),
        type,
        handle,
        name,
        description: typeof entry.description === "string" ? entry.description : undefined,
        toml,
        entry,
      });
    }
  }
  const seen = new Set<string>();
  for (const extension of extensions) {
    if (seen.has(extension.handle)) throw new Error(`Two extensions share the handle "${extension.handle}"`);
    seen.add(extension.handle);
  }
  return extensions;
}
