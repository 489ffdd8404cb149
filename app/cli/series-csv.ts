// Streaming reader for long-format series CSV (series_id,period,value) and writer for forecast rows.
import { createReadStream, createWriteStream, existsSync } from "node:fs";
import { parse } from "csv-parse";
import { stringify } from "csv-stringify";
import { finished } from "node:stream/promises";

export const SERIES_HEADER = ["series_id", "period", "value"] as const;
export const FORECAST_HEADER = ["series_id", "step", "p10", "p50", "p90", "model"] as const;

export class SeriesCsvError extends Error {}

/** Reads series in file order; values per series in row order. Throws SeriesCsvError with the line number. */
export async function readSeriesCsv(path: string): Promise<Map<string, number[]>> {
  const series = await readPeriodSeriesCsv(path, { checkPeriods: false });
  return new Map([...series].map(([id, s]) => [id, s.values]));
}

export interface PeriodSeries {
  values: number[];
  /** The last period number read: future periods continue from it. */
  lastPeriod: number;
}

/**
 * The same file with its period numbers kept. With `checkPeriods`, each series' periods must be
 * whole numbers rising by one (a gap would shift every later week).
 */
export async function readPeriodSeriesCsv(path: string, options: { checkPeriods?: boolean } = {}): Promise<Map<string, PeriodSeries>> {
  if (!existsSync(path)) throw new SeriesCsvError(`Input file not found: ${path}`);
  const parser = createReadStream(path).pipe(parse({ info: true, skip_empty_lines: true, trim: true, relax_column_count: true }));
  const series = new Map<string, PeriodSeries>();
  let headerSeen = false;
  for await (const record of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    const fields = record.record;
    const line = record.info.lines;
    if (!headerSeen) {
      const header = fields.map((f) => f.toLowerCase());
      if (header.length !== 3 || SERIES_HEADER.some((name, i) => header[i] !== name)) {
        throw new SeriesCsvError(`Line ${line}: expected header "${SERIES_HEADER.join(",")}", got "${fields.join(",")}"`);
      }
      headerSeen = true;
      continue;
    }
    if (fields.length !== 3) throw new SeriesCsvError(`Line ${line}: expected 3 columns, got ${fields.length}`);
    const [id, rawPeriod, rawValue] = fields as [string, string, string];
    const value = rawValue === "" ? NaN : Number(rawValue);
    if (!Number.isFinite(value)) throw new SeriesCsvError(`Line ${line}: value "${rawValue}" is not a number`);
    const period = Number(rawPeriod);
    let entry = series.get(id);
    if (options.checkPeriods !== false) {
      if (!Number.isInteger(period)) throw new SeriesCsvError(`Line ${line}: period "${rawPeriod}" is not a whole number`);
      if (entry && period !== entry.lastPeriod + 1) throw new SeriesCsvError(`Line ${line}: period ${period} of series "${id}" should be ${entry.lastPeriod + 1}`);
    }
    if (!entry) series.set(id, (entry = { values: [], lastPeriod: period - 1 }));
    entry.values.push(value);
    entry.lastPeriod = Number.isFinite(period) ? period : entry.lastPeriod + 1;
  }
  if (!headerSeen) throw new SeriesCsvError(`Line 1: expected header "${SERIES_HEADER.join(",")}", file is empty`);
  return series;
}

export interface ForecastRow {
  series_id: string;
  step: number;
  p10: number;
  p50: number;
  p90: number;
  model: string;
}

/** Streams forecast rows to a CSV file with the FORECAST_HEADER columns. */
export async function writeForecastCsv(path: string, rows: Iterable<ForecastRow>): Promise<void> {
  const stringifier = stringify({ header: true, columns: [...FORECAST_HEADER] });
  const output = createWriteStream(path);
  stringifier.pipe(output);
  for (const row of rows) {
    if (!stringifier.write(row)) await new Promise<void>((resolve) => stringifier.once("drain", () => resolve()));
  }
  stringifier.end();
  await finished(output);
}
