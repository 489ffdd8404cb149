import { existsSync } from "node:fs";
import { join } from "node:path";
import type { AppExtensionConfig } from "../extensions/app-extensions";

/** A ui_extension target the admin renders as a block, with where Shopify CLI writes its bundle. */
export interface AdminBlockExtension {
  handle: string;
  name: string;
  target: string;
  /** <extension>/dist/<handle>.js, as `shopify app build` writes it. */
  bundlePath: string;
  built: boolean;
}

/** The app's ui_extensions that declare `target` (in [[extensions.targeting]] or extension_points). */
export function adminBlocksFor(extensions: readonly AppExtensionConfig[], target: string): AdminBlockExtension[] {
  const blocks: AdminBlockExtension[] = [];
  for (const extension of extensions) {
    if (extension.type !== "ui_extension") continue;
    const targeting = (extension.entry.targeting ?? extension.entry.extension_points ?? []) as { target?: unknown }[];
    if (!Array.isArray(targeting) || !targeting.some((t) => t?.target === target)) continue;
    const bundlePath = join(extension.directory, "dist", `${extension.handle}.js`);
    blocks.push({ handle: extension.handle, name: extension.name, target, bundlePath, built: existsSync(bundlePath) });
  }
  return blocks;
}
