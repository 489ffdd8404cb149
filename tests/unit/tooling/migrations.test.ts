import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";

const migrations = readdirSync("prisma/migrations", { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

describe("prisma migrations", () => {
  it("are named <14-digit timestamp>_<snake_case>", () => {
    for (const name of migrations) expect(name).toMatch(/^\d{14}_[a-z0-9_]+$/);
  });

  it("each have a timestamp of their own, so the order they apply in is the order they were written", () => {
    const stamps = migrations.map((name) => name.slice(0, 14));
    const repeated = stamps.filter((stamp, i) => stamps.indexOf(stamp) !== i);
    expect(repeated).toEqual([]);
  });
});
