import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Lint (eslint.config.js) decides which folder may import which; what it cannot see is a cycle
// between features. Features build on each other in layers (the board shows alerts; alerts never
// import the board), so a feature's imports of other features must form no loop.
const FEATURES = "app/features";

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : /\.(ts|tsx)$/.test(entry.name) ? [full] : [];
  });
}

function featureGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const feature of readdirSync(FEATURES)) {
    const uses = new Set<string>();
    for (const file of sourceFiles(path.join(FEATURES, feature))) {
      for (const match of readFileSync(file, "utf8").matchAll(/from\s+["']~\/features\/([a-z0-9-]+)\//g)) {
        if (match[1] !== feature) uses.add(match[1]!);
      }
    }
    graph.set(feature, uses);
  }
  return graph;
}

/** A cycle as a path (first feature repeated last), or null. */
function findCycle(graph: Map<string, Set<string>>): string[] | null {
  const state = new Map<string, "open" | "done">();
  const walk = (node: string, trail: string[]): string[] | null => {
    if (state.get(node) === "done") return null;
    if (state.get(node) === "open") return [...trail.slice(trail.indexOf(node)), node];
    state.set(node, "open");
    for (const next of graph.get(node) ?? []) {
      const cycle = walk(next, [...trail, node]);
      if (cycle) return cycle;
    }
    state.set(node, "done");
    return null;
  };
  for (const node of graph.keys()) {
    const cycle = walk(node, []);
    if (cycle) return cycle;
  }
  return null;
}

describe("features", () => {
  it("import each other without a cycle", () => {
    expect(findCycle(featureGraph())).toBeNull();
  });

  it("finds a cycle when there is one (the check itself)", () => {
    const graph = new Map([["board", new Set(["alerts"])], ["alerts", new Set(["plan-runs"])], ["plan-runs", new Set(["board"])]]);
    expect(findCycle(graph)).toEqual(["board", "alerts", "plan-runs", "board"]);
  });
});
