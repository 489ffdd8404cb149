import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The README's Layout block is where a newcomer finds their way: it must name every folder of
// app/ and of app/features/, and nothing that is not there.
const readme = readFileSync("README.md", "utf8");
const block = readme.slice(readme.indexOf("## Layout")).split("```")[1] ?? "";

const folders = (dir: string) => readdirSync(dir).filter((name) => statSync(path.join(dir, name)).isDirectory());
const named = (indent: number) =>
  [...block.matchAll(new RegExp(`^ {${indent}}([a-z-]+)/`, "gm"))].map((m) => m[1]!);

describe("README Layout", () => {
  it("names every folder of app/, and only those", () => {
    expect(named(2).sort()).toEqual(folders("app").sort());
  });

  it("names every feature, and only those", () => {
    expect(named(4).sort()).toEqual(folders("app/features").sort());
  });
});
