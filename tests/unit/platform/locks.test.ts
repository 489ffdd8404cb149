import { describe, expect, it } from "vitest";
import { LOCK_KEYS } from "~/platform/locks.server";

describe("advisory lock keys", () => {
  it("gives every kind of lock its own first key", () => {
    const keys = Object.values(LOCK_KEYS);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) expect(Number.isInteger(key) && key > 0 && key < 2 ** 31).toBe(true);
  });
});
