import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { copyField, isoTimestamp } from "~/platform/copy-upsert.server";
import { parseBulkLine } from "~/shopify/bulk-records.server";
import { streamJsonlChunks, streamJsonlLines, TruncatedBulkFileError } from "~/shopify/bulk-jsonl.server";

describe("isoTimestamp", () => {
  it("writes exactly what Date#toISOString writes", () => {
    const edges = [0, -1, 951_782_400_000, 951_868_799_999, 4_107_542_400_000, -62_167_219_200_000, 253_402_300_799_999];
    const spread = Array.from({ length: 5_000 }, (_, i) => (i - 2_500) * 3_456_789_123 + (i % 1000));
    for (const ms of [...edges, ...spread]) expect(isoTimestamp(ms)).toBe(new Date(ms).toISOString());
  });

  it("falls back to toISOString outside years 0 to 9999", () => {
    expect(isoTimestamp(253_402_300_800_000)).toBe("+010000-01-01T00:00:00.000Z");
    expect(isoTimestamp(-62_167_219_200_001)).toBe("-000001-12-31T23:59:59.999Z");
    expect(copyField(new Date("2026-01-02T03:04:05.006Z"))).toBe("2026-01-02T03:04:05.006Z");
  });
});

describe("bulk GIDs", () => {
  const idOf = (gid: string) => {
    const record = parseBulkLine(JSON.stringify({ id: "gid://shopify/LineItem/5", variant: { id: gid }, __parentId: gid }));
    return record.kind === "line" ? [record.record.orderId, record.record.variantId] : null;
  };

  it("reads the number after the type, up to any query string", () => {
    expect(idOf("gid://shopify/Order/123?x=1")).toEqual([123n, 123n]);
    expect(idOf("gid://shopify/Order/12a3")).toEqual([12n, 12n]);
  });

  it("rejects what is not a Shopify GID", () => {
    for (const gid of ["nope", "gid://shopify/Order/", "gid://shopify//1", "gid://shopify/Or der/1", "gid://shopify/Order1", "gid://other/Order/1"]) {
      expect(idOf(gid)).toEqual([0n, null]);
    }
    expect(parseBulkLine(JSON.stringify({ id: "gid://shopify/Ördér/1" })).kind).toBe("other");
    expect(parseBulkLine(JSON.stringify({ id: "gid://shopify/Order/7" }))).toMatchObject({ kind: "order", root: true, record: { id: 7n } });
  });
});

describe("streamJsonlChunks", () => {
  /** Serves `pieces` as separate writes, so lines and UTF-8 characters arrive split. */
  async function serve(pieces: Buffer[], check: (url: string) => Promise<void>) {
    const server = createServer(async (_req, res) => {
      res.writeHead(200, { "content-type": "application/jsonl" });
      for (const piece of pieces) {
        res.write(piece);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      await check(`http://127.0.0.1:${(server.address() as AddressInfo).port}/result.jsonl`);
    } finally {
      server.close();
    }
  }

  const file = Buffer.from('{"a":"é1"}\r\n{"a":"2€"}\n{"a":3}\n{"a":"4"}\n');
  const split = [file.subarray(0, 7), file.subarray(7, 19), file.subarray(19, 30), file.subarray(30)];

  it("rebuilds lines split across reads, numbered from the cursor", async () => {
    await serve(split, async (url) => {
      const all: string[] = [];
      for await (const { first, lines } of streamJsonlChunks(url)) lines.forEach((text, i) => (all[first + i] = text));
      expect(all).toEqual(['{"a":"é1"}', '{"a":"2€"}', '{"a":3}', '{"a":"4"}']);
      const after: { index: number; text: string }[] = [];
      for await (const line of streamJsonlLines(url, 2)) after.push(line);
      expect(after).toEqual([
        { index: 2, text: '{"a":3}' },
        { index: 3, text: '{"a":"4"}' },
      ]);
    });
  });

  it("keeps a complete last line without newline, rejects a cut one", async () => {
    await serve([Buffer.from('{"a":1}\n{"a":2}')], async (url) => {
      const indexes: number[] = [];
      for await (const line of streamJsonlLines(url)) indexes.push(line.index);
      expect(indexes).toEqual([0, 1]);
    });
    await serve([Buffer.from('{"a":1}\n{"a":'), Buffer.from("2")], async (url) => {
      const read = async () => {
        for await (const chunk of streamJsonlChunks(url)) void chunk;
      };
      await expect(read()).rejects.toEqual(new TruncatedBulkFileError(1));
    });
  });
});
