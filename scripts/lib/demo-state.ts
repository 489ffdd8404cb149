/**
 * While the demo runs it publishes how to join it (.tempo/demo.json, or TEMPO_DEMO_STATE):
 * its pid and the environment its worker runs with, so `npm run worker` started beside
 * it uses the same database, Redis, queues and local Shopify.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

const REPO_ROOT = path.resolve(import.meta.dirname, "../..");

export interface DemoState {
  pid: number;
  env: Record<string, string>;
}

export function demoStateFile(): string {
  return process.env.TEMPO_DEMO_STATE ?? path.join(REPO_ROOT, ".tempo/demo.json");
}

export function writeDemoState(state: DemoState): void {
  mkdirSync(path.dirname(demoStateFile()), { recursive: true });
  writeFileSync(demoStateFile(), JSON.stringify(state, null, 2), { mode: 0o600 });
}

export function removeDemoState(): void {
  rmSync(demoStateFile(), { force: true });
}

/** The running demo's state; undefined when there is none (or its process is gone). */
export function readDemoState(): DemoState | undefined {
  const file = demoStateFile();
  if (!existsSync(file)) return undefined;
  try {
    const state = JSON.parse(readFileSync(file, "utf8")) as DemoState;
    process.kill(state.pid, 0);
    return state;
  } catch {
    return undefined;
  }
}
