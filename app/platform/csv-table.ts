/**
 * Reading a merchant's CSV file into rows of named cells (what each cell means is the importer's).
 * Every problem names the file's line, the column and the value, so a merchant can fix it in
 * a spreadsheet; an import writes nothing unless every row reads cleanly.
 */
import { CsvError, parse } from "csv-parse/sync";

export interface CsvCellError {
  /** The line in the file (the header is line 1). */
  line: number;
  column: string | null;
  value: string | null;
  message: string;
}

export interface CsvRow {
  line: number;
  cells: Record<string, string>;
}

export type CsvTable = { ok: true; rows: CsvRow[] } | { ok: false; errors: CsvCellError[] };

/** Imports are spreadsheets, not data dumps: beyond this the file is refused. */
export const MAX_IMPORT_ROWS = 50_000;

const normaliseHeader = (name: string): string => name.trim().toLowerCase().replace(/[\s-]+/g, "_");

export function readCsvTable(text: string, columns: { required: readonly string[]; optional: readonly string[] }): CsvTable {
  let parsed: { record: string[]; info: { lines: number } }[];
  try {
    parsed = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true, info: true }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const line = error instanceof CsvError && typeof (error as CsvError & { lines?: number }).lines === "number" ? (error as CsvError & { lines: number }).lines : 1;
    const message = error instanceof Error ? error.message.replace(/^Invalid Record Length: /, "") : String(error);
    return { ok: false, errors: [{ line, column: null, value: null, message: `The file is not valid CSV: ${message}` }] };
  }
  const records = parsed.map((entry) => entry.record);
  const [header, ...body] = records;
  if (!header) return { ok: false, errors: [{ line: 1, column: null, value: null, message: "The file is empty: it needs a header row and at least one row." }] };
  const names = header.map(normaliseHeader);
  const known = new Set([...columns.required, ...columns.optional]);
  const errors: CsvCellError[] = [];
  for (const required of columns.required) {
    if (!names.includes(required)) errors.push({ line: 1, column: required, value: null, message: `The header has no "${required}" column.` });
  }
  names.forEach((name, i) => {
    if (!known.has(name)) errors.push({ line: 1, column: header[i] ?? name, value: null, message: `Unknown column "${header[i]}". Expected: ${[...known].join(", ")}.` });
  });
  if (body.length === 0) errors.push({ line: 2, column: null, value: null, message: "The file has a header but no rows." });
  if (body.length > MAX_IMPORT_ROWS) errors.push({ line: MAX_IMPORT_ROWS + 2, column: null, value: null, message: `The file has ${body.length} rows; at most ${MAX_IMPORT_ROWS} can be imported at once.` });
  if (errors.length > 0) return { ok: false, errors };

  return {
    ok: true,
    // csv-parse skips blank lines, so each row's line comes from the parser, not its index.
    rows: body.map((record, i) => ({
      line: parsed[i + 1]?.info.lines ?? i + 2,
      cells: Object.fromEntries(names.map((name, c) => [name, record[c] ?? ""])),
    })),
  };
}
