import { statSync } from "node:fs";
import path from "node:path";

/** Each existing ancestor of `target` (root first); the first missing one stops the walk. */
export function existingAncestors(target: string): string[] {
  const ancestors: string[] = [];
  let current = path.resolve(target);
  for (;;) {
    ancestors.unshift(current);
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  return ancestors.filter((dir) => safeStat(dir) !== undefined);
}

/**
 * Folders among the ancestors of `target` that a user other than the owner (the `postgres`
 * user PostgreSQL runs as when we are root) cannot traverse, e.g. /root with mode 700.
 */
export function foldersClosedToOthers(target: string, modeOf = (dir: string) => safeStat(dir)?.mode): string[] {
  return existingAncestors(target).filter((dir) => {
    const mode = modeOf(dir);
    return mode !== undefined && (mode & 0o001) === 0;
  });
}

function safeStat(dir: string): { mode: number } | undefined {
  try {
    return statSync(dir);
  } catch {
    return undefined;
  }
}
