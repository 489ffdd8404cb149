import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

export type CopyValue = string | number | bigint | boolean | Date | null | undefined | readonly string[];

/** One value in COPY's text format: \N for null, backslash escapes, {a,b} for arrays. */
export function copyField(value: CopyValue): string {
  if (value === null || value === undefined) return "\\N";
  if (typeof value === "number" || typeof value === "bigint" || typeof value === "boolean") return String(value);
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) {
    const items = (value as readonly string[]).map((item) => `"${item.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`);
    return escapeText(`{${items.join(",")}}`);
  }
  return escapeText(String(value));
}

const NEEDS_ESCAPE = /[\\\t\n\r]/;

function escapeText(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text.replace(/[\\\t\n\r]/g, (ch) => (ch === "\\" ? "\\\\" : ch === "\t" ? "\\t" : ch === "\n" ? "\\n" : "\\r"));
}

export function copyLine(values: readonly CopyValue[]): string {
  return `${values.map(copyField).join("\t")}\n`;
}

/**
 * COPYs `rows` into a fresh temp table shaped like `table` (dropped at commit),
 * so the caller can merge it with one INSERT ... SELECT ... ON CONFLICT.
 * Must run inside a transaction.
 */
export async function copyIntoStaging(
  client: pg.PoolClient,
  table: string,
  staging: string,
  columns: readonly string[],
  rows: readonly (readonly CopyValue[])[],
  extraColumnsDdl = "",
): Promise<void> {
  await client.query(`CREATE TEMP TABLE IF NOT EXISTS "${staging}" (LIKE "${table}" INCLUDING DEFAULTS${extraColumnsDdl ? `, ${extraColumnsDdl}` : ""}) ON COMMIT DROP`);
  await copyRows(client, staging, columns, rows);
}

/** COPYs rows straight into `table` (any table, temp or not). */
export async function copyRows(
  client: pg.PoolClient,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly CopyValue[])[],
): Promise<void> {
  if (rows.length === 0) return;
  const stream = client.query(copyFrom(`COPY "${table}" (${quotedColumns(columns)}) FROM STDIN`));
  await pipeline(Readable.from(chunked(rows)), stream);
}

/** Groups rows into ~64 KiB strings so COPY gets few large writes. */
function* chunked(rows: readonly (readonly CopyValue[])[]): Generator<string> {
  let buffer = "";
  for (const row of rows) {
    buffer += copyLine(row);
    if (buffer.length > 65_536) {
      yield buffer;
      buffer = "";
    }
  }
  if (buffer) yield buffer;
}

export function quotedColumns(columns: readonly string[]): string {
  return columns.map((c) => `"${c}"`).join(", ");
}

/** `"col" = EXCLUDED."col"` for every column not in the key. */
export function excludedAssignments(columns: readonly string[], key: readonly string[]): string {
  return columns
    .filter((c) => !key.includes(c))
    .map((c) => `"${c}" = EXCLUDED."${c}"`)
    .join(", ");
}
