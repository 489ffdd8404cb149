/** Shopify global ids (gid://shopify/Type/123) for the simulator's numeric-string ids. */

export function toGid(type: string, id: string, query?: Record<string, string>): string {
  const suffix = query ? `?${new URLSearchParams(query).toString()}` : "";
  return `gid://shopify/${type}/${id}${suffix}`;
}

export interface ParsedGid {
  type: string;
  id: string;
}

/** Returns null for anything that is not a well-formed Shopify gid, as Shopify answers such lookups with null. */
export function parseGid(gid: string): ParsedGid | null {
  const match = /^gid:\/\/shopify\/([A-Za-z]+)\/([^/?]+)(\?.*)?$/.exec(gid);
  if (!match) return null;
  return { type: match[1] ?? "", id: match[2] ?? "" };
}
