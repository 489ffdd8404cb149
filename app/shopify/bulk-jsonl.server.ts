import { createInterface } from "node:readline";
import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";

/** The result file ended in the middle of a line: the download or the export was cut short. */
export class TruncatedBulkFileError extends Error {
  constructor(readonly completeLines: number) {
    super(`Shopify's export file was cut off after ${completeLines} complete lines`);
    this.name = "TruncatedBulkFileError";
  }
}

/**
 * Streams a bulk result file line by line (never the whole file in memory).
 * Yields { index, text } for lines after the first `skip`; throws
 * TruncatedBulkFileError when the last line has no newline or is not JSON.
 */
export async function* streamJsonlLines(url: string, skip = 0): AsyncGenerator<{ index: number; text: string }> {
  const response = await fetchWithRetry(url);
  if (!response.body) return;
  const body = Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
  let endedWithNewline = true;
  body.on("data", (chunk: Buffer) => {
    if (chunk.length > 0) endedWithNewline = chunk[chunk.length - 1] === 0x0a;
  });
  const lines = createInterface({ input: body, crlfDelay: Infinity });
  let index = 0;
  let pending: string | null = null;
  for await (const text of lines) {
    if (pending !== null) {
      if (index >= skip) yield { index, text: pending };
      index++;
    }
    pending = text;
  }
  if (pending === null) return;
  if (!endedWithNewline && !isJson(pending)) throw new TruncatedBulkFileError(index);
  if (pending !== "" && index >= skip) yield { index, text: pending };
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
