import { GraphQLError } from "graphql";

/** Shopify's page-size ceiling for connections. */
export const MAX_PAGE_SIZE = 250;

export interface ConnectionArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

/**
 * During a bulk operation connections ignore pagination: the root connection yields the
 * current chunk of its full list, nested ones yield everything.
 */
export interface BulkScope {
  rootOffset: number;
  rootLimit: number;
  /** Set by the root connection so the runner knows when it has walked the whole list. */
  rootTotal?: number;
}

interface CursorPayload {
  last_id: string;
  i: number;
}

export function encodeCursor(id: string, index: number): string {
  const payload: CursorPayload = { last_id: id, i: index };
  return Buffer.from(JSON.stringify(payload)).toString("base64");
}

function decodeCursor(cursor: string): CursorPayload {
  try {
    const payload = JSON.parse(Buffer.from(cursor, "base64").toString("utf8")) as Partial<CursorPayload>;
    if (typeof payload.last_id === "string" && typeof payload.i === "number") {
      return { last_id: payload.last_id, i: payload.i };
    }
  } catch {
    // fall through to the error below
  }
  throw new GraphQLError(`Invalid cursor for current pagination sort.`, { extensions: { code: "BAD_REQUEST" } });
}

/** Position of the item a cursor points at; the index hint makes the common case O(1). */
function indexOfCursor<T>(items: readonly T[], cursor: string, idOf: (item: T) => string): number {
  const { last_id, i } = decodeCursor(cursor);
  const hinted = items[i];
  if (hinted !== undefined && idOf(hinted) === last_id) return i;
  const found = items.findIndex((item) => idOf(item) === last_id);
  if (found === -1) {
    throw new GraphQLError(`Invalid cursor for current pagination sort.`, { extensions: { code: "BAD_REQUEST" } });
  }
  return found;
}

export function checkPageArgs(args: ConnectionArgs): void {
  const { first, last } = args;
  if ((first === undefined || first === null) && (last === undefined || last === null)) {
    throw new GraphQLError("you must provide one of first or last", { extensions: { code: "BAD_REQUEST" } });
  }
  for (const [name, value] of [
    ["first", first],
    ["last", last],
  ] as const) {
    if (typeof value === "number" && (value < 0 || value > MAX_PAGE_SIZE)) {
      throw new GraphQLError(`The value of the argument \`${name}\` must be between 0 and ${MAX_PAGE_SIZE}.`, {
        extensions: { code: "BAD_REQUEST" },
      });
    }
  }
}

/** An edge whose cursor is only encoded when asked for (bulk exports rarely select it). */
class Edge<N> {
  constructor(
    readonly node: N,
    private readonly id: string,
    private readonly index: number,
  ) {}
  get cursor(): string {
    return encodeCursor(this.id, this.index);
  }
}

export interface Connection<N> {
  edges: { cursor: string; node: N }[];
  nodes: N[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

export interface ConnectionOptions<T, N> {
  items: readonly T[];
  args: ConnectionArgs;
  idOf: (item: T) => string;
  toNode: (item: T) => N;
  bulk?: BulkScope;
  /** True for a top-level field: in bulk mode it is the one that is chunked. */
  isRoot?: boolean;
}

function slicePage<T>(items: readonly T[], args: ConnectionArgs, idOf: (item: T) => string) {
  let start = 0;
  let end = items.length;
  if (args.after) start = indexOfCursor(items, args.after, idOf) + 1;
  if (args.before) end = indexOfCursor(items, args.before, idOf);
  if (end < start) end = start;
  let from = start;
  let to = end;
  if (typeof args.first === "number") to = Math.min(to, from + args.first);
  if (typeof args.last === "number") from = Math.max(from, to - args.last);
  return { from, to, hasNextPage: to < end, hasPreviousPage: from > start };
}

export function buildConnection<T, N>(options: ConnectionOptions<T, N>): Connection<N> {
  const { items, args, idOf, toNode, bulk, isRoot } = options;
  let page: { from: number; to: number; hasNextPage: boolean; hasPreviousPage: boolean };
  if (bulk && isRoot) {
    bulk.rootTotal = items.length;
    const to = Math.min(items.length, bulk.rootOffset + bulk.rootLimit);
    page = { from: bulk.rootOffset, to, hasNextPage: to < items.length, hasPreviousPage: bulk.rootOffset > 0 };
  } else if (bulk) {
    page = { from: 0, to: items.length, hasNextPage: false, hasPreviousPage: false };
  } else {
    checkPageArgs(args);
    page = slicePage(items, args, idOf);
  }
  const edges: Edge<N>[] = [];
  for (let i = page.from; i < page.to; i++) {
    const item = items[i] as T;
    edges.push(new Edge(toNode(item), idOf(item), i));
  }
  return {
    edges,
    nodes: edges.map((e) => e.node),
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}
