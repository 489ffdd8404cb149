/**
 * Reading a merchant's CSV file into rows of named cells, and the field readers imports use.
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

/** Reads cells of one row; collects errors instead of throwing so all of a file's problems show at once. */
export class RowReader {
  constructor(
    private readonly row: CsvRow,
    private readonly errors: CsvCellError[],
  ) {}

  private fail(column: string, value: string, message: string): null {
    this.errors.push({ line: this.row.line, column, value, message });
    return null;
  }

  text(column: string, options: { required?: boolean; maxLength?: number } = {}): string | null {
    const value = this.row.cells[column] ?? "";
    if (value === "") return options.required ? this.fail(column, value, `${column} is required.`) : null;
    if (options.maxLength !== undefined && value.length > options.maxLength) return this.fail(column, value, `${column} is longer than ${options.maxLength} characters.`);
    return value;
  }

  integer(column: string, min: number, max: number): number | null {
    const value = this.row.cells[column] ?? "";
    if (value === "") return null;
    const parsed = Number(value);
    if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(parsed)) return this.fail(column, value, `"${value}" is not a whole number.`);
    if (parsed < min || parsed > max) return this.fail(column, value, `${parsed} is outside ${min}–${max}.`);
    return parsed;
  }

  decimal(column: string, min: number, max: number): number | null {
    const value = this.row.cells[column] ?? "";
    if (value === "") return null;
    const parsed = Number(value);
    if (!/^-?\d+(\.\d+)?$/.test(value) || !Number.isFinite(parsed)) return this.fail(column, value, `"${value}" is not a number (use a dot for decimals, no currency sign).`);
    if (parsed < min || parsed > max) return this.fail(column, value, `${parsed} is outside ${min}–${max}.`);
    return parsed;
  }

  email(column: string): string | null {
    const value = this.text(column, { maxLength: 254 });
    if (value === null) return null;
    return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value) ? value : this.fail(column, value, `"${value}" is not an e-mail address.`);
  }

  currency(column: string): string | null {
    const value = this.text(column);
    if (value === null) return null;
    const code = value.toUpperCase();
    return /^[A-Z]{3}$/.test(code) && isKnownCurrency(code) ? code : this.fail(column, value, `"${value}" is not an ISO 4217 currency code (e.g. USD, EUR, KWD).`);
  }

  /** A list separated by "|" (commas belong to CSV). */
  list(column: string): string[] {
    const value = this.row.cells[column] ?? "";
    return value === "" ? [] : value.split("|").map((part) => part.trim()).filter(Boolean);
  }

  reject(column: string, message: string): null {
    return this.fail(column, this.row.cells[column] ?? "", message);
  }
}

function isKnownCurrency(code: string): boolean {
  try {
    return Intl.supportedValuesOf("currency").includes(code);
  } catch {
    return true;
  }
}
