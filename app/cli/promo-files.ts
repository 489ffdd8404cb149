// Readers for the promotion CLI's inbound file (I.csv) and promotion file (P.json), and writers
// for its verdicts (O.csv) and ranked phasing options (O.options.csv).
import { createReadStream, existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { parse } from "csv-parse";
import { stringify } from "csv-stringify/sync";
import { SeriesCsvError } from "./series-csv";

export const INBOUND_HEADER = ["series_id", "arrival_period", "units"] as const;
export const VERDICT_HEADER = ["series_id", "verdict", "first_short_period", "units_short"] as const;
export const OPTIONS_HEADER = ["rank", "kind", "description", "verdict_after"] as const;

export interface InboundRow {
  line: number;
  seriesId: string;
  arrivalPeriod: number;
  units: number;
}

/** Inbound arrivals in file order; every problem names its line. */
export async function readInboundCsv(path: string): Promise<InboundRow[]> {
  if (!existsSync(path)) throw new SeriesCsvError(`Input file not found: ${path}`);
  const parser = createReadStream(path).pipe(parse({ info: true, skip_empty_lines: true, trim: true, relax_column_count: true }));
  const rows: InboundRow[] = [];
  let headerSeen = false;
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    const line = info.lines;
    if (!headerSeen) {
      const header = record.map((f) => f.toLowerCase());
      if (header.length !== INBOUND_HEADER.length || INBOUND_HEADER.some((name, i) => header[i] !== name)) {
        throw new SeriesCsvError(`Line ${line} of the inbound file: expected header "${INBOUND_HEADER.join(",")}", got "${record.join(",")}"`);
      }
      headerSeen = true;
      continue;
    }
    if (record.length !== INBOUND_HEADER.length) throw new SeriesCsvError(`Line ${line} of the inbound file: expected ${INBOUND_HEADER.length} columns, got ${record.length}`);
    const [seriesId, rawPeriod, rawUnits] = record as [string, string, string];
    if (!seriesId) throw new SeriesCsvError(`Line ${line} of the inbound file: series_id is empty`);
    const arrivalPeriod = rawPeriod === "" ? NaN : Number(rawPeriod);
    if (!Number.isInteger(arrivalPeriod)) throw new SeriesCsvError(`Line ${line} of the inbound file: arrival_period "${rawPeriod}" is not a whole number`);
    const units = rawUnits === "" ? NaN : Number(rawUnits);
    if (!Number.isFinite(units) || units < 0) throw new SeriesCsvError(`Line ${line} of the inbound file: units "${rawUnits}" must be a number, 0 or more`);
    rows.push({ line, seriesId, arrivalPeriod, units });
  }
  if (!headerSeen) throw new SeriesCsvError(`Line 1 of the inbound file: expected header "${INBOUND_HEADER.join(",")}", file is empty`);
  return rows;
}

export interface PromoFile {
  /** First and last period of the promotion, inclusive. */
  start: number;
  end: number;
  /** Multiplier on baseline sales during it. */
  uplift: number;
  series: string[];
  name: string;
}

const PROMO_FIELDS = ["start", "end", "uplift", "series", "name"];

/** `{ "start": period, "end": period, "uplift": multiplier, "series": [ids] }`, with an optional "name"; errors name the field. */
export async function readPromoJson(path: string): Promise<PromoFile> {
  if (!existsSync(path)) throw new SeriesCsvError(`Input file not found: ${path}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, "utf8"));
  } catch (error) {
    throw new SeriesCsvError(`The promotion file is not valid JSON: ${(error as Error).message}`);
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) throw new SeriesCsvError('The promotion file must hold one object: { "start": period, "end": period, "uplift": multiplier, "series": [ids] }');
  const record = parsed as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!PROMO_FIELDS.includes(key)) throw new SeriesCsvError(`The promotion file: unknown field "${key}" (expected ${PROMO_FIELDS.join(", ")})`);
  }
  const period = (field: "start" | "end"): number => {
    const value = record[field];
    if (typeof value !== "number" || !Number.isInteger(value)) throw new SeriesCsvError(`The promotion file: "${field}" must be a whole period number, got ${JSON.stringify(value)}`);
    return value;
  };
  const start = period("start");
  const end = period("end");
  if (end < start) throw new SeriesCsvError(`The promotion file: "end" (period ${end}) is before "start" (period ${start})`);
  const uplift = record.uplift;
  if (typeof uplift !== "number" || !Number.isFinite(uplift) || uplift <= 0) throw new SeriesCsvError(`The promotion file: "uplift" must be a positive multiplier, got ${JSON.stringify(uplift)}`);
  const series = record.series;
  if (!Array.isArray(series) || series.length === 0) throw new SeriesCsvError('The promotion file: "series" must be a non-empty list of series ids');
  const seen = new Set<string>();
  series.forEach((id, i) => {
    if (typeof id !== "string" || id === "") throw new SeriesCsvError(`The promotion file: "series"[${i}] must be a series id, got ${JSON.stringify(id)}`);
    if (seen.has(id)) throw new SeriesCsvError(`The promotion file: "series"[${i}] "${id}" is listed twice`);
    seen.add(id);
  });
  const name = record.name === undefined ? "the promotion" : record.name;
  if (typeof name !== "string") throw new SeriesCsvError(`The promotion file: "name" must be text, got ${JSON.stringify(name)}`);
  return { start, end, uplift, series: series as string[], name };
}

export interface VerdictRow {
  series_id: string;
  verdict: string;
  first_short_period: number | "";
  units_short: number;
}

export interface OptionRow {
  rank: number;
  kind: string;
  description: string;
  verdict_after: string;
}

export async function writeVerdictCsv(path: string, rows: readonly VerdictRow[]): Promise<void> {
  await writeFile(path, stringify(rows as unknown as Record<string, unknown>[], { header: true, columns: [...VERDICT_HEADER] }));
}

export async function writeOptionsCsv(path: string, rows: readonly OptionRow[]): Promise<void> {
  await writeFile(path, stringify(rows as unknown as Record<string, unknown>[], { header: true, columns: [...OPTIONS_HEADER] }));
}

/** O.csv -> O.options.csv beside it. */
export function optionsPathFor(output: string): string {
  return output.toLowerCase().endsWith(".csv") ? `${output.slice(0, -4)}.options.csv` : `${output}.options.csv`;
}
