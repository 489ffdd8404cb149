import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { planSeries } from "../../../app/cli/plan";
import { readPeriodSeriesCsv } from "../../../app/cli/series-csv";
import { readStockCsv } from "../../../app/cli/stock-csv";

const folder = mkdtempSync(join(tmpdir(), "tempo-plan-cli-"));
function file(name: string, text: string): string {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}
const run = promisify(execFile);
const steady = (id: string, weeks: number, level: number) => Array.from({ length: weeks }, (_, t) => `${id},${t + 1},${level + ((t * 7) % 3) - 1}`);

describe("planning CLI", () => {
  it("plans each series with the app's functions: policy numbers, the reorder, and the stockout period after the history's", async () => {
    const history = file("h.csv", ["series_id,period,value", ...steady("fast", 60, 20), ...steady("slow", 60, 2)].join("\n") + "\n");
    const stock = file("s.csv", "series_id,on_hand,lead_time_weeks,unit_cost,case_pack,moq,service_level\nfast,30,3,4.5,12,0,95\nslow,400,2,1,1,0,0.9\n");
    const output = join(folder, "p.csv");
    const { stdout } = await run("npx", ["tsx", "app/cli/plan.ts", "--history", history, "--stock", stock, "--output", output]);
    expect(stdout).toContain("planned 2 series");
    const [header, ...rows] = readFileSync(output, "utf8").trim().split("\n");
    expect(header).toBe("series_id,safety_stock,reorder_point,order_up_to,proposed_quantity,projected_stockout_period");
    const fast = rows.find((r) => r.startsWith("fast,"))!.split(",");
    const slow = rows.find((r) => r.startsWith("slow,"))!.split(",");
    // ~20 a week, 30 on hand: runs out in period 62 (the second week after the history's 60).
    expect(Number(fast[5])).toBe(62);
    // It must reorder to its order-up-to (~4 weeks of demand plus safety), in cases of 12.
    expect(Number(fast[4]) % 12).toBe(0);
    expect(Number(fast[4])).toBeGreaterThanOrEqual(Number(fast[3]) - 30);
    expect(Number(fast[1])).toBeGreaterThan(0);
    // 400 units at ~2 a week last far beyond the horizon: nothing to order, no stockout.
    expect(slow[4]).toBe("0");
    expect(slow[5]).toBe("");
  }, 60_000);

  it("names the line of a bad row in either file", async () => {
    await expect(readStockCsv(file("bad-stock.csv", "series_id,on_hand,lead_time_weeks,unit_cost,case_pack,moq,service_level\na,10,2,1,1,0,95\nb,10,two,1,1,0,95\n"))).rejects.toThrow(
      'Line 3: lead_time_weeks "two" must be between 0 and 104 weeks',
    );
    await expect(readStockCsv(file("dup-stock.csv", "series_id,on_hand,lead_time_weeks,unit_cost,case_pack,moq,service_level\na,10,2,1,1,0,95\na,10,2,1,1,0,95\n"))).rejects.toThrow('Line 3: series "a" is already on line 2');
    await expect(readPeriodSeriesCsv(file("gap.csv", "series_id,period,value\na,1,3\na,3,4\n"))).rejects.toThrow('Line 3: period 3 of series "a" should be 2');
    const history = file("h2.csv", "series_id,period,value\na,1,3\n");
    const stock = file("s2.csv", "series_id,on_hand,lead_time_weeks,unit_cost,case_pack,moq,service_level\nb,1,1,1,1,0,95\n");
    await expect(run("npx", ["tsx", "app/cli/plan.ts", "--history", history, "--stock", stock, "--output", join(folder, "x.csv")])).rejects.toMatchObject({ stderr: expect.stringContaining('Line 2 of the stock file: series "b" has no history') });
  }, 60_000);

  it("gives the same numbers in-process as the CLI writes", () => {
    const values = Array.from({ length: 60 }, (_, t) => 20 + ((t * 7) % 3) - 1);
    const row = planSeries(values, 60, { line: 2, onHand: 30, leadTimeWeeks: 3, unitCost: 4.5, casePack: 12, moq: 0, serviceLevel: 0.95 }, 26, 52);
    expect(row.projected_stockout_period).toBe(62);
    expect(row.order_up_to).toBeGreaterThanOrEqual(row.reorder_point);
  });
});
