import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

/** The two browser scripts of the extension host: the page side and the sandbox worker. */
export type HostScript = "extension-host" | "extension-sandbox";

const ENTRIES: Record<HostScript, string> = {
  "extension-host": "host.ts",
  "extension-sandbox": "sandbox-worker.ts",
};

const cache = new Map<HostScript, Promise<string>>();

/** Bundles (once per process, about 100 ms) the TypeScript under this folder into a classic script. */
export function hostScript(name: HostScript): Promise<string> {
  let bundled = cache.get(name);
  if (!bundled) {
    const entry = join(dirname(fileURLToPath(import.meta.url)), ENTRIES[name]);
    bundled = build({ entryPoints: [entry], bundle: true, write: false, format: "iife", platform: "browser", target: "es2022", minify: false, logLevel: "silent" }).then(
      (result) => result.outputFiles[0]?.text ?? "",
    );
    bundled.catch(() => cache.delete(name));
    cache.set(name, bundled);
  }
  return bundled;
}
