import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { checkPromoFiles } from "../../../app/cli/promo-check";
import { optionsPathFor, readInboundCsv, readPromoJson } from "../../../app/cli/promo-files";
import { readPeriodSeriesCsv } from "../../../app/cli/series-csv";
import { readStockCsv } from "../../../app/cli/stock-csv";

const folder = mkdtempSync(join(tmpdir(), "tempo-promo-cli-"));
function file(name: string, text: string): string {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}
const run = promisify(execFile);
// About 70 a week (69, 70, 71, …): 10 a day; at ×2, 20 a day.
const steady = (id: string, weeks: number, level: number) => Array.from({ length: weeks }, (_, t) => `${id},${t + 1},${level + ((t * 7) % 3) - 1}`);
const STOCK_HEADER = "series_id,on_hand,lead_time_weeks,unit_cost,case_pack,moq,service_level";

// Periods 1–60 of history: the check starts at period 61 and the promotion runs period 62 at ×2.
// "roomy" has 2000 on hand. "tight" has 100: period 61 leaves 30, so the promotion's Tuesday
// goes short until 500 arrive at the start of period 63: 10 + 5 × 20 = 110 units short.
const history = () => file("h.csv", ["series_id,period,value", ...steady("roomy", 60, 70), ...steady("tight", 60, 70)].join("\n") + "\n");
const stock = () => file("s.csv", `${STOCK_HEADER}\nroomy,2000,2,4,1,0,95\ntight,100,2,4,1,0,95\n`);
const inbound = () => file("i.csv", "series_id,arrival_period,units\ntight,63,500\n");
const promo = () => file("p.json", JSON.stringify({ start: 62, end: 62, uplift: 2, series: ["roomy", "tight"] }));

describe("promotion CLI", () => {
  it("writes a verdict per series and the ranked phasing options, with the app's functions", async () => {
    const output = join(folder, "o.csv");
    const { stdout } = await run("npx", ["tsx", "app/cli/promo-check.ts", "--history", history(), "--stock", stock(), "--inbound", inbound(), "--promo", promo(), "--output", output]);
    expect(stdout).toContain("not_supportable: 2 series, 1 supportable, 0 at risk, 1 not supportable; 3 phasing options.");
    const [header, ...rows] = readFileSync(output, "utf8").trim().split("\n");
    expect(header).toBe("series_id,verdict,first_short_period,units_short");
    expect(rows[0]).toBe("roomy,supportable,,0");
    const tight = rows[1]!.split(",");
    expect(tight.slice(0, 3)).toEqual(["tight", "not_supportable", "62"]);
    expect(Number(tight[3])).toBeGreaterThan(100);
    expect(Number(tight[3])).toBeLessThan(120);

    const [optionsHeader, ...options] = readFileSync(optionsPathFor(output), "utf8").trim().split("\n");
    expect(optionsHeader).toBe("rank,kind,description,verdict_after");
    // Starting with period 63, when the inbound lands, carries both; so does moving only "tight"
    // to a second wave; leaving it out sells less. Neither a cap nor an order (two weeks' lead
    // time) can save the Tuesday to Sunday before the inbound.
    expect(options).toEqual([
      "1,move_start,\"Start on period 63 instead of period 62 (to day 7 of period 63), once inbound of period 63 arrives.\",supportable",
      "2,waves,\"Run 1 variant from period 62 as planned and 1 variant in a second wave from period 63 to day 7 of period 63 (tight), once their stock arrives.\",supportable",
      "3,drop_variants,Leave out 1 variant that stock cannot carry: tight.,supportable",
    ]);
  }, 60_000);

  it("gives the same answer in-process", async () => {
    const result = checkPromoFiles({
      history: await readPeriodSeriesCsv(history()),
      stock: await readStockCsv(stock()),
      inbound: await readInboundCsv(inbound()),
      promo: await readPromoJson(promo()),
      horizon: 26,
      season: 52,
    });
    expect(result.verdicts.map((v) => v.verdict)).toEqual(["supportable", "not_supportable"]);
    expect(result.options.map((o) => o.kind)).toEqual(["move_start", "waves", "drop_variants"]);
    expect(result.check.series[1]?.reason).toMatch(/^Short from day 2 of period 62 \(day 2 of the promotion\): 1\d\d units short; 100 on hand, 500 arriving period 63 \(inbound of period 63\)/);
  }, 60_000);

  it("names the line or field of bad input", async () => {
    const inboundHeader = "series_id,arrival_period,units\n";
    await expect(readInboundCsv(file("bad-i.csv", `${inboundHeader}tight,63,500\ntight,sixty,5\n`))).rejects.toThrow('Line 3 of the inbound file: arrival_period "sixty" is not a whole number');
    await expect(readInboundCsv(file("neg-i.csv", `${inboundHeader}tight,63,-5\n`))).rejects.toThrow('Line 2 of the inbound file: units "-5" must be a number, 0 or more');
    await expect(readInboundCsv(file("head-i.csv", "series,period,units\n"))).rejects.toThrow('Line 1 of the inbound file: expected header "series_id,arrival_period,units"');
    await expect(readPromoJson(file("p1.json", "{ start: 62 }"))).rejects.toThrow("The promotion file is not valid JSON");
    await expect(readPromoJson(file("p2.json", JSON.stringify({ start: 62, end: 61, uplift: 2, series: ["a"] })))).rejects.toThrow('The promotion file: "end" (period 61) is before "start" (period 62)');
    await expect(readPromoJson(file("p3.json", JSON.stringify({ start: 62, end: 62, uplift: "2", series: ["a"] })))).rejects.toThrow('The promotion file: "uplift" must be a positive multiplier, got "2"');
    await expect(readPromoJson(file("p4.json", JSON.stringify({ start: 62, end: 62, uplfit: 2, series: ["a"] })))).rejects.toThrow('The promotion file: unknown field "uplfit"');
    await expect(readPromoJson(file("p5.json", JSON.stringify({ start: 62, end: 62, uplift: 2, series: ["a", "a"] })))).rejects.toThrow('The promotion file: "series"[1] "a" is listed twice');

    const files = async (inboundText: string, promoValue: object) => ({
      history: await readPeriodSeriesCsv(history()),
      stock: await readStockCsv(stock()),
      inbound: await readInboundCsv(file("x-i.csv", inboundText)),
      promo: await readPromoJson(file("x-p.json", JSON.stringify(promoValue))),
      horizon: 26,
      season: 52,
    });
    const good = { start: 62, end: 62, uplift: 2, series: ["roomy", "tight"] };
    await expect(files(`${inboundHeader}ghost,63,5\n`, good).then(checkPromoFiles)).rejects.toThrow('Line 2 of the inbound file: series "ghost" has no history');
    await expect(files(`${inboundHeader}tight,60,5\n`, good).then(checkPromoFiles)).rejects.toThrow("Line 2 of the inbound file: arrival_period 60 must come after the history, which ends with period 60");
    await expect(files(inboundHeader, { ...good, start: 60 }).then(checkPromoFiles)).rejects.toThrow('The promotion file: "start" (period 60) must come after the history, which ends with period 60');
    await expect(files(inboundHeader, { ...good, series: ["roomy", "ghost"] }).then(checkPromoFiles)).rejects.toThrow('The promotion file: series "ghost" has no history');

    await expect(run("npx", ["tsx", "app/cli/promo-check.ts", "--history", history(), "--stock", stock(), "--inbound", inbound(), "--output", join(folder, "x.csv")])).rejects.toMatchObject({ stderr: expect.stringContaining("missing --promo") });
  }, 60_000);
});

