import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

interface LockEntry {
  optionalDependencies?: Record<string, string>;
  dependencies?: Record<string, string>;
}

const lock = JSON.parse(readFileSync("package-lock.json", "utf8")) as { lockfileVersion: number; packages: Record<string, LockEntry> };

/** Where npm would find `name` for the package at `from`: its own node_modules, then each parent's, then the root. */
function resolves(from: string, name: string): boolean {
  let base = from;
  for (;;) {
    if (lock.packages[`${base ? `${base}/` : ""}node_modules/${name}`]) return true;
    if (!base) return false;
    const cut = base.lastIndexOf("/node_modules/");
    base = cut < 0 ? "" : base.slice(0, cut);
  }
}

describe("package-lock.json", () => {
  it("lists every optional dependency of the packages it holds, so a fresh npm install leaves it unchanged", () => {
    expect(lock.lockfileVersion).toBe(3);
    // npm records optional builds for every platform (rollup's, msgpackr-extract's), installed or not;
    // a lock written without them is rewritten by the first install of every clone.
    const missing = Object.entries(lock.packages).flatMap(([at, entry]) =>
      Object.keys(entry.optionalDependencies ?? {})
        .filter((name) => !resolves(at, name))
        .map((name) => `${at || "(root)"} -> ${name}`),
    );
    expect(missing).toEqual([]);
  });
});
