/**
 * Turns one executed bulk chunk into Shopify's JSONL lines: every connection node becomes
 * its own line; nodes of nested connections follow their parent and carry `__parentId`.
 * Plain nested objects and lists stay inline.
 */

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** The nodes of a connection-shaped result ({ edges: [{ node }] } or { nodes: [] }), else null. */
export function connectionNodes(value: unknown): Json[] | null {
  if (!isObject(value)) return null;
  if (Array.isArray(value.edges) && value.edges.every((e) => isObject(e) && "node" in e)) {
    return value.edges.map((e) => (e as Json).node).filter(isObject);
  }
  if (Array.isArray(value.nodes) && ("pageInfo" in value || Object.keys(value).every((k) => k === "nodes" || k === "edges"))) {
    return value.nodes.filter(isObject);
  }
  return null;
}

/** Copies `object` without its connection fields; collects those connections' nodes into `children`. */
function stripConnections(object: Json, children: Json[][]): Json {
  const copy: Json = {};
  for (const [key, value] of Object.entries(object)) {
    const nodes = connectionNodes(value);
    if (nodes) {
      children.push(nodes);
      continue;
    }
    copy[key] = isObject(value) ? stripConnections(value, children) : value;
  }
  return copy;
}

/** Appends the lines of one node (and, recursively, its nested connection nodes) to `out`. */
export function flattenNode(node: Json, parentId: string | null, out: string[]): number {
  const children: Json[][] = [];
  const line = stripConnections(node, children);
  if (parentId !== null) line.__parentId = parentId;
  out.push(JSON.stringify(line));
  let count = 1;
  const id = typeof node.id === "string" ? node.id : parentId;
  for (const group of children) for (const child of group) count += flattenNode(child, id, out);
  return count;
}

/** Lines for the root connection's nodes in a chunk result; returns counts for objectCount. */
export function flattenChunk(data: Json): { lines: string[]; objects: number; roots: number } {
  const lines: string[] = [];
  let objects = 0;
  let roots = 0;
  for (const value of Object.values(data)) {
    const nodes = connectionNodes(value);
    if (!nodes) continue;
    for (const node of nodes) {
      roots++;
      objects += flattenNode(node, null, lines);
    }
  }
  return { lines, objects, roots };
}
