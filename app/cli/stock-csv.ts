// Reader for the planning CLI's stock file and writer for its plan rows.
import { createReadStream, existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { parse } from "csv-parse";
import { stringify } from "csv-stringify/sync";
import { SeriesCsvError } from "./series-csv";

export const STOCK_HEADER = ["series_id", "on_hand", "lead_time_weeks", "unit_cost", "case_pack", "moq", "service_level"] as const;
export const PLAN_HEADER = ["series_id", "safety_stock", "reorder_point", "order_up_to", "proposed_quantity", "projected_stockout_period"] as const;

export interface StockRow {
  line: number;
  onHand: number;
  leadTimeWeeks: number;
  unitCost: number | null;
  casePack: number;
  moq: number;
  /** A fraction: 95 and 0.95 both read as 0.95. */
  serviceLevel: number;
}

function number(line: number, column: string, raw: string, check: (n: number) => boolean, rule: string): number {
  const value = raw.trim() === "" ? NaN : Number(raw);
  if (!Number.isFinite(value) || !check(value)) throw new SeriesCsvError(`Line ${line}: ${column} "${raw}" ${rule}`);
  return value;
}

/** One row per series; every problem names its line. */
export async function readStockCsv(path: string): Promise<Map<string, StockRow>> {
  if (!existsSync(path)) throw new SeriesCsvError(`Input file not found: ${path}`);
  const parser = createReadStream(path).pipe(parse({ info: true, skip_empty_lines: true, trim: true, relax_column_count: true }));
  const rows = new Map<string, StockRow>();
  let headerSeen = false;
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    const line = info.lines;
    if (!headerSeen) {
      const header = record.map((f) => f.toLowerCase());
      if (header.length !== STOCK_HEADER.length || STOCK_HEADER.some((name, i) => header[i] !== name)) {
        throw new SeriesCsvError(`Line ${line}: expected header "${STOCK_HEADER.join(",")}", got "${record.join(",")}"`);
      }
      headerSeen = true;
      continue;
    }
    if (record.length !== STOCK_HEADER.length) throw new SeriesCsvError(`Line ${line}: expected ${STOCK_HEADER.length} columns, got ${record.length}`);
    const [id, onHand, lead, cost, pack, moq, service] = record as [string, string, string, string, string, string, string];
    if (!id) throw new SeriesCsvError(`Line ${line}: series_id is empty`);
    if (rows.has(id)) throw new SeriesCsvError(`Line ${line}: series "${id}" is already on line ${rows.get(id)!.line}`);
    const level = number(line, "service_level", service, (n) => n > 0 && n < 100, "must be a share (0.95) or a percent (95) below 100");
    rows.set(id, {
      line,
      onHand: number(line, "on_hand", onHand, Number.isFinite, "is not a number"),
      leadTimeWeeks: number(line, "lead_time_weeks", lead, (n) => n >= 0 && n <= 104, "must be between 0 and 104 weeks"),
      unitCost: cost.trim() === "" ? null : number(line, "unit_cost", cost, (n) => n >= 0, "must be 0 or more"),
      casePack: pack.trim() === "" ? 1 : number(line, "case_pack", pack, (n) => Number.isInteger(n) && n >= 1, "must be a whole number, at least 1"),
      moq: moq.trim() === "" ? 0 : number(line, "moq", moq, (n) => n >= 0, "must be 0 or more"),
      serviceLevel: level > 1 ? level / 100 : level,
    });
  }
  if (!headerSeen) throw new SeriesCsvError(`Line 1: expected header "${STOCK_HEADER.join(",")}", file is empty`);
  return rows;
}

export interface PlanRow {
  series_id: string;
  safety_stock: number;
  reorder_point: number;
  order_up_to: number;
  proposed_quantity: number;
  projected_stockout_period: number | "";
}

export async function writePlanCsv(path: string, rows: readonly PlanRow[]): Promise<void> {
  await writeFile(path, stringify(rows as unknown as Record<string, unknown>[], { header: true, columns: [...PLAN_HEADER] }));
}
