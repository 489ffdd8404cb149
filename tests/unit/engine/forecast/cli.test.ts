import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { readSeriesCsv } from "../../../../app/cli/series-csv";

const folder = mkdtempSync(join(tmpdir(), "tempo-forecast-cli-"));
function file(name: string, text: string): string {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}

describe("series CSV reader", () => {
  it("groups values by series in row order", async () => {
    const series = await readSeriesCsv(file("ok.csv", "series_id,period,value\na,1,3\na,2,4\nb,1,7\n"));
    expect([...series.entries()]).toEqual([["a", [3, 4]], ["b", [7]]]);
  });
  it("reports a missing file", async () => {
    await expect(readSeriesCsv(join(folder, "nope.csv"))).rejects.toThrow(/Input file not found/);
  });
  it("reports a bad header", async () => {
    await expect(readSeriesCsv(file("header.csv", "id,period,qty\na,1,3\n"))).rejects.toThrow(/Line 1: expected header "series_id,period,value"/);
  });
  it("reports a non-numeric value with its line number", async () => {
    await expect(readSeriesCsv(file("value.csv", "series_id,period,value\na,1,3\na,2,abc\n"))).rejects.toThrow(/Line 3: value "abc" is not a number/);
  });
});

describe("forecast CLI", () => {
  const run = promisify(execFile);
  const cli = ["tsx", "app/cli/forecast.ts"];
  it("writes p10/p50/p90 rows per series and step", async () => {
    const rows = ["series_id,period,value", ...Array.from({ length: 40 }, (_, t) => `s1,${t + 1},${10 + (t % 4)}`)];
    const input = file("in.csv", rows.join("\n") + "\n");
    const output = join(folder, "out.csv");
    await run("npx", [...cli, "--input", input, "--horizon", "3", "--season", "4", "--output", output]);
    const lines = readFileSync(output, "utf8").trim().split("\n");
    expect(lines[0]).toBe("series_id,step,p10,p50,p90,model");
    expect(lines).toHaveLength(4);
    const [, step, p10, p50, p90] = lines[1]!.split(",");
    expect(step).toBe("1");
    expect(Number(p10)).toBeLessThanOrEqual(Number(p50));
    expect(Number(p50)).toBeLessThanOrEqual(Number(p90));
  }, 30_000);
  it("exits with status 1 and a clear message on a bad value", async () => {
    const input = file("bad.csv", "series_id,period,value\na,1,x\n");
    const failure = await run("npx", [...cli, "--input", input, "--horizon", "3", "--season", "4", "--output", join(folder, "o.csv")]).catch((e: { code: number; stderr: string }) => e);
    expect(failure).toMatchObject({ code: 1 });
    expect((failure as { stderr: string }).stderr).toMatch(/Line 2: value "x" is not a number/);
  }, 30_000);
});
