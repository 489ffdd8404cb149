import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

const REPO_ROOT = path.resolve(import.meta.dirname, "../..");
export const STATE_FILE = path.join(REPO_ROOT, ".tempo/services.json");
export const LOG_FILE = path.join(REPO_ROOT, ".tempo/services.log");

/** What a running `services.ts up` publishes so `env` and `down` can find it. */
export interface ServicesState {
  pid: number;
  databaseUrl: string;
  redisUrl: string;
}

export function readState(): ServicesState | undefined {
  if (!existsSync(STATE_FILE)) return undefined;
  try {
    const state = JSON.parse(readFileSync(STATE_FILE, "utf8")) as ServicesState;
    return isAlive(state.pid) ? state : undefined;
  } catch {
    return undefined;
  }
}

export function writeState(state: ServicesState): void {
  writeFileSync(STATE_FILE, JSON.stringify(state, null, 2));
}

export function removeState(): void {
  rmSync(STATE_FILE, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
