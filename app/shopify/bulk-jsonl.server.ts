import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";

/** The result file ended in the middle of a line: the download or the export was cut short. */
export class TruncatedBulkFileError extends Error {
  constructor(readonly completeLines: number) {
    super(`Shopify's export file was cut off after ${completeLines} complete lines`);
    this.name = "TruncatedBulkFileError";
  }
}

/** Consecutive lines of a bulk result file: `lines[i]` is line number `first + i`. */
export interface JsonlChunk {
  first: number;
  lines: string[];
}

/**
 * Streams a bulk result file in chunks of whole lines, as they arrive (never the
 * whole file in memory). Lines before `skip` are left out; throws
 * TruncatedBulkFileError when the last line has no newline and is not JSON.
 * Chunks rather than single lines: a million lines through readline and an async
 * generator each cost seconds of the one core the app has.
 */
export async function* streamJsonlChunks(url: string, skip = 0): AsyncGenerator<JsonlChunk> {
  const response = await fetchWithRetry(url);
  if (!response.body) return;
  const decoder = new TextDecoder();
  let partial = "";
  let next = 0;
  const chunkFrom = (lines: string[]): JsonlChunk | null => {
    const first = next;
    next += lines.length;
    if (next <= skip) return null;
    return first >= skip ? { first, lines } : { first: skip, lines: lines.slice(skip - first) };
  };
  for await (const bytes of Readable.fromWeb(response.body as WebReadableStream<Uint8Array>)) {
    const lines = (partial + decoder.decode(bytes as Uint8Array, { stream: true })).split("\n");
    partial = lines.pop() ?? "";
    for (let i = 0; i < lines.length; i++) if (lines[i]!.endsWith("\r")) lines[i] = lines[i]!.slice(0, -1);
    const chunk = lines.length > 0 ? chunkFrom(lines) : null;
    if (chunk) yield chunk;
  }
  partial += decoder.decode();
  if (partial === "") return;
  if (!isJson(partial)) throw new TruncatedBulkFileError(next);
  const chunk = chunkFrom([partial]);
  if (chunk) yield chunk;
}

/** Line by line over `streamJsonlChunks`: yields { index, text } for lines after the first `skip`. */
export async function* streamJsonlLines(url: string, skip = 0): AsyncGenerator<{ index: number; text: string }> {
  for await (const { first, lines } of streamJsonlChunks(url, skip)) {
    for (let i = 0; i < lines.length; i++) yield { index: first + i, text: lines[i]! };
  }
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** The result URL no longer serves the file (Shopify's links expire after a week). */
export class BulkResultGoneError extends Error {
  constructor(readonly status: number) {
    super(`Shopify's export file is no longer available (HTTP ${status})`);
    this.name = "BulkResultGoneError";
  }
}

async function fetchWithRetry(url: string, attempts = 4): Promise<Response> {
  let lastError: unknown;
  for (let attempt = 0; attempt < attempts; attempt++) {
    try {
      const response = await fetch(url);
      if (response.ok) return response;
      if (response.status < 500) throw new BulkResultGoneError(response.status);
      lastError = new Error(`Downloading Shopify's export failed with HTTP ${response.status}`);
    } catch (error) {
      if (error instanceof BulkResultGoneError) throw error;
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 500 * 2 ** attempt));
  }
  throw lastError;
}
